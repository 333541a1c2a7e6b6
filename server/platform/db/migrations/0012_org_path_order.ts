import { sql } from 'kysely';
import type { AnyKysely } from '../columns.js';
import type { Dialect } from '../database.js';

/**
 * Scope tests orgs.path against a range ('/1/5/' ≤ path < '/1/50', platform/access/scope.ts), which is right only
 * when paths compare byte by byte. SQLite's default BINARY collation does. PostgreSQL's follows the cluster's locale
 * (zh_CN.UTF-8 or en_US.UTF-8 weigh '/' below the digits only at a later level), so there the column takes the "C"
 * collation, and its index — text_pattern_ops until now, for LIKE prefixes — becomes an ordinary one, which under
 * "C" serves ranges and prefixes alike.
 */
export async function up(db: AnyKysely, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`drop index orgs_path_idx`.execute(db);
  await sql`alter table orgs alter column path type text collate "C"`.execute(db);
  await sql`create index orgs_path_idx on orgs (path)`.execute(db);
}
