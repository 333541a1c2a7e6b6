import type { AppContext, RouteModule } from '../../platform/http/context.js';
import { actorOf, principalOf } from '../../platform/http/context.js';
import { idParams, labelledRoutes } from '../../platform/http/validation.js';
import { resourceBy } from '../prompts/issuer.js';
import { rootFilterPath } from '../../registry/orgs/org.service.js';
import { definitionScopePath } from './checklists.repository.js';
import {
  closeRateQuery, closeRateSchema, definitionCreateBody, definitionListSchema, definitionPatchBody, definitionSchema, runBody, runResultSchema, checklistLabels,
} from './checklists.schemas.js';
import { closeRates, createDefinition, definitionDetail, definitionsFor, runCurrentMonth, runMonth, updateDefinition } from './checklists.service.js';

const HOUR_MS = 60 * 60 * 1000;
export const CHECKLIST_JOB = 'monthly-checklists';

export const checklistRoutes: RouteModule = labelledRoutes(checklistLabels, (app, ctx) => {
  const db = ctx.db.kysely;
  const tags = ['monthly-checklists'];

  app.get('/api/v1/monthly-checklists', {
    config: { access: { permission: 'workitem.assign' } },
    schema: { tags, response: { 200: definitionListSchema } },
  }, async (req) => definitionsFor(db, principalOf(req)));

  app.post('/api/v1/monthly-checklists', {
    config: { access: { permission: 'workitem.assign' } },
    schema: { tags, body: definitionCreateBody, response: { 201: definitionSchema } },
  }, async (req, reply) => {
    const id = await createDefinition(db, actorOf(req), principalOf(req), req.body);
    return reply.status(201).send(await definitionDetail(db, id));
  });

  app.patch('/api/v1/monthly-checklists/:id', {
    config: { access: { permission: 'workitem.assign', resource: resourceBy(definitionScopePath) } },
    schema: { tags, params: idParams, body: definitionPatchBody, response: { 200: definitionSchema } },
  }, async (req) => {
    await updateDefinition(db, actorOf(req), req.params.id, req.body);
    return definitionDetail(db, req.params.id);
  });

  app.post('/api/v1/monthly-checklists/runs', {
    config: { access: { permission: 'workitem.assign' } },
    schema: { tags, body: runBody, response: { 200: runResultSchema } },
  }, async (req) => runMonth(db, actorOf(req), principalOf(req), req.body.month));

  app.get('/api/v1/monthly-checklists/close-rates', {
    config: { access: { permission: 'workitem.read' } },
    schema: { tags, querystring: closeRateQuery, response: { 200: closeRateSchema } },
  }, async (req) => {
    const under = await rootFilterPath(db, req.query.rootId);
    if (under === null) return { month: req.query.month, total: 0, signedOff: 0, rate: null, items: [] };
    return closeRates(db, principalOf(req), req.query.month, under);
  });
});

/** Hourly, so the month's items exist within an hour of its start whichever instance holds the lease. */
export function checklistJobs(ctx: AppContext): void {
  ctx.scheduler.register({ name: CHECKLIST_JOB, everyMs: HOUR_MS, quiet: true, run: () => runCurrentMonth(ctx.db.kysely) });
}
