import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, badRequest } from '../../platform/errors.js';
import type { AppContext, TypedApp } from '../../platform/http/context.js';
import { actorOf, principalOf } from '../../platform/http/context.js';
import { idParams } from '../../platform/http/validation.js';
import { readMultipartForm } from '../../platform/files/multipart-form.js';
import { importArticle } from './article-import.service.js';
import { articleScopePath } from './articles.repository.js';
import { uploadArticleImage } from './article-images.service.js';
import { presentArticle, presentArticleImage, presentArticleListItem, presentRevision } from './articles.presenter.js';
import {
  articleCreateBody, articleImageSchema, articleListQuery, articleListSchema, articlePatchBody, articleSchema, revisionListSchema, revisionParams,
  revisionSchema, transitionBody,
} from './articles.schemas.js';
import { articleDetail, articleRevisions, createArticle, listArticlesFor, updateArticle } from './articles.service.js';
import { transitionArticle } from './articles.workflow.js';

const articleResource = async (c: AppContext, p: Record<string, string>) => {
  const id = Number(p.id);
  return Number.isSafeInteger(id) && id > 0 ? articleScopePath(c.db.kysely, id) : null;
};
/** Chinese text is three bytes a character in UTF-8: room for a body at its character limit. */
const ARTICLE_BODY_LIMIT = 2 * 1024 * 1024;

export function registerArticleRoutes(app: TypedApp, ctx: AppContext): void {
  const db = ctx.db.kysely;
  const detail = async (id: number) => {
    const { article, reviews } = await articleDetail(db, id);
    return presentArticle(article, reviews);
  };
  const write = { access: { permission: 'portal.write' as const, resource: articleResource } };

  app.get('/api/v1/articles', {
    config: { access: { permission: 'portal.write' } },
    schema: { tags: ['portal'], querystring: articleListQuery, response: { 200: articleListSchema } },
  }, async (req) => {
    const { rows, total } = await listArticlesFor(db, principalOf(req), req.query);
    return { items: rows.map(presentArticleListItem), total };
  });

  app.post('/api/v1/articles', {
    config: { access: { permission: 'portal.write' } },
    bodyLimit: ARTICLE_BODY_LIMIT,
    schema: { tags: ['portal'], body: articleCreateBody, response: { 201: articleSchema } },
  }, async (req, reply) => {
    const id = await createArticle(db, principalOf(req), actorOf(req), req.body);
    return reply.status(201).send(await detail(id));
  });

  app.post('/api/v1/articles/import', {
    config: { access: { permission: 'portal.write' } },
    schema: {
      tags: ['portal'], consumes: ['multipart/form-data'],
      description: 'multipart fields: `columnId` and `file` (.docx or saved .html page); answers the new draft',
      response: { 201: articleSchema },
    },
  }, async (req, reply) => {
    const { columnId, fileName, bytes } = await readImportForm(req);
    const id = await importArticle(ctx, principalOf(req), actorOf(req), columnId, fileName, bytes);
    return reply.status(201).send(await detail(id));
  });

  app.post('/api/v1/articles/:id/images', {
    config: write,
    schema: {
      tags: ['portal'], params: idParams, consumes: ['multipart/form-data'],
      description: 'multipart field `file` (JPEG, PNG, GIF or WebP): stored at most 1,600 px wide without metadata, with a thumbnail and the original',
      response: { 201: articleImageSchema },
    },
  }, async (req, reply) => {
    const { fileName, bytes } = await readMultipartForm(req);
    return reply.status(201).send(presentArticleImage(await uploadArticleImage(ctx, principalOf(req), actorOf(req), req.params.id, fileName, bytes)));
  });

  app.get('/api/v1/articles/:id', {
    config: write,
    schema: { tags: ['portal'], params: idParams, response: { 200: articleSchema } },
  }, async (req) => detail(req.params.id));

  app.patch('/api/v1/articles/:id', {
    config: write,
    bodyLimit: ARTICLE_BODY_LIMIT,
    schema: { tags: ['portal'], params: idParams, body: articlePatchBody, response: { 200: articleSchema } },
  }, async (req) => {
    await updateArticle(db, principalOf(req), actorOf(req), req.params.id, req.body);
    return detail(req.params.id);
  });

  app.post('/api/v1/articles/:id/transitions', {
    config: write,
    schema: { tags: ['portal'], params: idParams, body: transitionBody, response: { 200: articleSchema } },
  }, async (req) => {
    await transitionArticle(db, principalOf(req), actorOf(req), req.params.id, req.body);
    return detail(req.params.id);
  });

  // Revisions carry their full text, newest first, so the web app can compare any two.
  app.get('/api/v1/articles/:id/revisions', {
    config: write,
    schema: { tags: ['portal'], params: idParams, response: { 200: revisionListSchema } },
  }, async (req) => {
    const rows = await articleRevisions(db, req.params.id);
    return { items: rows.map(presentRevision), total: rows.length };
  });

  app.get('/api/v1/articles/:id/revisions/:revision', {
    config: write,
    schema: { tags: ['portal'], params: revisionParams, response: { 200: revisionSchema } },
  }, async (req) => {
    const row = (await articleRevisions(db, req.params.id)).find((r) => r.revision === req.params.revision);
    if (!row) throw new AppError(404, 'not_found', '该版本不存在');
    return presentRevision(row);
  });
}

async function readImportForm(req: FastifyRequest): Promise<{ columnId: number; fileName: string; bytes: Buffer }> {
  const { fields, fileName, bytes } = await readMultipartForm(req);
  const columnId = z.coerce.number().int().positive().safeParse(fields.columnId);
  if (!columnId.success) throw badRequest('请选择栏目', [{ path: 'columnId', message: '栏目：必须选择' }]);
  return { columnId: columnId.data, fileName, bytes };
}
