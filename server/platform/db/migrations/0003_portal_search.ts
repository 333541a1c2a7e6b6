import { sql } from 'kysely';
import type { AnyKysely } from '../columns.js';
import type { Dialect } from '../database.js';

/**
 * The portal's full-text index, fed by our own tokenizer (server/portal/search/tokenizer.ts) with its tokens
 * joined by spaces, so each database only splits on spaces. It holds published articles only: what is not
 * public cannot be found. SQLite: a contentless FTS5 table whose rowid is the article id (contentless_delete so
 * a withdrawn article can leave it). PostgreSQL: one tsvector per article (title weighted A, body B), GIN-indexed.
 */
export async function up(db: AnyKysely, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`create virtual table article_search using fts5(
      title, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`.execute(db);
    return;
  }
  await db.schema.createTable('article_search')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('document', sql`tsvector`, (c) => c.notNull()).execute();
  await sql`create index article_search_document_idx on article_search using gin (document)`.execute(db);
}
