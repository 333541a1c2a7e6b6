import { actorOf, principalOf, type AppContext, type RouteModule } from '../../platform/http/context.js';
import { idParams, labelledRoutes } from '../../platform/http/validation.js';
import { today } from '../../platform/time.js';
import { parseIdParam } from '../../registry/orgs/org.routes.js';
import { findInspection } from './inspections.repository.js';
import { inspectionDocx } from './inspection-docx.js';
import { presentFinding, presentInspection, presentInspectionDetail, presentRiskPoint } from './inspections.presenter.js';
import {
  findingCreateBody, findingListQuery, inspectionCreateBody, inspectionListQuery, inspectionPatchBody, inspectionSummaryQuery, issueBody, listParams,
  pairCreateBody, riskPointCreateBody, inspectionLabels,
} from './inspections.schemas.js';
import {
  addPair, addRiskPoint, createInspection, findingsFor, inspectionDetail, issueFeedbackList, listFor, recordFinding, riskPointsFor, updateInspection,
  visibleInspection, yearSummary,
} from './inspections.service.js';

const tags = ['inspections'];

/** `resource` for the committee's routes on one inspection: the scheduling organisation's path. */
async function inspectionResource(ctx: AppContext, params: Record<string, string>): Promise<string | null> {
  const id = parseIdParam(params.id);
  return id ? (await findInspection(ctx.db.kysely, id))?.org_path ?? null : null;
}

export const inspectionRoutes: RouteModule = labelledRoutes(inspectionLabels, (app, ctx) => {
  const db = ctx.db.kysely;

  app.get('/api/v1/inspections', {
    config: { access: { permission: 'workitem.read' } },
    schema: { tags, querystring: inspectionListQuery },
  }, async (req) => {
    const { rows, total } = await listFor(db, principalOf(req), req.query);
    return { items: rows.map(presentInspection), total };
  });

  app.get('/api/v1/inspections/summary', {
    config: { access: { permission: 'inspection.manage' } },
    schema: { tags, querystring: inspectionSummaryQuery },
  }, async (req) => yearSummary(db, principalOf(req), req.query.year));

  app.post('/api/v1/inspections', {
    config: { access: { permission: 'inspection.manage' } },
    schema: { tags, body: inspectionCreateBody },
  }, async (req, reply) => {
    const p = principalOf(req);
    const id = await createInspection(db, actorOf(req), p, req.body);
    return reply.status(201).send(presentInspectionDetail(await inspectionDetail(db, p, id)));
  });

  app.get('/api/v1/inspections/:id', {
    config: { access: { permission: 'workitem.read' } },
    schema: { tags, params: idParams },
  }, async (req) => presentInspectionDetail(await inspectionDetail(db, principalOf(req), req.params.id)));

  app.patch('/api/v1/inspections/:id', {
    config: { access: { permission: 'inspection.manage', resource: inspectionResource } },
    schema: { tags, params: idParams, body: inspectionPatchBody },
  }, async (req) => {
    const p = principalOf(req);
    await updateInspection(db, actorOf(req), p, req.params.id, req.body);
    return presentInspectionDetail(await inspectionDetail(db, p, req.params.id));
  });

  app.post('/api/v1/inspections/:id/pairs', {
    config: { access: { permission: 'inspection.manage', resource: inspectionResource } },
    schema: { tags, params: idParams, body: pairCreateBody },
  }, async (req, reply) => {
    const p = principalOf(req);
    await addPair(ctx, actorOf(req), p, req.params.id, req.body);
    return reply.status(201).send(presentInspectionDetail(await inspectionDetail(db, p, req.params.id)));
  });

  app.get('/api/v1/inspections/:id/findings', {
    config: { access: { permission: 'workitem.read' } },
    schema: { tags, params: idParams, querystring: findingListQuery },
  }, async (req) => {
    const rows = await findingsFor(db, principalOf(req), req.params.id, req.query.unitId);
    const day = today();
    return { items: rows.map((f) => presentFinding(f, day)), total: rows.length };
  });

  app.post('/api/v1/inspections/:id/findings', {
    config: { access: { permission: 'inspection.record' } },
    schema: { tags, params: idParams, body: findingCreateBody },
  }, async (req, reply) => {
    const p = principalOf(req);
    const itemId = await recordFinding(db, actorOf(req), p, req.params.id, req.body);
    const row = (await findingsFor(db, p, req.params.id, req.body.unitId)).find((f) => f.id === itemId)!;
    return reply.status(201).send(presentFinding(row, today()));
  });

  app.post('/api/v1/inspections/:id/feedback-lists/:listId/issue', {
    config: { access: { permission: 'inspection.manage', resource: inspectionResource } },
    schema: { tags, params: listParams, body: issueBody },
  }, async (req) => {
    const p = principalOf(req);
    await issueFeedbackList(db, actorOf(req), p, req.params.id, req.params.listId, req.body.version);
    return presentInspectionDetail(await inspectionDetail(db, p, req.params.id));
  });

  app.get('/api/v1/inspections/:id/risk-points', {
    config: { access: { permission: 'workitem.read' } },
    schema: { tags, params: idParams },
  }, async (req) => {
    const rows = await riskPointsFor(db, principalOf(req), req.params.id);
    return { items: rows.map(presentRiskPoint), total: rows.length };
  });

  app.post('/api/v1/inspections/:id/risk-points', {
    config: { access: { permission: 'workitem.write' } },
    schema: { tags, params: idParams, body: riskPointCreateBody },
  }, async (req, reply) => {
    const p = principalOf(req);
    const id = await addRiskPoint(db, actorOf(req), p, req.params.id, req.body);
    const row = (await riskPointsFor(db, p, req.params.id)).find((r) => r.id === id)!;
    return reply.status(201).send(presentRiskPoint(row));
  });

  app.get('/api/v1/inspections/:id/summary.docx', {
    config: { access: { permission: 'workitem.read' } },
    schema: { tags, params: idParams },
  }, async (req, reply) => {
    const p = principalOf(req);
    const inspection = await visibleInspection(db, p, req.params.id);
    const buf = await inspectionDocx(inspection, await findingsFor(db, p, req.params.id), today());
    const name = `${inspection.title}问题整改情况.docx`;
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', `attachment; filename="inspection-${inspection.id}.docx"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .send(buf);
  });
});
