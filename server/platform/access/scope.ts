import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { textStartsWith } from '../db/like.js';

/**
 * The one place that decides what a caller may reach: a set of organisation subtree paths.
 * Lists, details, search, counts and exports all filter through `scopeWhere` or `inScope`.
 */
export interface Scope {
  /** minimal set of subtree roots, as materialised paths ('/1/5/') */
  readonly paths: readonly string[];
}

export const emptyScope: Scope = { paths: [] };

export function makeScope(paths: Iterable<string>): Scope {
  const sorted = [...new Set(paths)].sort((a, b) => a.length - b.length);
  const minimal: string[] = [];
  for (const p of sorted) if (!minimal.some((m) => p.startsWith(m))) minimal.push(p);
  return { paths: minimal };
}

export function inScope(scope: Scope, path: string): boolean {
  return scope.paths.some((p) => path.startsWith(p));
}

/** A WHERE condition restricting `pathColumn` (an orgs.path reference) to the scope. */
export function scopeWhere<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  pathColumn: Parameters<ExpressionBuilder<DB, TB>['ref']>[0],
  scope: Scope,
): Expression<SqlBool> {
  if (scope.paths.length === 0) return sql<SqlBool>`1 = 0`;
  // Paths hold only digits and slashes, so escaping is belt and braces.
  return eb.or(scope.paths.map((p) => textStartsWith(eb.ref(pathColumn) as Expression<string>, p)));
}
