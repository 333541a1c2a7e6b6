import type { RouteModule } from '../../platform/http/context.js';
import { actorOf } from '../../platform/http/context.js';
import { idParams, listOf, labelledRoutes } from '../../platform/http/validation.js';
import { presentUser } from './users.presenter.js';
import { createUserBody, issuedPasswordSchema, patchUserBody, userListQuery, userSchema, userLabels } from './users.schemas.js';
import { createUser, findUsers, getUser, patchUser, resetUserPassword, withRoles, type IssuedPassword } from './users.service.js';

/**
 * The system admin's accounts page. Accounts are not organisation records, so user.manage reaches
 * every account; roles are granted by the security admin (grants.routes.ts).
 */
export const userRoutes: RouteModule = labelledRoutes(userLabels, (app, ctx) => {
  const presentIssued = async (r: IssuedPassword) => {
    const { user, roles } = await withRoles(ctx, r.user);
    return { user: presentUser(user, roles), oneTimePassword: r.oneTimePassword, expiresAt: r.expiresAt };
  };

  app.get('/api/v1/users', {
    config: { access: { permission: 'user.read' } },
    schema: { tags: ['users'], querystring: userListQuery, response: { 200: listOf(userSchema) } },
  }, async (req) => {
    const { items, total } = await findUsers(ctx, req.query);
    return { items: items.map((u) => presentUser(u.user, u.roles)), total };
  });

  app.post('/api/v1/users', {
    config: { access: { permission: 'user.manage' } },
    schema: { tags: ['users'], body: createUserBody, response: { 201: issuedPasswordSchema } },
  }, async (req, reply) => {
    const issued = await createUser(ctx, actorOf(req), req.body);
    return reply.status(201).send(await presentIssued(issued));
  });

  app.get('/api/v1/users/:id', {
    config: { access: { permission: 'user.read' } },
    schema: { tags: ['users'], params: idParams, response: { 200: userSchema } },
  }, async (req) => {
    const { user, roles } = await withRoles(ctx, await getUser(ctx, req.params.id));
    return presentUser(user, roles);
  });

  app.patch('/api/v1/users/:id', {
    config: { access: { permission: 'user.manage' } },
    schema: { tags: ['users'], params: idParams, body: patchUserBody, response: { 200: userSchema } },
  }, async (req) => {
    const { user, roles } = await withRoles(ctx, await patchUser(ctx, actorOf(req), req.params.id, req.body));
    return presentUser(user, roles);
  });

  app.post('/api/v1/users/:id/reset-password', {
    config: { access: { permission: 'user.manage' } },
    schema: { tags: ['users'], params: idParams, response: { 200: issuedPasswordSchema } },
  }, async (req) => presentIssued(await resetUserPassword(ctx, actorOf(req), req.params.id)));
});
