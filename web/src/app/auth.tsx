import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, onUnauthorized, setCsrfToken } from './api';

// The server's list of permissions is the one source: a new one is known here without a copy to keep in step.
export type { Permission } from '../../../server/platform/access/roles';
import type { Permission } from '../../../server/platform/access/roles';

export type PendingStep = 'password_change' | 'totp_verify' | 'totp_enroll';

export interface MeGrant {
  role: string;
  roleLabel: string;
  orgId: number | null;
  orgName: string | null;
  validTo: string | null;
}

/** The answer of POST /auth/login and GET /auth/me. */
export interface Me {
  id: number;
  username: string;
  displayName: string;
  memberId: number | null;
  pending: PendingStep | null;
  totpEnabled: boolean;
  csrfToken: string;
  grants: MeGrant[];
  permissions: Permission[];
  demo: boolean;
}

interface AuthValue {
  me: Me;
  can: (p: Permission) => boolean;
  /** replaces the session after login or a completed step */
  setMe: (me: Me | null) => void;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);
const meKey = ['auth', 'me'] as const;

async function fetchMe(): Promise<Me | null> {
  try {
    return await api.get<Me>('/api/v1/auth/me');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

/** The session: null means "show the login page"; `pending` means a step is owed before the app opens. */
export function useSession() {
  const qc = useQueryClient();
  const query = useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 60_000, retry: false });
  const me = query.data ?? null;
  useEffect(() => setCsrfToken(me?.csrfToken ?? null), [me?.csrfToken]);

  const setMe = useCallback((next: Me | null) => {
    setCsrfToken(next?.csrfToken ?? null);
    qc.setQueryData(meKey, next);
    // Nothing of the previous user's data may stay in the cache for the next one. (Not qc.clear(): that would
    // also drop the session query this hook observes, and the page would never learn of the logout.)
    if (!next) qc.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
  }, [qc]);

  useEffect(() => {
    onUnauthorized(() => {
      if (qc.getQueryData(meKey)) setMe(null);
    });
  }, [qc, setMe]);

  return { me, setMe, isLoading: query.isLoading, error: query.error };
}

export function AuthProvider({ me, setMe, children }: { me: Me; setMe: (me: Me | null) => void; children: ReactNode }) {
  const value = useMemo<AuthValue>(() => ({
    me,
    can: (p) => me.permissions.includes(p),
    setMe,
    logout: async () => {
      try {
        await api.post('/api/v1/auth/logout');
      } finally {
        setMe(null);
      }
    },
  }), [me, setMe]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/** Role labels without repeats, e.g. for the header. */
export function roleLabelsOf(me: Me): string[] {
  return [...new Set(me.grants.map((g) => g.roleLabel))];
}
