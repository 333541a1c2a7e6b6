import type { z } from 'zod';
import type { Kdb } from '../../platform/db/database.js';
import type { Principal } from '../../platform/access/principal.js';
import { inScope } from '../../platform/access/scope.js';
import { changedFields, writeAudit, type Actor } from '../../platform/audit/audit-log.js';
import { forbidden, notFound, staleVersion } from '../../platform/errors.js';
import { nowIso } from '../../platform/time.js';
import { isRootPath } from '../orgs/org.rules.js';
import {
  findUnit, insertUnit, isUnitVisible, listUnits, servingOrgs, updateUnitVersioned, type UnitVisibility,
} from './unit.repository.js';
import type { unitCreateBody, unitListQuery, unitPatchBody } from './unit.schemas.js';

/*
 * Who sees and keeps units (机关单位):
 * - A unit is a government department, not a party organisation, so it has no place in the tree. It is visible
 *   (org.read) to anyone whose scope contains an active organisation serving it, and to anyone whose scope holds a
 *   root: the working committee's staff see every unit, including those no organisation serves yet.
 * - The list of units is the working committee's to keep: creating and editing need org.write at a root. A unit
 *   secretary or branch secretary reads their unit but cannot rename it.
 */
export function unitVisibility(principal: Principal): UnitVisibility {
  const scope = principal.scope('org.read');
  return scope.paths.some(isRootPath) ? { all: true } : { all: false, scope };
}

function assertKeepsUnits(principal: Principal): void {
  if (!principal.scope('org.write').paths.some(isRootPath)) throw forbidden('机关单位由机关工委统一登记和维护');
}

export async function listUnitsFor(db: Kdb, principal: Principal, q: z.infer<typeof unitListQuery>) {
  return listUnits(db, { visibility: unitVisibility(principal), q: q.q || undefined, page: q.page, pageSize: q.pageSize });
}

export async function unitDetail(db: Kdb, principal: Principal, id: number) {
  const unit = await findUnit(db, id);
  if (!unit || !(await isUnitVisible(db, id, unitVisibility(principal)))) throw notFound('机关单位');
  const scope = principal.scope('org.read');
  const orgs = (await servingOrgs(db, id)).filter((o) => inScope(scope, o.path));
  return { unit, orgs };
}

export async function createUnit(db: Kdb, actor: Actor, principal: Principal, input: z.infer<typeof unitCreateBody>): Promise<number> {
  assertKeepsUnits(principal);
  return db.transaction().execute(async (trx) => {
    const at = nowIso();
    const after = { name: input.name, unitSecretaryName: input.unitSecretaryName ?? null };
    const id = await insertUnit(trx, { ...after, at });
    await writeAudit(trx, actor, { action: 'unit.create', objectType: 'unit', objectId: id, details: { after } });
    return id;
  });
}

/** The route's resource check has placed the caller at the unit's working committee. */
export async function updateUnit(db: Kdb, actor: Actor, id: number, input: z.infer<typeof unitPatchBody>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const unit = await findUnit(trx, id);
    if (!unit) throw notFound('机关单位');
    const before = { name: unit.name, unitSecretaryName: unit.unit_secretary_name };
    const after = { name: input.name ?? unit.name, unitSecretaryName: input.unitSecretaryName === undefined ? unit.unit_secretary_name : input.unitSecretaryName };
    const changes = changedFields(before, after);
    if (unit.version !== input.version) throw staleVersion();
    if (!Object.keys(changes).length) return;
    const ok = await updateUnitVersioned(trx, id, input.version, { name: after.name, unit_secretary_name: after.unitSecretaryName, updated_at: nowIso() });
    if (!ok) throw staleVersion();
    await writeAudit(trx, actor, { action: 'unit.update', objectType: 'unit', objectId: id, details: { changes } });
  });
}
