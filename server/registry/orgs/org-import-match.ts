import type { Executor } from '../../platform/db/database.js';
import type { Scope } from '../../platform/access/scope.js';
import { activeOrgsInScope, findOrgNames } from './org.repository.js';
import { pathIds, type OrgType } from './org.rules.js';

export interface MatchedOrg {
  id: number;
  name: string;
  path: string;
  type: OrgType;
}
export type OrgMatch = { org: MatchedOrg } | { error: 'none' | 'ambiguous' };

/** Full-width forms, spaces (also U+3000) and stray whitespace in spreadsheet cells do not make a different name. */
function normalize(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

/**
 * The roster import's organisation matcher. Loads the active organisations in `scope` (and the names of their
 * ancestors, which may lie outside it) once, and answers each cell from memory: an exact name that is unique in the
 * scope, or, where names repeat, a path of names separated by '/' whose last part is the organisation and whose
 * earlier parts are its nearest ancestors (`区教育局党委/机关党支部`; the path may start at any level). Import never
 * creates organisations, and whether the matched type may hold members is the importer's call.
 */
export async function matchOrgsForImport(db: Executor, scope: Scope): Promise<(cell: string) => OrgMatch> {
  const orgs = await activeOrgsInScope(db, scope);
  const names = new Map<number, string>(orgs.map((o) => [o.id, normalize(o.name)]));
  const outside = [...new Set(orgs.flatMap((o) => pathIds(o.path)))].filter((id) => !names.has(id));
  for (const [id, name] of await findOrgNames(db, outside)) names.set(id, normalize(name));

  const byName = new Map<string, MatchedOrg[]>();
  for (const o of orgs) {
    const key = names.get(o.id)!;
    const list = byName.get(key) ?? [];
    list.push({ id: o.id, name: o.name, path: o.path, type: o.type });
    byName.set(key, list);
  }
  /** Ancestor names, nearest first. */
  const ancestorsOf = (o: MatchedOrg) => pathIds(o.path).slice(0, -1).reverse().map((id) => names.get(id) ?? '');

  const answer = (found: readonly MatchedOrg[]): OrgMatch =>
    found.length === 1 ? { org: found[0] } : { error: found.length ? 'ambiguous' : 'none' };

  const cache = new Map<string, OrgMatch>();
  return (cell: string) => {
    const key = normalize(cell);
    let hit = cache.get(key);
    if (hit) return hit;
    const exact = key ? byName.get(key) ?? [] : [];
    if (exact.length || !key.includes('/')) {
      hit = answer(exact);
    } else {
      const parts = key.split('/').filter(Boolean);
      const own = parts.pop() ?? '';
      const above = parts.reverse();
      hit = answer((byName.get(own) ?? []).filter((o) => {
        const ancestors = ancestorsOf(o);
        return above.every((name, i) => ancestors[i] === name);
      }));
    }
    cache.set(key, hit);
    return hit;
  };
}
