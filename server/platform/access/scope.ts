import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';

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

/**
 * How a scoped query should reach its rows. `from_orgs`: find the scope's organisations by the path index, then
 * their rows — right for a branch or a unit. `from_rows`: read the rows in the order another index gives and check
 * each one's organisation — right when the scope holds most of the tree, where going through the organisations
 * would fetch every row by a second index (a committee's member search on the city: 150 ms instead of 40 ms).
 * SQLite cannot tell the two apart from bound parameters, so the caller says which (org.repository's
 * `scopeAccessFor` measures the scope).
 */
export type ScopeAccess = 'from_orgs' | 'from_rows';

/** A WHERE condition restricting `pathColumn` (an orgs.path reference) to the scope. */
export function scopeWhere<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  pathColumn: Parameters<ExpressionBuilder<DB, TB>['ref']>[0],
  scope: Scope,
  access: ScopeAccess = 'from_orgs',
): Expression<SqlBool> {
  if (scope.paths.length === 0) return sql<SqlBool>`1 = 0`;
  const column = eb.ref(pathColumn) as Expression<string>;
  // An expression over the column is no longer the indexed column itself, so neither database starts from it.
  const ref = access === 'from_rows' ? sql<string>`(${column} || '')` : column;
  return eb.or(scope.paths.map((p) => {
    const [from, to] = subtreeRange(p);
    return sql<SqlBool>`(${ref} >= ${from} and ${ref} < ${to})`;
  }));
}

/**
 * The paths of a subtree as a range of text: '/1/5/' and below are those from '/1/5/' up to, not including,
 * '/1/50' (the character after '/'). Both databases answer a range from a plain index on orgs.path, where a LIKE
 * prefix is case-insensitive in SQLite and never uses one (a branch's roster: 87 ms → 3 ms on the city). It needs
 * paths to compare byte by byte: SQLite's BINARY collation does, and PostgreSQL's column has the "C" collation
 * (migration 0012).
 */
export function subtreeRange(path: string): [from: string, to: string] {
  return [path, path.slice(0, -1) + String.fromCharCode(path.charCodeAt(path.length - 1) + 1)];
}
