import { z } from 'zod';
import type { AppContext, RouteModule } from '../../platform/http/context.js';
import { actorOf, principalOf } from '../../platform/http/context.js';
import { idParams, labelledRoutes } from '../../platform/http/validation.js';
import { orgPathOf } from './org.repository.js';
import {
  findingListQuery, findingListSchema, officersBody, orgCreateBody, orgDetailSchema, orgDissolveBody, orgListQuery, orgListSchema,
  orgMergeBody, orgMoveBody, orgPatchBody, orgTreeSchema, orgLabels,
} from './org.schemas.js';
import { createOrg, deleteOrg, listOrgsFor, orgDetail, orgTreeFor, rootFilterPath, updateOrg } from './org.service.js';
import { dissolveOrg, mergeOrg, moveOrg } from './org-structure.service.js';
import { setOfficers } from './officer.service.js';
import { listFindings } from './finding.service.js';

/** A URL id before validation: resource loaders run first, so a malformed id simply names nothing. */
export function parseIdParam(raw: string | undefined): number | null {
  return raw && /^\d{1,15}$/.test(raw) ? Number(raw) : null;
}

/** `resource` loader for routes naming an organisation by :id. */
export async function orgResource(ctx: AppContext, params: Record<string, string>): Promise<string | null> {
  const id = parseIdParam(params.id);
  return id ? orgPathOf(ctx.db.kysely, id) : null;
}

export const orgRoutes: RouteModule = labelledRoutes(orgLabels, (app, ctx) => {
  const db = ctx.db.kysely;
  const tags = ['orgs'];

  app.get('/api/v1/orgs', {
    config: { access: { permission: 'org.read' } },
    schema: { tags, querystring: orgListQuery, response: { 200: orgListSchema } },
  }, async (req) => listOrgsFor(db, principalOf(req), req.query));

  app.get('/api/v1/orgs/tree', {
    config: { access: { permission: 'org.read' } },
    schema: { tags, response: { 200: orgTreeSchema } },
  }, async (req) => orgTreeFor(db, principalOf(req)));

  app.post('/api/v1/orgs', {
    config: { access: { permission: 'org.write' } },
    schema: { tags, body: orgCreateBody, response: { 201: orgDetailSchema } },
  }, async (req, reply) => {
    const principal = principalOf(req);
    const id = await createOrg(db, actorOf(req), principal, req.body);
    return reply.status(201).send(await orgDetail(db, principal.scope('org.read'), id));
  });

  const read = { permission: 'org.read' as const, resource: orgResource };
  const write = { permission: 'org.write' as const, resource: orgResource };

  app.get('/api/v1/orgs/:id', {
    config: { access: read },
    schema: { tags, params: idParams, response: { 200: orgDetailSchema } },
  }, async (req) => orgDetail(db, principalOf(req).scope('org.read'), req.params.id));

  app.patch('/api/v1/orgs/:id', {
    config: { access: write },
    schema: { tags, params: idParams, body: orgPatchBody, response: { 200: orgDetailSchema } },
  }, async (req) => {
    const principal = principalOf(req);
    await updateOrg(db, actorOf(req), principal, req.params.id, req.body);
    return orgDetail(db, principal.scope('org.read'), req.params.id);
  });

  app.delete('/api/v1/orgs/:id', {
    config: { access: write },
    schema: { tags, params: idParams, response: { 204: z.null() } },
  }, async (req, reply) => {
    await deleteOrg(db, actorOf(req), principalOf(req), req.params.id);
    return reply.status(204).send(null);
  });

  app.put('/api/v1/orgs/:id/officers', {
    config: { access: write },
    schema: { tags, params: idParams, body: officersBody, response: { 200: orgDetailSchema } },
  }, async (req) => {
    await setOfficers(db, actorOf(req), req.params.id, req.body);
    return orgDetail(db, principalOf(req).scope('org.read'), req.params.id);
  });

  app.post('/api/v1/orgs/:id/move', {
    config: { access: write },
    schema: { tags, params: idParams, body: orgMoveBody, response: { 200: orgDetailSchema } },
  }, async (req) => {
    const principal = principalOf(req);
    await moveOrg(db, actorOf(req), principal, req.params.id, req.body);
    return orgDetail(db, principal.scope('org.read'), req.params.id);
  });

  app.post('/api/v1/orgs/:id/merge', {
    config: { access: write },
    schema: { tags, params: idParams, body: orgMergeBody, response: { 200: orgDetailSchema } },
  }, async (req) => {
    const principal = principalOf(req);
    await mergeOrg(db, actorOf(req), principal, req.params.id, req.body);
    return orgDetail(db, principal.scope('org.read'), req.params.id);
  });

  app.post('/api/v1/orgs/:id/dissolve', {
    config: { access: write },
    schema: { tags, params: idParams, body: orgDissolveBody, response: { 200: orgDetailSchema } },
  }, async (req) => {
    const principal = principalOf(req);
    await dissolveOrg(db, actorOf(req), principal, req.params.id, req.body);
    return orgDetail(db, principal.scope('org.read'), req.params.id);
  });

  app.get('/api/v1/org-findings', {
    config: { access: { permission: 'org.read' } },
    schema: { tags, querystring: findingListQuery, response: { 200: findingListSchema } },
  }, async (req) => {
    const q = req.query;
    const under = await rootFilterPath(db, q.rootId);
    if (under === null) return { items: [], total: 0 };
    return listFindings(db, { scope: principalOf(req).scope('org.read'), under, code: q.code, severity: q.severity, page: q.page, pageSize: q.pageSize });
  });
});
