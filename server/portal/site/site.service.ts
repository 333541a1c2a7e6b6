import type { Executor } from '../../platform/db/database.js';
import type { PortalColumn, SiteSettings } from '../../platform/db/schema-portal.js';
import { siteStructureGeneration } from '../content/site-structure.js';
import { searchSite } from '../search/search.service.js';
import { articleFeed, sitemap } from './feeds.js';
import * as pages from './site.pages.js';
import * as repo from './site.repository.js';

/** A rendered answer: `cacheable` pages get cache-control public with an ETag; the rest are never stored. */
export interface Rendered {
  status: number;
  body: string;
  type: 'html' | 'rss' | 'xml';
  cacheable: boolean;
  lastModified?: string;
  /** computed when first sent (site.routes.ts), kept with a kept page */
  etag?: string;
}

export const PAGE_SIZE = 20;
const HOME_ITEMS = 8;
const SLIDES = 5;
const FEED_ITEMS = 20;
const SITEMAP_ARTICLES = 49_000;

const ok = (body: string, lastModified?: string, type: Rendered['type'] = 'html'): Rendered => ({ status: 200, body, type, cacheable: true, lastModified });
const newest = (items: Array<{ updated_at: string }>) => items.reduce<string | undefined>((m, a) => (!m || a.updated_at > m ? a.updated_at : m), undefined);

interface Structure {
  settings: SiteSettings | undefined;
  /** the columns a reader can see, in order */
  columns: PortalColumn[];
}

/**
 * Site settings and the column tree are read by every page but change a few times a year: each process keeps them
 * for a few seconds, and drops them at once when this process commits a change (content/site-structure.ts).
 * Concurrent pages share one read. Keyed by the database handle: tests run several apps in one process.
 */
const STRUCTURE_TTL_MS = 5_000;
const structures = new WeakMap<Executor, { generation: number; expires: number; value: Promise<Structure> }>();

function loadStructure(db: Executor): Promise<Structure> {
  const generation = siteStructureGeneration();
  const now = performance.now();
  const kept = structures.get(db);
  if (kept && kept.generation === generation && kept.expires > now) return kept.value;
  const entry = { generation, expires: now + STRUCTURE_TTL_MS, value: readStructure(db) };
  structures.set(db, entry);
  entry.value.catch(() => { if (structures.get(db) === entry) structures.delete(db); });
  return entry.value;
}

async function readStructure(db: Executor): Promise<Structure> {
  const [settings, columns] = await Promise.all([repo.readSettings(db), repo.readVisibleColumns(db)]);
  // A column under a hidden parent is hidden too: it has no place in the tree a reader can see.
  const visible = new Map(columns.map((c) => [c.id, c]));
  return { settings, columns: columns.filter((c) => trailOf(visible, c) !== null) };
}

async function loadFrame(db: Executor, origin: string): Promise<{ frame: pages.Frame; columns: PortalColumn[] }> {
  const { settings, columns } = await loadStructure(db);
  return { frame: { settings, nav: columns.filter((c) => c.parent_id === null), origin }, columns };
}

/** Root-first chain of visible columns down to `c`; null when an ancestor is hidden. */
function trailOf(visible: Map<number, PortalColumn>, c: PortalColumn): PortalColumn[] | null {
  const trail = [c];
  let at = c;
  while (at.parent_id !== null) {
    const parent = visible.get(at.parent_id);
    if (!parent || trail.includes(parent)) return null;
    trail.unshift(parent);
    at = parent;
  }
  return trail;
}

function subtreeIds(columns: PortalColumn[], root: number): number[] {
  const ids = [root];
  for (let i = 0; i < ids.length; i++) for (const c of columns) if (c.parent_id === ids[i]) ids.push(c.id);
  return ids;
}

export function notFound(frame: pages.Frame): Rendered {
  return { status: 404, type: 'html', cacheable: false, body: pages.noticePage(frame, '页面不存在', '您访问的页面不存在或已被删除，请检查网址是否正确。') };
}

export async function notFoundPage(db: Executor, origin: string): Promise<Rendered> {
  return notFound((await loadFrame(db, origin)).frame);
}

export async function home(db: Executor, origin: string): Promise<Rendered> {
  const { frame, columns } = await loadFrame(db, origin);
  const [covers, sections] = await Promise.all([
    repo.readCoverArticles(db, SLIDES),
    Promise.all(frame.nav.map(async (column) => ({ column, items: await repo.readColumnArticles(db, subtreeIds(columns, column.id), HOME_ITEMS, 0) }))),
  ]);
  return ok(pages.homePage(frame, covers, sections), newest([...covers, ...sections.flatMap((s) => s.items)]));
}

