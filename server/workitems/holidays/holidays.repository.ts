import type { Executor } from '../../platform/db/database.js';

export async function listHolidays(db: Executor, year: number) {
  return db.selectFrom('holidays').selectAll().where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).orderBy('date').execute();
}

export async function findHoliday(db: Executor, id: number) {
  return db.selectFrom('holidays').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertHoliday(trx: Executor, v: { date: string; is_workday: number; name: string; at: string }): Promise<number> {
  const row = await trx.insertInto('holidays').values({ date: v.date, is_workday: v.is_workday, name: v.name, created_at: v.at, updated_at: v.at })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateHolidayVersioned(trx: Executor, id: number, version: number, set: { date: string; is_workday: number; name: string; updated_at: string }): Promise<boolean> {
  const res = await trx.updateTable('holidays').set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function deleteHoliday(trx: Executor, id: number): Promise<void> {
  await trx.deleteFrom('holidays').where('id', '=', id).execute();
}

export async function readSettings(db: Executor) {
  return db.selectFrom('work_item_settings').selectAll().where('id', '=', 1).executeTakeFirst();
}

export async function writeSettings(trx: Executor, v: { escalate_up_after_days: number; version: number | null; at: string }): Promise<boolean> {
  if (v.version == null) {
    await trx.insertInto('work_item_settings').values({ id: 1, escalate_up_after_days: v.escalate_up_after_days, created_at: v.at, updated_at: v.at }).execute();
    return true;
  }
  const res = await trx.updateTable('work_item_settings').set((eb) => ({ escalate_up_after_days: v.escalate_up_after_days, updated_at: v.at, version: eb('version', '+', 1) }))
    .where('id', '=', 1).where('version', '=', v.version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
