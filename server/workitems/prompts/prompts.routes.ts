import type { RouteModule } from '../../platform/http/context.js';
import { actorOf, principalOf } from '../../platform/http/context.js';
import { idParams, labelledRoutes } from '../../platform/http/validation.js';
import { resourceBy } from './issuer.js';
import { promptScopePath } from './prompts.repository.js';
import {
  fanOutBody, fanOutResultSchema, promptCreateBody, promptDetailSchema, promptListQuery, promptListSchema, promptPatchBody,
  promptStatsQuery, promptStatsSchema, receiptListQuery, receiptListSchema, receivedListQuery, receivedListSchema, promptLabels,
} from './prompts.schemas.js';
import { createPrompt, fanOutPrompt, listPromptsFor, promptDetail, promptStats, receiptBoard, receivedFor, updatePrompt } from './prompts.service.js';

export const promptRoutes: RouteModule = labelledRoutes(promptLabels, (app, ctx) => {
  const db = ctx.db.kysely;
  const tags = ['work-prompts'];
  const assign = { permission: 'workitem.assign' as const, resource: resourceBy(promptScopePath) };

  app.get('/api/v1/work-prompts', {
    config: { access: { permission: 'workitem.assign' } },
    schema: { tags, querystring: promptListQuery, response: { 200: promptListSchema } },
  }, async (req) => listPromptsFor(db, principalOf(req), req.query));

  app.get('/api/v1/work-prompts/stats', {
    config: { access: { permission: 'workitem.assign' } },
    schema: { tags, querystring: promptStatsQuery, response: { 200: promptStatsSchema } },
  }, async (req) => promptStats(db, principalOf(req), req.query.year));

  app.get('/api/v1/work-prompts/received', {
    config: { access: { permission: 'workitem.write' } },
    schema: { tags, querystring: receivedListQuery, response: { 200: receivedListSchema } },
  }, async (req) => receivedFor(db, principalOf(req), req.query));

  app.post('/api/v1/work-prompts', {
    config: { access: { permission: 'workitem.assign' } },
    schema: { tags, body: promptCreateBody, response: { 201: promptDetailSchema } },
  }, async (req, reply) => {
    const id = await createPrompt(db, actorOf(req), principalOf(req), req.body);
    return reply.status(201).send(await promptDetail(db, id));
  });

  app.get('/api/v1/work-prompts/:id', {
    config: { access: assign },
    schema: { tags, params: idParams, response: { 200: promptDetailSchema } },
  }, async (req) => promptDetail(db, req.params.id));

  app.patch('/api/v1/work-prompts/:id', {
    config: { access: assign },
    schema: { tags, params: idParams, body: promptPatchBody, response: { 200: promptDetailSchema } },
  }, async (req) => {
    await updatePrompt(db, actorOf(req), req.params.id, req.body);
    return promptDetail(db, req.params.id);
  });

  app.post('/api/v1/work-prompts/:id/fan-out', {
    config: { access: assign },
    schema: { tags, params: idParams, body: fanOutBody, response: { 200: fanOutResultSchema } },
  }, async (req) => fanOutPrompt(db, actorOf(req), principalOf(req), req.params.id, req.body));

  app.get('/api/v1/work-prompts/:id/receipts', {
    config: { access: assign },
    schema: { tags, params: idParams, querystring: receiptListQuery, response: { 200: receiptListSchema } },
  }, async (req) => receiptBoard(db, req.params.id, req.query));
});
