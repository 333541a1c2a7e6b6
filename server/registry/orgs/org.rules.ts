import { childTypes, orgStatuses, orgTypeLabels, orgTypes, type OrgStatus, type OrgType } from '../../../contract/orgs.js';
import { addYears } from '../../platform/time.js';

export { orgStatuses, orgTypeLabels, orgTypes, type OrgStatus, type OrgType };

/** Why `child` cannot sit under `parent`, in Chinese, or null when it can. */
export function placementError(child: OrgType, parent: OrgType): string | null {
  if (childTypes[parent].includes(child)) return null;
  if (child === 'group') return '党小组只能设在党支部内';
  if (child === 'working_committee') return '机关工委是组织树的根，不能设在其他党组织之下';
  if (parent === 'group') return '党小组之下不能再设党组织';
  return `${orgTypeLabels[parent]}之下不能设${orgTypeLabels[child]}`;
}

/**
 * Default term (RULES.md §1): 3 years for branches and general branches, 5 for committees. Groups are not elected,
 * and the working committee is appointed by the district committee, so neither has a default term.
 */
export function defaultTermYears(type: OrgType): number | null {
  if (type === 'branch' || type === 'general_branch') return 3;
  if (type === 'committee') return 5;
  return null;
}

export function termEnd(termStart: string | null, termYears: number | null): string | null {
  if (!termStart || !termYears) return null;
  return addYears(termStart, termYears);
}

/** A branch serving several units is a joint branch (联合党支部); the regulations cap it at five units. */
export const MAX_UNITS_PER_BRANCH = 5;

/** Whether a materialised path names a root ('/7/'): a scope holding one covers a whole deployment. */
export function isRootPath(path: string): boolean {
  return /^\/\d+\/$/.test(path);
}

/** Ids along a materialised path, root first: '/1/5/23/' → [1, 5, 23]. */
export function pathIds(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}

/** Merging keeps like with like, or folds a group back into a branch; anything else would break the type rules. */
export function mergeError(source: OrgType, target: OrgType): string | null {
  if (source === target || (source === 'group' && target === 'branch')) return null;
  return `${orgTypeLabels[source]}不能并入${orgTypeLabels[target]}，只能并入同类党组织（党小组可并入党支部）`;
}
