import type { RouteModule } from '../../platform/http/context.js';
import { actorOf, principalOf } from '../../platform/http/context.js';
import { listOf, labelledRoutes } from '../../platform/http/validation.js';
import {
  accountSheetRowSchema, createMemberAccountsBody, memberAccountItemSchema, memberAccountListQuery, memberAccountsResult, userIdParams, userLabels,
} from './users.schemas.js';
import { createMemberAccounts, listMemberAccounts, memberAccountOrgPath, resetMemberAccount } from './member-accounts.service.js';

/**
 * Secretaries and committee staff open and reset accounts for the members of their scope; the answer is
 * the printable sheet of one-time passwords, shown once.
 */
export const memberAccountRoutes: RouteModule = labelledRoutes(userLabels, (app, ctx) => {
  app.get('/api/v1/member-accounts', {
    config: { access: { permission: 'account.manage' } },
    schema: { tags: ['member-accounts'], querystring: memberAccountListQuery, response: { 200: listOf(memberAccountItemSchema) } },
  }, async (req) => listMemberAccounts(ctx, principalOf(req), req.query));

  app.post('/api/v1/member-accounts', {
    config: { access: { permission: 'account.manage' } },
    schema: { tags: ['member-accounts'], body: createMemberAccountsBody, response: { 200: memberAccountsResult } },
  }, async (req) => createMemberAccounts(ctx, principalOf(req), actorOf(req), req.body.memberIds));

  app.post('/api/v1/member-accounts/:userId/reset', {
    config: { access: { permission: 'account.manage', resource: async (c, p) => {
      const id = userIdParams.safeParse(p);
      return id.success ? memberAccountOrgPath(c, id.data.userId) : null;
    } } },
    schema: { tags: ['member-accounts'], params: userIdParams, response: { 200: accountSheetRowSchema } },
  }, async (req) => resetMemberAccount(ctx, actorOf(req), req.params.userId));
});
