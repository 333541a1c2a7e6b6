import { sql, type Expression, type SqlBool } from 'kysely';

/*
 * Text search with LIKE: the searched text's own wildcards (% _ \) are escaped so it matches only itself, with an
 * explicit `escape '\'` because SQLite has no default escape character. The one place this is written.
 */

/** The text with LIKE's wildcards escaped, followed by `%`: a pattern for "starts with". */
export function likePrefixPattern(text: string): string {
  return `${text.replace(/[\\%_]/g, '\\$&')}%`;
}

/** `column` contains `text` literally. */
export function textContains(column: Expression<string | null>, text: string): Expression<SqlBool> {
  return sql<SqlBool>`${column} like ${`%${likePrefixPattern(text)}`} escape '\\'`;
}

/** `column` starts with `text` literally. */
export function textStartsWith(column: Expression<string | null>, text: string): Expression<SqlBool> {
  return sql<SqlBool>`${column} like ${likePrefixPattern(text)} escape '\\'`;
}
