import { actorOf, principalOf, type RouteModule } from '../../platform/http/context.js';
import { idParams, labelledRoutes } from '../../platform/http/validation.js';
import { parseIdParam } from '../orgs/org.routes.js';
import { unitRootPath } from './unit.repository.js';
import { presentUnit, presentUnitDetail } from './unit.presenter.js';
import { unitCreateBody, unitDetailSchema, unitListQuery, unitListSchema, unitPatchBody, unitLabels } from './unit.schemas.js';
import { createUnit, listUnitsFor, unitDetail, updateUnit } from './unit.service.js';

export const unitRoutes: RouteModule = labelledRoutes(unitLabels, (app, ctx) => {
  const db = ctx.db.kysely;

  app.get('/api/v1/units', {
    config: { access: { permission: 'org.read' } },
    schema: { tags: ['units'], querystring: unitListQuery, response: { 200: unitListSchema } },
  }, async (req) => {
    const { rows, total } = await listUnitsFor(db, principalOf(req), req.query);
    return { items: rows.map(presentUnit), total };
  });

  app.post('/api/v1/units', {
    config: { access: { permission: 'org.write' } },
    schema: { tags: ['units'], body: unitCreateBody, response: { 201: unitDetailSchema } },
  }, async (req, reply) => {
    const principal = principalOf(req);
    const id = await createUnit(db, actorOf(req), principal, req.body);
    const { unit, orgs } = await unitDetail(db, principal, id);
    return reply.status(201).send(presentUnitDetail(unit, orgs));
  });

  // A unit may be served by several organisations, so which ones the caller sees is decided by the service
  // (unitVisibility), not by a single resource path: an invisible unit answers 404 there.
  app.get('/api/v1/units/:id', {
    config: { access: { permission: 'org.read' } },
    schema: { tags: ['units'], params: idParams, response: { 200: unitDetailSchema } },
  }, async (req) => {
    const { unit, orgs } = await unitDetail(db, principalOf(req), req.params.id);
    return presentUnitDetail(unit, orgs);
  });

  app.patch('/api/v1/units/:id', {
    config: { access: { permission: 'org.write', resource: async (c, p) => { const id = parseIdParam(p.id); return id ? unitRootPath(c.db.kysely, id) : null; } } },
    schema: { tags: ['units'], params: idParams, body: unitPatchBody, response: { 200: unitDetailSchema } },
  }, async (req) => {
    const principal = principalOf(req);
    await updateUnit(db, actorOf(req), req.params.id, req.body);
    const { unit, orgs } = await unitDetail(db, principal, req.params.id);
    return presentUnitDetail(unit, orgs);
  });
});
