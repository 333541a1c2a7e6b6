import { actorOf, principalOf, type RouteModule } from '../../platform/http/context.js';
import { assignmentCreateBody, assignmentListQuery, visitCreateBody, visitListQuery, liaisonLabels } from './liaison.schemas.js';
import { assign, assignmentsFor, myUnitsFor, recordVisit, visitsFor } from './liaison.service.js';
import { labelledRoutes } from '../../platform/http/validation.js';

const tags = ['liaison'];

export const liaisonRoutes: RouteModule = labelledRoutes(liaisonLabels, (app, ctx) => {
  const db = ctx.db.kysely;

  app.get('/api/v1/liaison-assignments', {
    config: { access: { permission: 'inspection.record' } },
    schema: { tags, querystring: assignmentListQuery },
  }, async (req) => {
    const { rows, total } = await assignmentsFor(db, principalOf(req), req.query);
    return { items: rows.map((a) => ({ id: a.id, userId: a.user_id, userName: a.user_name, unitId: a.unit_id, unitName: a.unit_name, createdAt: a.created_at })), total };
  });

  app.post('/api/v1/liaison-assignments', {
    config: { access: { permission: 'inspection.manage' } },
    schema: { tags, body: assignmentCreateBody },
  }, async (req, reply) => reply.status(201).send({ id: await assign(ctx, actorOf(req), principalOf(req), req.body) }));

  app.get('/api/v1/liaison/my-units', {
    config: { access: { permission: 'inspection.record' } },
  }, async (req) => {
    const rows = await myUnitsFor(db, principalOf(req));
    return {
      items: rows.map((u) => ({
        unitId: u.id, unitName: u.name, openItems: u.openItems, overdueItems: u.overdueItems, openFindings: u.openFindings, visits: u.visits, lastVisit: u.lastVisit,
      })),
      total: rows.length,
    };
  });

  app.get('/api/v1/guidance-visits', {
    config: { access: { permission: 'workitem.read' } },
    schema: { tags, querystring: visitListQuery },
  }, async (req) => {
    const { rows, total } = await visitsFor(db, principalOf(req), req.query);
    return {
      items: rows.map((v) => ({ id: v.id, unitId: v.unit_id, unitName: v.unit_name, userName: v.user_name, visitedOn: v.visited_on, topic: v.topic, notes: v.notes })),
      total,
    };
  });

  app.post('/api/v1/guidance-visits', {
    config: { access: { permission: 'inspection.record' } },
    schema: { tags, body: visitCreateBody },
  }, async (req, reply) => reply.status(201).send({ id: await recordVisit(db, actorOf(req), principalOf(req), req.body) }));
});
