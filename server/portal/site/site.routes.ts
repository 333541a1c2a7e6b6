import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Config } from '../../platform/config.js';
import type { AppContext, RouteModule } from '../../platform/http/context.js';
import { labelledRoutes } from '../../platform/http/validation.js';
import { onArticlePublishedChange } from '../content/article-events.js';
import { reindexArticle } from '../search/search.repository.js';
import { printCss, screenCss } from './site.css.js';
import * as site from './site.service.js';

const access = { access: { permission: 'public' as const } };
/** Published pages: a minute in any cache, then revalidated by ETag, so a withdrawal reaches readers quickly. */
const PUBLIC_CACHE = 'public, max-age=60';
const TYPES: Record<site.Rendered['type'], string> = {
  html: 'text/html; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
};

// Bad paging in a public URL shows the first page rather than an error.
const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1) });
const searchQuery = pageQuery.extend({ q: z.string().catch('').transform((s) => s.trim().slice(0, 100)) });

/** The public site at /: pages, feeds, sitemap, stylesheets and the public images. No route reads a session. */
export const siteRoutes: RouteModule = labelledRoutes({ slug: '栏目标识', id: '文章编号', tag: '标签' }, (app, ctx) => {
  onArticlePublishedChange(reindexArticle);
  onArticlePublishedChange(site.articleChanged);
  const db = ctx.db.kysely;
  const origin = siteOrigin(ctx.config);

  app.get('/', { config: access }, async (req, reply) => send(req, reply, await site.home(db, origin)));

  app.get('/column/:slug', {
    config: access,
    schema: { params: z.object({ slug: z.string().max(200) }), querystring: pageQuery },
  }, async (req, reply) => send(req, reply, await site.column(db, origin, req.params.slug, req.query.page)));

  app.get('/column/:slug/rss.xml', {
    config: access,
    schema: { params: z.object({ slug: z.string().max(200) }) },
  }, async (req, reply) => send(req, reply, await site.columnFeed(db, origin, req.params.slug)));

  app.get('/article/:id', {
    config: access,
    schema: { params: z.object({ id: z.string().max(20) }) },
  }, async (req, reply) => {
    const id = articleId(req.params.id);
    return id === null ? sendNotFoundPage(ctx, req, reply) : send(req, reply, await site.article(db, origin, id));
  });

  app.get('/tag/:tag', {
    config: access,
    schema: { params: z.object({ tag: z.string().max(100) }), querystring: pageQuery },
  }, async (req, reply) => send(req, reply, await site.tag(db, origin, req.params.tag, req.query.page)));

  app.get('/search', { config: access, schema: { querystring: searchQuery } },
    async (req, reply) => send(req, reply, await site.search(db, origin, req.query.q, req.query.page)));

  app.get('/sitemap.xml', { config: access }, async (req, reply) => send(req, reply, await site.siteMap(db, origin)));

  app.get('/robots.txt', { config: access }, async (req, reply) => reply
    .type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600')
    .send(`User-agent: *\nDisallow: /admin/\nDisallow: /api/\nDisallow: /search\nSitemap: ${origin}/sitemap.xml\n`));

  for (const sheet of [screenCss, printCss]) {
    // The name carries the content's hash: a changed stylesheet is a new address, so this one never changes.
    app.get(sheet.path, { config: access }, async (_req, reply) => reply
      .type('text/css; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(sheet.css));
  }

  app.get('/media/:id', {
    config: access,
    schema: { params: z.object({ id: z.string().max(20) }) },
  }, async (req, reply) => mediaFile(ctx, req, reply, articleId(req.params.id)));
});

function articleId(s: string): number | null {
  return /^[1-9]\d{0,9}$/.test(s) && Number(s) <= 2_147_483_647 ? Number(s) : null;
}

/**
 * The public address for feeds, the sitemap, canonical and Open Graph links: the configured HONGYAN_PUBLIC_URL.
 * Never the request's Host header — the client chooses it, and a shared cache would keep a page naming another
 * site. Without the setting (development, demo) the address the server listens on stands in.
 */
export function siteOrigin(config: Pick<Config, 'publicUrl' | 'host' | 'port'>): string {
  if (config.publicUrl) return config.publicUrl;
  const host = ['0.0.0.0', '::', ''].includes(config.host) ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
  return `http://${host}:${config.port}`;
}

async function mediaFile(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, id: number | null) {
  const file = id === null ? undefined : await site.publicFile(ctx.db.kysely, id);
  if (!file) return sendNotFoundPage(ctx, req, reply);
  const etag = `"${file.sha256}"`;
  reply.header('cache-control', 'public, max-age=86400').header('etag', etag).header('x-content-type-options', 'nosniff');
  if (req.headers['if-none-match'] === etag) return reply.status(304).send();
  return reply.type(file.content_type).send(await ctx.files.open(file.storage_key));
}

/** The site's own 404 page, for any unknown public address as well. */
export async function sendNotFoundPage(ctx: AppContext, req: FastifyRequest, reply: FastifyReply) {
  return send(req, reply, await site.notFoundPage(ctx.db.kysely, siteOrigin(ctx.config)));
}

/** Sends a rendered page with the caching its kind allows; a cacheable page answers 304 when the client has it. */
export function send(req: FastifyRequest, reply: FastifyReply, page: site.Rendered) {
  reply.status(page.status).type(TYPES[page.type]);
  if (!page.cacheable) return reply.header('cache-control', 'no-store').send(page.body);
  const etag = (page.etag ??= `"${crypto.createHash('sha1').update(page.body).digest('base64url')}"`);
  reply.header('cache-control', PUBLIC_CACHE).header('etag', etag);
  if (page.lastModified) reply.header('last-modified', new Date(page.lastModified).toUTCString());
  if (req.headers['if-none-match'] === etag) return reply.status(304).send();
  return reply.send(page.body);
}
