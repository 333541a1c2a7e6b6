import type { Executor } from '../../platform/db/database.js';

/*
 * The working committee's overrides of the 三会一课 rule table (compliance_rule_settings), as the settings screen
 * edits them. The engine reads the same rows through ruleSettingsFor in compliance.repository.ts.
 */

const settingsOf = (db: Executor, orgType: string) => db.selectFrom('compliance_rule_settings')
  .select(['id', 'rule', 'enabled', 'required', 'version', 'updated_at'])
  .where('org_type', '=', orgType);

export type RuleSettingRow = Awaited<ReturnType<typeof ruleSettingRows>>[number];

export async function ruleSettingRows(db: Executor, orgType: string) {
  return settingsOf(db, orgType).execute();
}

export async function findRuleSetting(db: Executor, orgType: string, rule: string): Promise<RuleSettingRow | undefined> {
  return settingsOf(db, orgType).where('rule', '=', rule).executeTakeFirst();
}

interface SettingValues {
  enabled: number;
  required: number;
  updated_by: number | null;
  at: string;
}

/** False when an override of the same (type, rule) was inserted meanwhile. */
export async function insertRuleSetting(trx: Executor, orgType: string, rule: string, v: SettingValues): Promise<boolean> {
  const res = await trx.insertInto('compliance_rule_settings')
    .values({ org_type: orgType, rule, enabled: v.enabled, required: v.required, updated_by: v.updated_by, created_at: v.at, updated_at: v.at })
    .onConflict((oc) => oc.columns(['org_type', 'rule']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows) === 1;
}

export async function updateRuleSettingVersioned(trx: Executor, id: number, version: number, v: SettingValues): Promise<boolean> {
  const res = await trx.updateTable('compliance_rule_settings')
    .set((eb) => ({ enabled: v.enabled, required: v.required, updated_by: v.updated_by, updated_at: v.at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function deleteRuleSetting(trx: Executor, id: number): Promise<void> {
  await trx.deleteFrom('compliance_rule_settings').where('id', '=', id).execute();
}
