import type { RouteModule } from '../http/context.js';
import { actorOf, principalOf } from '../http/context.js';
import { setupBody, setupResultSchema, setupStatusSchema, setupLabels } from './setup.schemas.js';
import { initialise, setupNeeded } from './setup.service.js';
import { labelledRoutes } from '../http/validation.js';

/** The one-time initialisation (初始化) of a fresh installation, by its first system admin. */
export const setupRoutes: RouteModule = labelledRoutes(setupLabels, (app, ctx) => {
  app.get('/api/v1/setup', {
    config: { access: { permission: 'user.manage' } },
    schema: { tags: ['setup'], response: { 200: setupStatusSchema } },
  }, async () => ({ needed: await setupNeeded(ctx) }));

  app.post('/api/v1/setup', {
    config: { access: { permission: 'user.manage' } },
    schema: { tags: ['setup'], body: setupBody, response: { 201: setupResultSchema } },
  }, async (req, reply) => reply.status(201).send(await initialise(ctx, principalOf(req), actorOf(req), req.body)));
});
