import type { Selectable } from 'kysely';
import type { UnitTable } from '../../platform/db/schema.js';
import type { OrgType } from '../orgs/org.rules.js';

type UnitRow = Selectable<UnitTable>;

export function presentUnit(u: UnitRow) {
  return { id: u.id, name: u.name, unitSecretaryName: u.unit_secretary_name, version: u.version };
}

export function presentUnitDetail(u: UnitRow, orgs: ReadonlyArray<{ id: number; name: string; type: OrgType }>) {
  return { ...presentUnit(u), orgs: orgs.map((o) => ({ id: o.id, name: o.name, type: o.type })), createdAt: u.created_at, updatedAt: u.updated_at };
}
