import type { Principal } from '../../platform/access/principal.js';
import { actorOf, principalOf, type RouteModule } from '../../platform/http/context.js';
import { idParams, labelledRoutes } from '../../platform/http/validation.js';
import { sendDownload } from '../../platform/files/download.js';
import { exportContentTypes } from '../../platform/files/table-export.js';
import { today } from '../../platform/time.js';
import { createGeneral, detailFor, exportFor, listFor, myItems } from '../views/work-item-views.service.js';
import { presentWorkItem, presentWorkItemDetail } from './work-item.presenter.js';
import {
  myWorkItemsSchema, transitionBody, workItemCreateBody, workItemDetailSchema, workItemExportQuery, workItemListQuery, workItemListSchema, workItemLabels,
} from './work-item.schemas.js';
import { transitionWorkItem } from './work-item.service.js';
import { registerWorkItemFiles } from './work-item-files.js';

/*
 * The item's own URLs declare `authenticated`: a responsible person or verifier may hold no grant on the owner
 * organisation (a member answering for a duty, an inspector from another unit), so the service decides who sees
 * the item (scope, or a part in it) and answers 404 to anyone else.
 */
export const workItemRoutes: RouteModule = labelledRoutes(workItemLabels, (app, ctx) => {
  const db = ctx.db.kysely;
  const tags = ['work-items'];
  registerWorkItemFiles();
  const detail = async (principal: Principal, id: number) => {
    const d = await detailFor(db, principal, id);
    return presentWorkItemDetail(d.item, d);
  };

  app.get('/api/v1/work-items', {
    config: { access: { permission: 'workitem.read' } },
    schema: { tags, querystring: workItemListQuery, response: { 200: workItemListSchema } },
  }, async (req) => {
    const { rows, total } = await listFor(db, principalOf(req), req.query);
    const day = today();
    return { items: rows.map((r) => presentWorkItem(r, day)), total };
  });

  app.get('/api/v1/work-items/export', {
    config: { access: { permission: 'workitem.read' } },
    schema: { tags, querystring: workItemExportQuery },
  }, async (req, reply) => {
    const body = await exportFor(db, actorOf(req), principalOf(req), req.query);
    return sendDownload(reply, { body, fileName: `事项清单-${today()}.xlsx`, contentType: exportContentTypes.xlsx, size: body.length });
  });

  app.post('/api/v1/work-items', {
    config: { access: { permission: 'workitem.write' } },
    schema: { tags, body: workItemCreateBody, response: { 201: workItemDetailSchema } },
  }, async (req, reply) => {
    const principal = principalOf(req);
    const id = await createGeneral(db, actorOf(req), principal, req.body);
    return reply.status(201).send(await detail(principal, id));
  });

  app.get('/api/v1/work-items/:id', {
    config: { access: { permission: 'authenticated' } },
    schema: { tags, params: idParams, response: { 200: workItemDetailSchema } },
  }, async (req) => {
    return detail(principalOf(req), req.params.id);
  });

  app.post('/api/v1/work-items/:id/transitions', {
    config: { access: { permission: 'authenticated' } },
    schema: { tags, params: idParams, body: transitionBody, response: { 200: workItemDetailSchema } },
  }, async (req) => {
    const principal = principalOf(req);
    await db.transaction().execute((trx) => transitionWorkItem(trx, actorOf(req), principal, req.params.id, req.body));
    return detail(principal, req.params.id);
  });

  app.get('/api/v1/me/work-items', {
    config: { access: { permission: 'authenticated' } },
    schema: { tags, response: { 200: myWorkItemsSchema } },
  }, async (req) => {
    const mine = await myItems(db, principalOf(req));
    const day = today();
    return { dueSoon: mine.dueSoon.map((w) => presentWorkItem(w, day)), overdue: mine.overdue.map((w) => presentWorkItem(w, day)), toVerify: mine.toVerify.map((w) => presentWorkItem(w, day)) };
  });
});
