import { sql } from 'kysely';
import { isPostgres, type Executor } from '../../platform/db/database.js';
import { htmlToText } from '../site/html.js';
import { indexText, type QueryPhrase } from './tokenizer.js';

/* The index (migration 0003) holds published articles only. The listener runs inside the writer's transaction. */

interface IndexedText {
  id: number;
  title: string;
  subtitle: string | null;
  summary: string | null;
  body_html: string;
}

const indexedColumns = ['id', 'title', 'subtitle', 'summary', 'body_html'] as const;

/** The two token strings of an article: title (with subtitle) and body (with summary). */
function documentOf(a: IndexedText): { id: number; title: string; body: string } {
  return {
    id: a.id,
    title: indexText([a.title, a.subtitle].filter(Boolean).join(' ')),
    body: indexText(`${a.summary ?? ''}\n${htmlToText(a.body_html)}`),
  };
}

async function insertDocuments(db: Executor, docs: Array<{ id: number; title: string; body: string }>): Promise<void> {
  if (docs.length === 0) return;
  const rows = isPostgres(db)
    ? docs.map((d) => sql`(${d.id}, setweight(to_tsvector('simple', ${d.title}), 'A') || setweight(to_tsvector('simple', ${d.body}), 'B'))`)
    : docs.map((d) => sql`(${d.id}, ${d.title}, ${d.body})`);
  if (isPostgres(db)) await sql`insert into article_search (article_id, document) values ${sql.join(rows)}`.execute(db);
  else await sql`insert into article_search (rowid, title, body) values ${sql.join(rows)}`.execute(db);
}

/** Brings one article's index entry in line with the article: present with its current text iff published. */
export async function reindexArticle(db: Executor, articleId: number): Promise<void> {
  const article = await db.selectFrom('articles').select([...indexedColumns, 'state']).where('id', '=', articleId).executeTakeFirst();
  if (isPostgres(db)) await sql`delete from article_search where article_id = ${articleId}`.execute(db);
  else await sql`delete from article_search where rowid = ${articleId}`.execute(db);
  if (article?.state === 'published') await insertDocuments(db, [documentOf(article)]);
}

/**
 * Rebuilds the whole index from the published articles, in batches (after a bulk load, or when the tokenizer
 * changes). Returns how many articles it indexed.
 */
export async function rebuildSearchIndex(db: Executor, batch = 500): Promise<number> {
  await sql`delete from article_search`.execute(db);
  let after = 0;
  let count = 0;
  for (;;) {
    const rows = await db.selectFrom('articles').select(indexedColumns)
      .where('state', '=', 'published').where('id', '>', after).orderBy('id').limit(batch).execute();
    if (rows.length === 0) return count;
    await insertDocuments(db, rows.map(documentOf));
    after = rows[rows.length - 1].id;
    count += rows.length;
  }
}

/**
 * Matches are counted up to this many. Counting every match of a common word reads its whole posting list (and on
 * PostgreSQL re-checks every matching tsvector for a phrase: 0.4 s for 70,000 matches), while no reader pages
 * through more than fifty pages of results; beyond it the site says "more than".
 */
export const COUNT_CAP = 1000;

export interface SearchPage {
  ids: number[];
  /** exact up to COUNT_CAP; when `more`, at least that many */
  total: number;
  more: boolean;
}

/**
 * Published articles matching every phrase, newest first, within the first COUNT_CAP matches. The article table
 * re-checks the state, so a row the index might still hold for an article that stopped being public is never
 * shown; the count is taken on the index alone, which holds published articles only.
 */
export async function searchPublished(db: Executor, phrases: QueryPhrase[], limit: number, offset: number): Promise<SearchPage> {
  if (phrases.length === 0) return { ids: [], total: 0, more: false };
  if (!isPostgres(db)) return searchSqlite(db, ftsQuery(phrases), limit, offset);
  const match = sql`document @@ to_tsquery('simple', ${tsQuery(phrases)})`;
  const count = await sql<{ n: number }>`select count(*) as n from (select 1 from article_search where ${match} limit ${COUNT_CAP + 1}) m`.execute(db);
  const page = capped(Number(count.rows[0]?.n ?? 0));
  if (page.total === 0 || offset >= COUNT_CAP) return { ids: [], ...page };
  // The planner chooses well here: for a common word it walks the newest articles and probes each one's tsvector
  // by primary key (microseconds each); for a rare one it takes the GIN bitmap and sorts the few matches.
  const rows = await sql<{ id: number }>`select a.id from articles a where a.state = 'published'
    and exists (select 1 from article_search s where s.article_id = a.id and ${match})
    order by a.published_at desc, a.id desc limit ${Math.min(limit, COUNT_CAP - offset)} offset ${offset}`.execute(db);
  return { ids: rows.rows.map((r) => r.id), ...page };
}