export async function column(db: Executor, origin: string, slug: string, page: number): Promise<Rendered> {
  const { frame, columns } = await loadFrame(db, origin);
  const c = columns.find((x) => x.slug === slug);
  if (!c) return notFound(frame);
  const ids = subtreeIds(columns, c.id);
  const [items, total] = await Promise.all([
    repo.readColumnArticles(db, ids, PAGE_SIZE, (page - 1) * PAGE_SIZE),
    repo.countColumnArticles(db, ids),
  ]);
  const trail = trailOf(new Map(columns.map((x) => [x.id, x])), c)!;
  const children = columns.filter((x) => x.parent_id === c.id);
  return ok(pages.columnPage(frame, c, trail, children, items, page, PAGE_SIZE, total), newest(items));
}

export async function columnFeed(db: Executor, origin: string, slug: string): Promise<Rendered> {
  const { frame, columns } = await loadFrame(db, origin);
  const c = columns.find((x) => x.slug === slug);
  if (!c) return notFound(frame);
  const items = await repo.readColumnArticles(db, subtreeIds(columns, c.id), FEED_ITEMS, 0);
  return ok(articleFeed(frame, c, items), newest(items), 'rss');
}

/**
 * Rendered article pages are kept like the site structure: a few seconds in each process, all dropped when this
 * process changes any article (articleChanged runs in the writing transaction, through onArticlePublishedChange) or
 * the structure. Only published pages (200) are kept, at most PAGES_KEPT, the oldest going first.
 */
const PAGE_TTL_MS = 5_000;
const PAGES_KEPT = 2_000;
let articleGeneration = 0;
const articlePages = new WeakMap<Executor, Map<number, { key: string; expires: number; value: Promise<Rendered> }>>();

export async function articleChanged(): Promise<void> {
  articleGeneration++;
}

export function article(db: Executor, origin: string, id: number): Promise<Rendered> {
  const key = `${siteStructureGeneration()}:${articleGeneration}:${origin}`;
  const kept = articlePages.get(db) ?? new Map();
  articlePages.set(db, kept);
  const now = performance.now();
  const hit = kept.get(id);
  if (hit && hit.key === key && hit.expires > now) return hit.value;
  const entry = { key, expires: now + PAGE_TTL_MS, value: renderArticle(db, origin, id) };
  kept.delete(id);
  kept.set(id, entry);
  if (kept.size > PAGES_KEPT) kept.delete(kept.keys().next().value!);
  const forget = () => { if (kept.get(id) === entry) kept.delete(id); };
  entry.value.then((r) => { if (r.status !== 200) forget(); }, forget);
  return entry.value;
}

async function renderArticle(db: Executor, origin: string, id: number): Promise<Rendered> {
  const [{ frame, columns }, found] = await Promise.all([loadFrame(db, origin), repo.readPublicArticle(db, id)]);
  if (found?.state === 'withdrawn') {
    return { status: 410, type: 'html', cacheable: false, body: pages.noticePage(frame, '文章已撤回', '该文章已被发布单位撤回，不再提供浏览。') };
  }
  if (!found?.article) return notFound(frame);
  const a = found.article;
  const primary = columns.find((c) => c.id === a.column_id);
  const trail = primary ? trailOf(new Map(columns.map((c) => [c.id, c])), primary) ?? [] : [];
  return ok(pages.articlePage(frame, a, trail, found.tags), a.updated_at);
}

export async function tag(db: Executor, origin: string, name: string, page: number): Promise<Rendered> {
  const [{ frame }, { items, total }] = await Promise.all([
    loadFrame(db, origin),
    repo.readTagArticles(db, name, PAGE_SIZE, (page - 1) * PAGE_SIZE),
  ]);
  if (total === 0) return notFound(frame);
  return ok(pages.tagPage(frame, name, items, page, PAGE_SIZE, total), newest(items));
}

export async function search(db: Executor, origin: string, q: string, page: number): Promise<Rendered> {
  const [{ frame }, found] = await Promise.all([loadFrame(db, origin), searchSite(db, q, page, PAGE_SIZE)]);
  return ok(pages.searchPage(frame, q, found, page, PAGE_SIZE));
}

export async function siteMap(db: Executor, origin: string): Promise<Rendered> {
  const [{ columns }, articles] = await Promise.all([loadFrame(db, origin), repo.readSitemapArticles(db, SITEMAP_ARTICLES)]);
  return ok(sitemap(origin, columns, articles), newest(articles), 'xml');
}

/** A stored file the public may fetch (site logo, cover of a published article), or undefined. */
export function publicFile(db: Executor, fileId: number) {
  return repo.readPublicFile(db, fileId);
}
