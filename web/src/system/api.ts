import type { AccountSheetRow } from '../../../contract/accounts';

export type { AccountSheetRow };

export interface User {
  id: number;
  username: string;
  displayName: string;
  memberId: number | null;
  roles: string[];
  disabled: boolean;
  lockedUntil: string | null;
  mustChangePassword: boolean;
  passwordExpiresAt: string | null;
  passwordChangedAt: string;
  totpEnabled: boolean;
  lastLoginAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A password the server generated: shown once, stored only as a hash. */
export interface IssuedPassword {
  user: User;
  oneTimePassword: string;
  expiresAt: string;
}

export interface Grant {
  id: number;
  userId: number;
  role: string;
  roleLabel: string;
  orgId: number | null;
  orgName: string | null;
  validFrom: string | null;
  validTo: string | null;
  active: boolean;
  createdAt: string;
}

/** A member of the roster with their account, if any (党员账号). */
export interface MemberAccount {
  memberId: number;
  memberName: string;
  orgId: number;
  orgName: string;
  userId: number | null;
  username: string | null;
  disabled: boolean | null;
  lastLoginAt: string | null;
}

export const userKeys = {
  all: ['users'] as const,
  grants: (userId: number) => ['users', 'grants', userId] as const,
};
