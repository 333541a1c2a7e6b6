import type { RouteModule } from '../../platform/http/context.js';
import { actorOf, principalOf } from '../../platform/http/context.js';
import { idParams, labelledRoutes } from '../../platform/http/validation.js';
import { resourceBy } from '../prompts/issuer.js';
import { dutyListScopePath, templateScopePath } from './duty-lists.repository.js';
import {
  dutyAddBody, dutyListDetailSchema, dutyListListSchema, dutyListPatchBody, dutyListQuery, generateBody, generateResultSchema,
  templateCreateBody, templateListSchema, templatePatchBody, templateSchema, unitProgressQuery, unitProgressSchema, dutyListLabels,
} from './duty-lists.schemas.js';
import {
  addDuty, createTemplate, dutyListDetail, dutyListsFor, generateForYear, templateDetail, templatesFor, unitProgressFor, updateDutyList, updateTemplate,
} from './duty-lists.service.js';

export const dutyListRoutes: RouteModule = labelledRoutes(dutyListLabels, (app, ctx) => {
  const db = ctx.db.kysely;
  const tags = ['duty-lists'];
  const template = { permission: 'workitem.assign' as const, resource: resourceBy(templateScopePath) };

  app.get('/api/v1/duty-templates', {
    config: { access: { permission: 'workitem.assign' } },
    schema: { tags, response: { 200: templateListSchema } },
  }, async (req) => templatesFor(db, principalOf(req)));

  app.post('/api/v1/duty-templates', {
    config: { access: { permission: 'workitem.assign' } },
    schema: { tags, body: templateCreateBody, response: { 201: templateSchema } },
  }, async (req, reply) => reply.status(201).send(await templateDetail(db, await createTemplate(db, actorOf(req), principalOf(req), req.body))));

  app.patch('/api/v1/duty-templates/:id', {
    config: { access: template },
    schema: { tags, params: idParams, body: templatePatchBody, response: { 200: templateSchema } },
  }, async (req) => {
    await updateTemplate(db, actorOf(req), req.params.id, req.body);
    return templateDetail(db, req.params.id);
  });

  app.get('/api/v1/duty-lists', {
    config: { access: { permission: 'workitem.read' } },
    schema: { tags, querystring: dutyListQuery, response: { 200: dutyListListSchema } },
  }, async (req) => dutyListsFor(db, principalOf(req), req.query));

  app.get('/api/v1/duty-lists/unit-progress', {
    config: { access: { permission: 'workitem.read' } },
    schema: { tags, querystring: unitProgressQuery, response: { 200: unitProgressSchema } },
  }, async (req) => unitProgressFor(db, principalOf(req), req.query.year));

  app.post('/api/v1/duty-lists/generate', {
    config: { access: { permission: 'workitem.assign' } },
    schema: { tags, body: generateBody, response: { 200: generateResultSchema } },
  }, async (req) => generateForYear(db, actorOf(req), principalOf(req), req.body));

  const list = resourceBy(dutyListScopePath);
  app.get('/api/v1/duty-lists/:id', {
    config: { access: { permission: 'workitem.read', resource: list } },
    schema: { tags, params: idParams, response: { 200: dutyListDetailSchema } },
  }, async (req) => dutyListDetail(db, req.params.id));

  app.patch('/api/v1/duty-lists/:id', {
    config: { access: { permission: 'workitem.assign', resource: list } },
    schema: { tags, params: idParams, body: dutyListPatchBody, response: { 200: dutyListDetailSchema } },
  }, async (req) => {
    await updateDutyList(db, actorOf(req), req.params.id, req.body);
    return dutyListDetail(db, req.params.id);
  });

  app.post('/api/v1/duty-lists/:id/duties', {
    config: { access: { permission: 'workitem.assign', resource: list } },
    schema: { tags, params: idParams, body: dutyAddBody, response: { 200: dutyListDetailSchema } },
  }, async (req) => {
    await addDuty(db, actorOf(req), principalOf(req), req.params.id, req.body);
    return dutyListDetail(db, req.params.id);
  });
});
