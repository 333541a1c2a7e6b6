import type { Executor } from '../db/database.js';
import { adminRoles, isRole, rolePermissions, type Permission, type Role } from './roles.js';
import { inScope, makeScope, type Scope } from './scope.js';

export interface ActiveGrant {
  id: number;
  role: Role;
  orgId: number | null;
  orgPath: string | null;
  validTo: string | null;
}

/** Who is calling, with their currently valid grants. Built once per request. */
export class Principal {
  private readonly scopes = new Map<Permission, Scope>();

  constructor(
    readonly userId: number,
    readonly username: string,
    readonly displayName: string,
    readonly memberId: number | null,
    readonly grants: readonly ActiveGrant[],
    private readonly permissionRoles: (p: Permission) => readonly Role[],
  ) {}

  get roles(): Role[] {
    return [...new Set(this.grants.map((g) => g.role))];
  }

  get isAdmin(): boolean {
    return this.roles.some((r) => adminRoles.includes(r));
  }

  can(permission: Permission): boolean {
    const allowed = this.permissionRoles(permission);
    return this.grants.some((g) => allowed.includes(g.role));
  }

  /** The organisation subtrees where `permission` holds. */
  scope(permission: Permission): Scope {
    let s = this.scopes.get(permission);
    if (!s) {
      const allowed = this.permissionRoles(permission);
      s = makeScope(this.grants.filter((g) => allowed.includes(g.role) && g.orgPath).map((g) => g.orgPath!));
      this.scopes.set(permission, s);
    }
    return s;
  }

  canAt(permission: Permission, orgPath: string): boolean {
    return inScope(this.scope(permission), orgPath);
  }
}

/** Permission → roles, from the fixed table with the security admin's overrides (policy `permission_roles`). */
export function permissionResolver(overrides: Partial<Record<Permission, Role[]>>): (p: Permission) => readonly Role[] {
  const cache = new Map<Permission, readonly Role[]>();
  return (p) => {
    let r = cache.get(p);
    if (!r) {
      r = overrides[p] ?? (Object.keys(rolePermissions) as Role[]).filter((role) => rolePermissions[role].includes(p));
      cache.set(p, r);
    }
    return r;
  };
}

/** A user's grants as stored, whatever their period: `activeGrants` picks those in force at a moment. */
export async function grantRowsOf(db: Executor, userId: number) {
  return db
    .selectFrom('grants')
    .leftJoin('orgs', 'orgs.id', 'grants.org_id')
    .select(['grants.id', 'grants.role', 'grants.org_id', 'orgs.path', 'grants.valid_to', 'grants.valid_from', 'orgs.status'])
    .where('grants.user_id', '=', userId)
    .execute();
}
export type GrantRow = Awaited<ReturnType<typeof grantRowsOf>>[number];

export function activeGrants(rows: readonly GrantRow[], now: string): ActiveGrant[] {
  return rows
    .filter((g) => isRole(g.role))
    .filter((g) => (!g.valid_from || g.valid_from <= now) && (!g.valid_to || g.valid_to > now))
    .filter((g) => g.status === null || g.status === 'active' || g.org_id === null)
    .map((g) => ({ id: g.id, role: g.role as Role, orgId: g.org_id, orgPath: g.path, validTo: g.valid_to }));
}

export async function loadGrants(db: Executor, userId: number, now: string): Promise<ActiveGrant[]> {
  return activeGrants(await grantRowsOf(db, userId), now);
}
