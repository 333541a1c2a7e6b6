import { z } from 'zod';
import type { RouteModule } from '../../platform/http/context.js';
import { actorOf, principalOf } from '../../platform/http/context.js';
import { idParams, labelledRoutes, listOf, wholeList } from '../../platform/http/validation.js';
import { nowIso } from '../../platform/time.js';
import { grantOrgPath } from './grants.repository.js';
import { presentGrant } from './users.presenter.js';
import { createGrantBody, grantSchema, userLabels } from './users.schemas.js';
import { createGrant, listGrantsOfUser, revokeGrant } from './grants.service.js';

/** The security admin's grants page: roles on organisations, within the admin's own scope. */
export const grantRoutes: RouteModule = labelledRoutes(userLabels, (app, ctx) => {
  app.get('/api/v1/users/:id/grants', {
    config: { access: { permission: 'grant.manage' } },
    schema: { tags: ['grants'], params: idParams, response: { 200: listOf(grantSchema) } },
  }, async (req) => {
    const now = nowIso();
    return wholeList((await listGrantsOfUser(ctx, principalOf(req), req.params.id)).map((g) => presentGrant(g, now)));
  });

  app.post('/api/v1/grants', {
    config: { access: { permission: 'grant.manage' } },
    schema: { tags: ['grants'], body: createGrantBody, response: { 201: grantSchema } },
  }, async (req, reply) => {
    const grant = await createGrant(ctx, principalOf(req), actorOf(req), req.body);
    return reply.status(201).send(presentGrant(grant, nowIso()));
  });

  app.delete('/api/v1/grants/:id', {
    config: { access: { permission: 'grant.manage', resource: async (c, p) => {
      const id = idParams.safeParse(p);
      return id.success ? grantOrgPath(c.db.kysely, id.data.id) : null;
    } } },
    schema: { tags: ['grants'], params: idParams, response: { 204: z.null() } },
  }, async (req, reply) => {
    await revokeGrant(ctx, principalOf(req), actorOf(req), req.params.id);
    return reply.status(204).send(null);
  });
});
