import { PostgresAdapter, sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { htmlToText } from '../site/html.js';
import { indexText, type QueryPhrase } from './tokenizer.js';

/*
 * The index (migration 0003) holds published articles only. The listener runs inside the writer's transaction,
 * and several apps (SQLite and PostgreSQL) may share one process in tests, so the dialect is read from the
 * executor at hand rather than remembered.
 */
const isPostgres = (db: Executor) => db.getExecutor().adapter instanceof PostgresAdapter;

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

export interface SearchPage {
  ids: number[];
  total: number;
}

/**
 * Published articles matching every phrase, newest first. The article table re-checks the state, so a row the
 * index might still hold for an article that stopped being public is never shown; the total is counted on the
 * index alone, which holds published articles only.
 */
export async function searchPublished(db: Executor, phrases: QueryPhrase[], limit: number, offset: number): Promise<SearchPage> {
  if (phrases.length === 0) return { ids: [], total: 0 };
  if (isPostgres(db)) {
    const query = tsQuery(phrases);
    const [rows, count] = await Promise.all([
      sql<{ id: number }>`select a.id from articles a where a.state = 'published'
        and a.id in (select article_id from article_search where document @@ to_tsquery('simple', ${query}))
        order by a.published_at desc, a.id desc limit ${limit} offset ${offset}`.execute(db),
      sql<{ n: number }>`select count(*) as n from article_search where document @@ to_tsquery('simple', ${query})`.execute(db),
    ]);
    return { ids: rows.rows.map((r) => r.id), total: Number(count.rows[0]?.n ?? 0) };
  }
  const query = ftsQuery(phrases);
  const count = await sql<{ n: number }>`select count(*) as n from article_search where article_search match ${query}`.execute(db);
  const total = Number(count.rows[0]?.n ?? 0);
  if (total === 0) return { ids: [], total };
  // Two plans, chosen by how common the word is. A common single word: walk the newest published articles and
  // probe the index for each (a few dozen cheap probes). Anything else: collect the matches, then walk the newest.
  const probe = total >= COMMON && offset + limit <= 200 && phrases.length === 1 && phrases[0].tokens.length === 1 && !phrases[0].prefix;
  const rows = probe
    ? await sql<{ id: number }>`select a.id from articles a where a.state = 'published'
        and exists (select 1 from article_search s where article_search match ${query} and s.rowid = a.id)
        order by a.published_at desc, a.id desc limit ${limit} offset ${offset}`.execute(db)
    : await sql<{ id: number }>`select a.id from articles a where a.state = 'published'
        and a.id in (select rowid from article_search where article_search match ${query})
        order by a.published_at desc, a.id desc limit ${limit} offset ${offset}`.execute(db);
  return { ids: rows.rows.map((r) => r.id), total };
}

/** Matches above which a single word is found faster by probing the newest articles than by collecting all. */
const COMMON = 5_000;

/** FTS5: each phrase quoted (its pairs in a row), phrases ANDed; our tokens hold no quotes. */
function ftsQuery(phrases: QueryPhrase[]): string {
  return phrases.map((p) => (p.prefix ? `"${p.tokens[0]}"*` : `"${p.tokens.join(' ')}"`)).join(' ');
}

/** tsquery: pairs of a phrase joined by <-> (followed by), phrases by &. */
function tsQuery(phrases: QueryPhrase[]): string {
  return phrases.map((p) => (p.prefix ? `'${p.tokens[0]}':*` : `(${p.tokens.map((t) => `'${t}'`).join(' <-> ')})`)).join(' & ');
}
