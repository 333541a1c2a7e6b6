import { useCallback, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, type Page } from '../app/api';
import type { OrgType } from '../app/labels';

/** A node of GET /orgs/tree: the active organisations the caller may read. */
export interface OrgTreeNode {
  id: number;
  parentId: number | null;
  type: OrgType;
  name: string;
  memberCount: number;
  fullMemberCount: number;
  children: OrgTreeNode[];
}

export interface OrgUnit {
  id: number;
  name: string;
  unitSecretaryName?: string | null;
}

export type OfficerPosition = 'secretary' | 'deputy_secretary' | 'committee_member';

export interface OrgOfficer {
  memberId: number;
  memberName: string;
  position: OfficerPosition;
  /** e.g. 组织委员, 宣传委员, 纪检委员 */
  title: string | null;
  since: string | null;
}

export interface OrgFinding {
  code: string;
  severity: 'warning' | 'error';
  message: string;
  orgId: number;
  orgName: string;
}

export interface OrgEvent {
  id: number;
  kind: string;
  onDate: string;
  details: Record<string, unknown>;
  userName: string | null;
  createdAt: string;
}

export interface OrgDetail {
  id: number;
  parentId: number | null;
  parentName: string | null;
  type: OrgType;
  name: string;
  path: string;
  depth: number;
  status: 'active' | 'merged' | 'dissolved';
  termEnd: string | null;
  memberCount: number;
  fullMemberCount: number;
  foundedOn: string | null;
  termStart: string | null;
  termYears: number | null;
  mergedIntoId: number | null;
  closedOn: string | null;
  notes: string | null;
  units: OrgUnit[];
  officers: OrgOfficer[];
  findings: OrgFinding[];
  events: OrgEvent[];
  version: number;
}

export const orgKeys = {
  all: ['orgs'] as const,
  tree: ['orgs', 'tree'] as const,
  detail: (id: number) => ['orgs', 'detail', id] as const,
  findings: ['orgs', 'findings'] as const,
};

/** The organisations the caller may read, as a tree (several roots when grants cover separate subtrees). */
export function useOrgTree(enabled = true) {
  return useQuery({
    queryKey: orgKeys.tree,
    queryFn: async () => (await api.get<{ items: OrgTreeNode[] }>('/api/v1/orgs/tree')).items,
    staleTime: 60_000,
    enabled,
  });
}

/** The organisations the caller may read, by id. */
export function useOrgIndex(enabled = true) {
  const tree = useOrgTree(enabled);
  return useMemo(() => {
    const m = new Map<number, OrgTreeNode>();
    const walk = (n: OrgTreeNode) => { m.set(n.id, n); n.children.forEach(walk); };
    (tree.data ?? []).forEach(walk);
    return m;
  }, [tree.data]);
}

/**
 * How a list names a member's organisation: a group carries its branch's name ("区财政局党支部 · 第一党小组"),
 * since every branch has a 第一党小组. Falls back to the name the record carries.
 */
export function useOrgLabel(enabled = true) {
  const byId = useOrgIndex(enabled);
  return useCallback((orgId: number, fallback: string) => {
    const n = byId.get(orgId);
    const parent = n?.type === 'group' && n.parentId !== null ? byId.get(n.parentId) : undefined;
    return parent ? `${parent.name} · ${n!.name}` : (n?.name ?? fallback);
  }, [byId]);
}

/** The ids of a node and everything under it, e.g. to keep an organisation from moving into its own subtree. */
export function subtreeIds(nodes: OrgTreeNode[], rootId: number): Set<number> {
  const out = new Set<number>();
  const visit = (n: OrgTreeNode, inside: boolean) => {
    const here = inside || n.id === rootId;
    if (here) out.add(n.id);
    n.children.forEach((c) => visit(c, here));
  };
  nodes.forEach((n) => visit(n, false));
  return out;
}

export function useOrg(id: number | undefined) {
  return useQuery({
    queryKey: orgKeys.detail(id ?? 0),
    queryFn: () => api.get<OrgDetail>(`/api/v1/orgs/${id}`),
    enabled: id !== undefined,
  });
}

export function useUnits() {
  return useQuery({
    queryKey: ['units'],
    queryFn: () => api.get<Page<OrgUnit>>('/api/v1/units', { pageSize: 1000 }),
    staleTime: 60_000,
  });
}
