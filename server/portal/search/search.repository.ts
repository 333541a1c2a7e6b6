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

/** Brings one article's index entry in line with the article: present with its current text iff published. */
export async function reindexArticle(db: Executor, articleId: number): Promise<void> {
  const article = await db.selectFrom('articles')
    .select(['title', 'subtitle', 'summary', 'body_html', 'state'])
    .where('id', '=', articleId)
    .executeTakeFirst();
  const pg = isPostgres(db);
  if (pg) await sql`delete from article_search where article_id = ${articleId}`.execute(db);
  else await sql`delete from article_search where rowid = ${articleId}`.execute(db);
  if (!article || article.state !== 'published') return;
  const title = indexText([article.title, article.subtitle].filter(Boolean).join(' '));
  const body = indexText(`${article.summary ?? ''}\n${htmlToText(article.body_html)}`);
  if (pg) {
    await sql`insert into article_search (article_id, document) values (${articleId},
      setweight(to_tsvector('simple', ${title}), 'A') || setweight(to_tsvector('simple', ${body}), 'B'))`.execute(db);
  } else {
    await sql`insert into article_search (rowid, title, body) values (${articleId}, ${title}, ${body})`.execute(db);
  }
}

export interface SearchPage {
  ids: number[];
  total: number;
}

/**
 * Published articles matching every phrase, newest first. The join re-checks the state, so a row the index still
 * holds for an article that stopped being public is never shown.
 */
export async function searchPublished(db: Executor, phrases: QueryPhrase[], limit: number, offset: number): Promise<SearchPage> {
  if (phrases.length === 0) return { ids: [], total: 0 };
  const match = isPostgres(db)
    ? sql<boolean>`s.document @@ to_tsquery('simple', ${tsQuery(phrases)})`
    : sql<boolean>`article_search match ${ftsQuery(phrases)}`;
  const key = isPostgres(db) ? sql.ref('s.article_id') : sql.ref('s.rowid');
  const [rows, count] = await Promise.all([
    sql<{ id: number }>`select a.id from article_search s join articles a on a.id = ${key}
      where ${match} and a.state = 'published' order by a.published_at desc, a.id desc limit ${limit} offset ${offset}`.execute(db),
    sql<{ n: number }>`select count(*) as n from article_search s join articles a on a.id = ${key}
      where ${match} and a.state = 'published'`.execute(db),
  ]);
  return { ids: rows.rows.map((r) => r.id), total: Number(count.rows[0]?.n ?? 0) };
}

/** FTS5: each phrase quoted (its pairs in a row), phrases ANDed; our tokens hold no quotes. */
function ftsQuery(phrases: QueryPhrase[]): string {
  return phrases.map((p) => (p.prefix ? `"${p.tokens[0]}"*` : `"${p.tokens.join(' ')}"`)).join(' ');
}

/** tsquery: pairs of a phrase joined by <-> (followed by), phrases by &. */
function tsQuery(phrases: QueryPhrase[]): string {
  return phrases.map((p) => (p.prefix ? `'${p.tokens[0]}':*` : `(${p.tokens.map((t) => `'${t}'`).join(' <-> ')})`)).join(' & ');
}