const capped = (n: number) => ({ total: Math.min(n, COUNT_CAP), more: n > COUNT_CAP });

/**
 * FTS5 reads a posting list fastest from its end, highest rowid (= article id) first, and has no cheap probe of
 * one article (each `match … and rowid = a.id` sets the query up again, about 0.25 ms). So one read takes the
 * COUNT_CAP + 1 highest matching ids: their number is the count, and, ordered by publication time, the highest of
 * them are the answer — except for an older article (lower id) published later than the page's oldest result.
 * Those few are looked up among the articles published since then (the state/published_at index); only ones
 * below every id read are tested against the index.
 */
async function searchSqlite(db: Executor, query: string, limit: number, offset: number): Promise<SearchPage> {
  const top = await sql<{ id: number }>`select rowid as id from article_search where article_search match ${query}
    order by rowid desc limit ${COUNT_CAP + 1}`.execute(db);
  const matches = top.rows.map((r) => r.id);
  const page = capped(matches.length);
  if (page.total === 0 || offset >= COUNT_CAP) return { ids: [], ...page };
  const end = Math.min(offset + limit, COUNT_CAP);
  // Ids follow creation and publication mostly follows creation, so the page is nearly always among the first
  // few dozen ids: read the times of those first, of all only when too few of them are published.
  let head = matches.slice(0, Math.max(2 * end, 100));
  let found = await publishedTimes(db, head);
  if (found.length < end && head.length < matches.length) {
    head = matches;
    found = await publishedTimes(db, head);
  }
  found.sort(newestFirst);
  // (Fewer published than the page needs means the index is out of step with the articles: nothing to refine.)
  if ((head.length < matches.length || page.more) && found.length >= end) {
    const since = found[end - 1].published_at;
    const late = await db.selectFrom('articles').select('id').where('state', '=', 'published')
      .where('published_at', '>=', since).where('id', '<', head[head.length - 1]).execute();
    const known = new Set(matches);
    const read = late.map((r) => r.id).filter((id) => known.has(id));
    const unread = late.map((r) => r.id).filter((id) => id < matches[matches.length - 1]);
    if (unread.length) {
      // A rowid range, not `rowid in (?)` or `rowid = ?`: with the rowid bound as a parameter (better-sqlite3
      // binds a number as REAL) FTS5 in SQLite 3.53 ignores the equality and answers every match.
      const hits = await sql<{ id: number }>`select rowid as id from article_search where article_search match ${query}
        and rowid between ${Math.min(...unread)} and ${Math.max(...unread)}`.execute(db);
      const wanted = new Set(unread);
      read.push(...hits.rows.map((r) => r.id).filter((id) => wanted.has(id)));
    }
    found.push(...await publishedTimes(db, read));
    found.sort(newestFirst);
  }
  return { ids: found.slice(offset, end).map((r) => r.id), ...page };
}

type Dated = { id: number; published_at: string };
const newestFirst = (a: Dated, b: Dated) => (a.published_at === b.published_at ? b.id - a.id : a.published_at < b.published_at ? 1 : -1);

/** Publication times of those of `ids` that are published (by primary key: see readArticleTexts on the state index). */
async function publishedTimes(db: Executor, ids: number[]): Promise<Dated[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('articles').select(['id', 'state', 'published_at']).where('id', 'in', ids).execute();
  return rows.flatMap((r) => (r.state === 'published' && r.published_at ? [{ id: r.id, published_at: r.published_at }] : []));
}

/** FTS5: each phrase quoted (its pairs in a row), phrases ANDed; our tokens hold no quotes. */
function ftsQuery(phrases: QueryPhrase[]): string {
  return phrases.map((p) => (p.prefix ? `"${p.tokens[0]}"*` : `"${p.tokens.join(' ')}"`)).join(' ');
}

/** tsquery: pairs of a phrase joined by <-> (followed by), phrases by &. */
function tsQuery(phrases: QueryPhrase[]): string {
  return phrases.map((p) => (p.prefix ? `'${p.tokens[0]}':*` : `(${p.tokens.map((t) => `'${t}'`).join(' <-> ')})`)).join(' & ');
}
