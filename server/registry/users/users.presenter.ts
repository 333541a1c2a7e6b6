import type { z } from 'zod';
import type { User } from '../../platform/db/schema.js';
import { roleLabels, type Role } from '../../platform/access/roles.js';
import type { GrantRow } from './grants.repository.js';
import type { MemberAccountRow } from './member-accounts.repository.js';
import type { grantSchema, memberAccountItemSchema, userSchema } from './users.schemas.js';

export function presentUser(u: User, roles: readonly string[]): z.infer<typeof userSchema> {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    memberId: u.member_id,
    roles: [...roles],
    disabled: u.disabled === 1,
    lockedUntil: u.locked_until,
    mustChangePassword: u.must_change_password === 1,
    passwordExpiresAt: u.password_expires_at,
    passwordChangedAt: u.password_changed_at,
    totpEnabled: u.totp_enabled === 1,
    lastLoginAt: u.last_login_at,
    version: u.version,
    createdAt: u.created_at,
    updatedAt: u.updated_at,
  };
}

export function presentGrant(g: GrantRow, now: string): z.infer<typeof grantSchema> {
  return {
    id: g.id,
    userId: g.user_id,
    role: g.role,
    roleLabel: roleLabels[g.role as Role] ?? g.role,
    orgId: g.org_id,
    orgName: g.org_name,
    validFrom: g.valid_from,
    validTo: g.valid_to,
    active: (!g.valid_from || g.valid_from <= now) && (!g.valid_to || g.valid_to > now),
    createdAt: g.created_at,
  };
}

export function presentMemberAccount(r: MemberAccountRow): z.infer<typeof memberAccountItemSchema> {
  return {
    memberId: r.member_id,
    memberName: r.member_name,
    orgId: r.org_id,
    orgName: r.org_name,
    userId: r.user_id,
    username: r.username,
    disabled: r.disabled === null ? null : r.disabled === 1,
    lastLoginAt: r.last_login_at,
  };
}
