import type { z } from 'zod';
import type { Kdb } from '../../platform/db/database.js';
import type { Principal } from '../../platform/access/principal.js';
import { changedFields, writeAudit, type Actor } from '../../platform/audit/audit-log.js';
import { badRequest, forbidden, notFound, staleVersion } from '../../platform/errors.js';
import { isCalendarDate, nowIso } from '../../platform/time.js';
import { isRootPath } from '../../registry/orgs/org.rules.js';
import {
  deleteHoliday, findHoliday, insertHoliday, readSettings, updateHolidayVersioned, writeSettings,
} from './holidays.repository.js';
import type { holidayCreateBody, holidayPatchBody, settingsBody } from './holidays.schemas.js';

/** Overdue items reach the organisation above after this many days unless the committee sets otherwise. */
export const DEFAULT_ESCALATE_UP_AFTER_DAYS = 7;

/** The calendar and the escalation setting hold for the whole district: kept by committee staff at a root. */
function assertCommittee(p: Principal): void {
  if (!p.scope('workitem.assign').paths.some(isRootPath)) throw forbidden('节假日和督办设置由机关工委统一维护');
}

function checkDate(date: string): void {
  if (!isCalendarDate(date)) throw badRequest(`日期 ${date} 不是有效的日期`, [{ path: 'date', message: '日期：不是有效的日期' }]);
}

export async function createHoliday(db: Kdb, actor: Actor, p: Principal, input: z.infer<typeof holidayCreateBody>): Promise<number> {
  assertCommittee(p);
  checkDate(input.date);
  return db.transaction().execute(async (trx) => {
    const id = await insertHoliday(trx, { date: input.date, is_workday: input.isWorkday ? 1 : 0, name: input.name, at: nowIso() });
    await writeAudit(trx, actor, { action: 'holiday.create', objectType: 'holiday', objectId: id, details: { after: input } });
    return id;
  });
}

export async function updateHoliday(db: Kdb, actor: Actor, p: Principal, id: number, input: z.infer<typeof holidayPatchBody>): Promise<void> {
  assertCommittee(p);
  checkDate(input.date);
  await db.transaction().execute(async (trx) => {
    const row = await findHoliday(trx, id);
    if (!row) throw notFound('节假日');
    const changes = changedFields({ date: row.date, isWorkday: row.is_workday === 1, name: row.name }, { date: input.date, isWorkday: input.isWorkday, name: input.name });
    if (!(await updateHolidayVersioned(trx, id, input.version, { date: input.date, is_workday: input.isWorkday ? 1 : 0, name: input.name, updated_at: nowIso() }))) throw staleVersion();
    await writeAudit(trx, actor, { action: 'holiday.update', objectType: 'holiday', objectId: id, details: { changes } });
  });
}

export async function removeHoliday(db: Kdb, actor: Actor, p: Principal, id: number): Promise<void> {
  assertCommittee(p);
  await db.transaction().execute(async (trx) => {
    const row = await findHoliday(trx, id);
    if (!row) throw notFound('节假日');
    await deleteHoliday(trx, id);
    await writeAudit(trx, actor, { action: 'holiday.delete', objectType: 'holiday', objectId: id, details: { before: { date: row.date, name: row.name } } });
  });
}

export async function escalationSettings(db: Kdb) {
  const row = await readSettings(db);
  return { escalateUpAfterDays: row?.escalate_up_after_days ?? DEFAULT_ESCALATE_UP_AFTER_DAYS, version: row?.version ?? null };
}

export async function saveEscalationSettings(db: Kdb, actor: Actor, p: Principal, input: z.infer<typeof settingsBody>): Promise<void> {
  assertCommittee(p);
  await db.transaction().execute(async (trx) => {
    const before = await readSettings(trx);
    if ((before?.version ?? null) !== input.version) throw staleVersion();
    if (!(await writeSettings(trx, { escalate_up_after_days: input.escalateUpAfterDays, version: input.version, at: nowIso() }))) throw staleVersion();
    await writeAudit(trx, actor, {
      action: 'workitem.settings', objectType: 'work_item_settings', objectId: 1,
      details: { changes: { escalateUpAfterDays: [before?.escalate_up_after_days ?? DEFAULT_ESCALATE_UP_AFTER_DAYS, input.escalateUpAfterDays] } },
    });
  });
}
