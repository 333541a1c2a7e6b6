import { actorOf, principalOf, type AppContext, type RouteModule } from '../../platform/http/context.js';
import { idParams, labelledRoutes } from '../../platform/http/validation.js';
import { parseIdParam } from '../../registry/orgs/org.routes.js';
import type { BulletinRow } from './bulletin.rules.js';
import { findBulletin, type BulletinRecord } from './bulletins.repository.js';
import { bulletinCreateBody, bulletinListQuery, bulletinPatchBody, bulletinPublishBody, bulletinLabels } from './bulletins.schemas.js';
import { generateBulletin, listFor, publishBulletin, updateBulletin, visibleBulletin } from './bulletins.service.js';

const tags = ['bulletins'];

async function bulletinResource(ctx: AppContext, params: Record<string, string>): Promise<string | null> {
  const id = parseIdParam(params.id);
  return id ? (await findBulletin(ctx.db.kysely, id))?.org_path ?? null : null;
}

function presentBulletin(b: BulletinRecord, withRanking: boolean) {
  return {
    id: b.id, orgId: b.org_id, orgName: b.org_name, title: b.title, periodStart: b.period_start, periodEnd: b.period_end, comment: b.comment,
    state: b.state, publishedAt: b.published_at, version: b.version, createdAt: b.created_at,
    ...(withRanking ? { ranking: JSON.parse(b.ranking) as BulletinRow[] } : {}),
  };
}

export const bulletinRoutes: RouteModule = labelledRoutes(bulletinLabels, (app, ctx) => {
  const db = ctx.db.kysely;

  app.get('/api/v1/bulletins', {
    config: { access: { permission: 'workitem.read' } },
    schema: { tags, querystring: bulletinListQuery },
  }, async (req) => {
    const { rows, total } = await listFor(db, principalOf(req), req.query);
    return { items: rows.map((b) => presentBulletin(b, false)), total };
  });

  app.post('/api/v1/bulletins', {
    config: { access: { permission: 'inspection.manage' } },
    schema: { tags, body: bulletinCreateBody },
  }, async (req, reply) => {
    const p = principalOf(req);
    const id = await generateBulletin(db, actorOf(req), p, req.body);
    return reply.status(201).send(presentBulletin(await visibleBulletin(db, p, id), true));
  });

  // A published bulletin is read by the organisations below the one that issued it, so the service decides.
  app.get('/api/v1/bulletins/:id', {
    config: { access: { permission: 'workitem.read' } },
    schema: { tags, params: idParams },
  }, async (req) => {
    const b = await visibleBulletin(db, principalOf(req), req.params.id);
    return { ...presentBulletin(b, true), canManage: b.canManage };
  });

  app.patch('/api/v1/bulletins/:id', {
    config: { access: { permission: 'inspection.manage', resource: bulletinResource } },
    schema: { tags, params: idParams, body: bulletinPatchBody },
  }, async (req) => {
    const p = principalOf(req);
    await updateBulletin(db, actorOf(req), p, req.params.id, req.body);
    return presentBulletin(await visibleBulletin(db, p, req.params.id), true);
  });

  app.post('/api/v1/bulletins/:id/publish', {
    config: { access: { permission: 'inspection.manage', resource: bulletinResource } },
    schema: { tags, params: idParams, body: bulletinPublishBody },
  }, async (req) => {
    const p = principalOf(req);
    await publishBulletin(db, actorOf(req), p, req.params.id, req.body.version);
    return presentBulletin(await visibleBulletin(db, p, req.params.id), true);
  });
});
