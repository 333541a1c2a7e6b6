import type { AppContext, TypedApp } from '../../platform/http/context.js';
import { actorOf, principalOf } from '../../platform/http/context.js';
import { idParams } from '../../platform/http/validation.js';
import { z } from 'zod';
import { columnOrgPath, findColumn } from './columns.repository.js';
import { presentColumn } from './columns.presenter.js';
import { columnCreateBody, columnDeleteBody, columnListSchema, columnPatchBody, columnSchema } from './columns.schemas.js';
import { createColumn, deleteColumn, listColumnsFor, updateColumn } from './columns.service.js';
import { notFound } from '../../platform/errors.js';

const columnResource = async (c: AppContext, p: Record<string, string>) => {
  const id = Number(p.id);
  return Number.isSafeInteger(id) && id > 0 ? columnOrgPath(c.db.kysely, id) : null;
};

export function registerColumnRoutes(app: TypedApp, ctx: AppContext): void {
  const db = ctx.db.kysely;
  const detail = async (id: number) => {
    const col = await findColumn(db, id);
    if (!col) throw notFound('栏目');
    return presentColumn(col);
  };

  app.get('/api/v1/columns', {
    config: { access: { permission: 'portal.write' } },
    schema: { tags: ['portal'], response: { 200: columnListSchema } },
  }, async (req) => {
    const rows = await listColumnsFor(db, principalOf(req));
    return { items: rows.map(presentColumn), total: rows.length };
  });

  app.post('/api/v1/columns', {
    config: { access: { permission: 'portal.review' } },
    schema: { tags: ['portal'], body: columnCreateBody, response: { 201: columnSchema } },
  }, async (req, reply) => {
    const id = await createColumn(db, actorOf(req), principalOf(req), req.body);
    return reply.status(201).send(await detail(id));
  });

  app.get('/api/v1/columns/:id', {
    config: { access: { permission: 'portal.write', resource: columnResource } },
    schema: { tags: ['portal'], params: idParams, response: { 200: columnSchema } },
  }, async (req) => detail(req.params.id));

  app.patch('/api/v1/columns/:id', {
    config: { access: { permission: 'portal.review', resource: columnResource } },
    schema: { tags: ['portal'], params: idParams, body: columnPatchBody, response: { 200: columnSchema } },
  }, async (req) => {
    await updateColumn(db, actorOf(req), principalOf(req), req.params.id, req.body);
    return detail(req.params.id);
  });

  app.delete('/api/v1/columns/:id', {
    config: { access: { permission: 'portal.review', resource: columnResource } },
    schema: { tags: ['portal'], params: idParams, body: columnDeleteBody, response: { 204: z.null() } },
  }, async (req, reply) => {
    await deleteColumn(db, actorOf(req), principalOf(req), req.params.id, req.body.version);
    return reply.status(204).send(null);
  });
}
