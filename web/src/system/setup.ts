import { useQuery } from '@tanstack/react-query';
import { api } from '../app/api';
import { queryClient } from '../app/query';
import type { Me } from '../app/auth';
import type { SheetRow } from './AccountSheet';

export const setupKey = ['setup'] as const;

export interface SetupStatus {
  needed: boolean;
}

export interface SetupAccount {
  userId: number;
  username: string;
  displayName: string;
  oneTimePassword: string;
  expiresAt: string;
}

/** The answer of POST /setup: the two administrators' one-time passwords, shown this once. */
export interface SetupResult {
  rootOrg: { id: number; name: string };
  securityAdmin: SetupAccount;
  auditAdmin: SetupAccount;
}

/**
 * Whether the installation still waits for its initialisation, asked once for a user who may do it.
 * `settled` is false until the answer is in, so the start page is chosen knowing it.
 */
export function useSetupStatus(me: Me): { settled: boolean; needed: boolean } {
  const allowed = me.permissions.includes('user.manage');
  const q = useQuery({ queryKey: setupKey, queryFn: () => api.get<SetupStatus>('/api/v1/setup'), enabled: allowed, staleTime: Infinity });
  return { settled: !allowed || !q.isPending, needed: q.data?.needed === true };
}

/** For the page list, whose `allow` sees only the session: the answer `useSetupStatus` keeps in the cache. */
export function setupNeeded(): boolean {
  return queryClient.getQueryData<SetupStatus>(setupKey)?.needed === true;
}

/** The printable slips of the two administrators. */
export function setupSheetRows(r: SetupResult): SheetRow[] {
  const slip = (a: SetupAccount, role: string): SheetRow => ({
    userId: a.userId, username: a.username, memberName: a.displayName, orgName: `${r.rootOrg.name}（${role}）`,
    oneTimePassword: a.oneTimePassword, expiresAt: a.expiresAt,
  });
  return [slip(r.securityAdmin, '安全管理员'), slip(r.auditAdmin, '安全审计员')];
}
