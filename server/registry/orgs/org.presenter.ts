import type { Org } from '../../platform/db/schema.js';
import type { OfficerRow } from './officer.repository.js';
import type { Finding, OrgDetail, OrgItem, OrgTreeNode } from './org.schemas.js';
import type { Counts, OrgNode } from './org.repository.js';
import type { OrgStatus } from './org.rules.js';

const none: Counts = { total: 0, full: 0 };

export function presentOrgItem(o: Org, counts: ReadonlyMap<number, Counts>): OrgItem {
  const c = counts.get(o.id) ?? none;
  return {
    id: o.id,
    parentId: o.parent_id,
    type: o.type,
    name: o.name,
    path: o.path,
    depth: o.depth,
    status: o.status as OrgStatus,
    termEnd: o.term_end,
    memberCount: c.total,
    fullMemberCount: c.full,
    sortOrder: o.sort_order,
    version: o.version,
  };
}

export interface OrgDetailParts {
  org: Org;
  counts: ReadonlyMap<number, Counts>;
  parentName: string | null;
  units: Array<{ id: number; name: string }>;
  officers: OfficerRow[];
  findings: Finding[];
  events: Array<{ id: number; kind: string; on_date: string; details: string; created_at: string; userName: string | null }>;
}

export function presentOrgDetail(p: OrgDetailParts): OrgDetail {
  const o = p.org;
  return {
    ...presentOrgItem(o, p.counts),
    parentName: p.parentName,
    foundedOn: o.founded_on,
    termStart: o.term_start,
    termYears: o.term_years,
    mergedIntoId: o.merged_into_id,
    closedOn: o.closed_on,
    notes: o.notes,
    units: p.units,
    officers: p.officers.map((x) => ({ ...x, position: x.position as OrgDetail['officers'][number]['position'] })),
    findings: p.findings,
    events: p.events.map((e) => ({
      id: e.id,
      kind: e.kind,
      onDate: e.on_date,
      details: JSON.parse(e.details) as Record<string, unknown>,
      userName: e.userName,
      createdAt: e.created_at,
    })),
    createdAt: o.created_at,
    updatedAt: o.updated_at,
  };
}

/** Nests the scoped organisations; those whose parent is outside the set are the roots of the caller's forest. */
export function presentTree(nodes: readonly OrgNode[], counts: ReadonlyMap<number, Counts>): OrgTreeNode[] {
  const byId = new Map<number, OrgTreeNode>();
  for (const n of nodes) {
    const c = counts.get(n.id) ?? none;
    byId.set(n.id, { id: n.id, parentId: n.parent_id, type: n.type, name: n.name, memberCount: c.total, fullMemberCount: c.full, children: [] });
  }
  const roots: OrgTreeNode[] = [];
  // `nodes` come ordered by depth, sort order and id, so children are appended in display order.
  for (const n of nodes) {
    const node = byId.get(n.id)!;
    const parent = n.parent_id === null ? undefined : byId.get(n.parent_id);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}
