import { api, type Query } from '../app/api';

export interface LedgerFlag {
  ledger: string;
  reason: string | null;
  since: string | null;
}

export interface LedgerEntry extends LedgerFlag {
  /** derived by rule (veteran), not entered */
  derived: boolean;
}

export interface MemberExit {
  reason: string;
  onDate: string;
  note: string | null;
}

/** A member in a list: personal data arrives masked. */
export interface MemberListItem {
  id: number;
  orgId: number;
  orgName: string;
  name: string;
  gender: 'male' | 'female';
  status: 'full' | 'probationary';
  idNumber: string;
  phone: string | null;
  birthDate: string;
  joinedOn: string;
  fullOn: string | null;
  ledgers: LedgerEntry[];
  exit: MemberExit | null;
  version: number;
}

export interface MemberDetail extends MemberListItem {
  ethnicity: string;
  education: string | null;
  probationExtended: boolean;
  disciplineStatus: string | null;
  disciplineUntil: string | null;
  votingSuspended: boolean;
  partyYears: number;
  post: string | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
  /** what the registry's rules question on the record (a later full-membership date, an overdue probation): 请核实 */
  warnings: { path: string; message: string }[];
}

/** The writable fields, as the form holds them. */
export interface MemberFormValues {
  name: string;
  gender?: 'male' | 'female';
  ethnicity: string;
  birthDate?: string | null;
  idNumber: string;
  education?: string | null;
  joinedOn: string;
  fullOn?: string | null;
  status: 'full' | 'probationary';
  probationExtended?: boolean;
  disciplineStatus?: string | null;
  disciplineUntil?: string | null;
  orgId: number;
  phone?: string | null;
  post?: string | null;
  notes?: string | null;
  ledgers?: LedgerFlag[];
}

export interface MemberFilters {
  q?: string;
  orgId?: number;
  status?: string;
  ledger?: string;
  /** 'false' (default): on the roster; 'true': left; 'all' */
  exited?: 'false' | 'true' | 'all';
}

export const memberKeys = {
  all: ['members'] as const,
  list: (f: MemberFilters, page: number, pageSize: number) => ['members', 'list', f, page, pageSize] as const,
  detail: (id: number) => ['members', 'detail', id] as const,
  placements: (id: number | 'me') => ['members', 'placements', id] as const,
};

export const filterQuery = (f: MemberFilters): Query => ({ q: f.q?.trim(), orgId: f.orgId, status: f.status, ledger: f.ledger, exited: f.exited });

export const memberUrl = (id: number) => `/api/v1/members/${id}`;

/**
 * One stretch of a member's placement history (组织关系变动): the organisation as stored now, perhaps since merged or
 * dissolved; `to` is the day the member moved on (the next placement's `from`), null while current.
 */
export interface MemberPlacement {
  orgId: number;
  orgName: string;
  orgStatus: 'active' | 'merged' | 'dissolved';
  parentName: string | null;
  from: string;
  to: string | null;
}

/** Newest first; `'me'`: the signed-in member's own. */
export const placements = (id: number | 'me') =>
  api.get<{ items: MemberPlacement[]; total: number }>(id === 'me' ? '/api/v1/me/placements' : `${memberUrl(id)}/placements`);

export interface Revealed {
  idNumber?: string;
  phone?: string | null;
}

export const reveal = (id: number, reason: string) =>
  api.post<Revealed>(`${memberUrl(id)}/reveal`, { fields: ['idNumber', 'phone'], reason });

/** Discipline short of expulsion; 留党察看 suspends voting rights for its period. */
export const disciplineStatuses = ['警告', '严重警告', '撤销党内职务', '留党察看'];
