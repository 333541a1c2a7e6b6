import type { z } from 'zod';
import type { Executor, Kdb } from '../../platform/db/database.js';
import type { Principal } from '../../platform/access/principal.js';
import { changedFields, writeAudit, type Actor } from '../../platform/audit/audit-log.js';
import { badRequest, forbidden, staleVersion } from '../../platform/errors.js';
import { nowIso } from '../../platform/time.js';
import { isRootPath } from '../../registry/orgs/org.rules.js';
import type { Cadence } from './periods.js';
import { effectiveRules, ruleTable, type RuleCode } from './compliance.rules.js';
import {
  deleteRuleSetting, findRuleSetting, insertRuleSetting, ruleSettingRows, updateRuleSettingVersioned, type RuleSettingRow,
} from './rule-settings.repository.js';
import type { ruleSettingBody } from './compliance.schemas.js';

/**
 * Organisation types the rule table binds: the compliance table has one row per branch (a group's meetings sit in
 * its branch's row), so only the branch's settings are read by the engine.
 */
export const ruleOrgTypes = ['branch'] as const;
export type RuleOrgType = (typeof ruleOrgTypes)[number];

/**
 * The most a rule may ask per period of its cadence: weekly for a monthly rule, twice a month for a quarterly one,
 * monthly for a yearly one. Beyond that a setting no longer tightens the regulation's rhythm but invents another.
 */
export const maxRequired: Record<Cadence, number> = { month: 4, quarter: 6, year: 12 };
const cadenceUnit: Record<Cadence, string> = { month: '月', quarter: '季度', year: '年' };

/** The rule table and its settings are the same for the whole district: kept by the working committee at a root. */
function assertCommittee(p: Principal): void {
  if (!p.scope('compliance.configure').paths.some(isRootPath)) throw forbidden('三会一课规则由机关工委统一设置');
}

const builtIn = (rule: RuleCode) => ruleTable.find((d) => d.rule === rule)!;

/** Each rule as it applies to an organisation type: the effective setting, the regulation's default, the override. */
function withSettings(rows: readonly RuleSettingRow[]) {
  const effective = effectiveRules(rows.map((r) => ({ rule: r.rule, enabled: r.enabled === 1, required: r.required })));
  return effective.map((e) => {
    const row = rows.find((r) => r.rule === e.rule);
    return {
      ...e,
      default: { enabled: true, required: builtIn(e.rule).required },
      overridden: row !== undefined,
      maxRequired: maxRequired[e.cadence],
      version: row?.version ?? null,
      updatedAt: row?.updated_at ?? null,
    };
  });
}

export type RuleWithSetting = ReturnType<typeof withSettings>[number];

export async function ruleSettings(db: Executor, orgType: RuleOrgType): Promise<RuleWithSetting[]> {
  return withSettings(await ruleSettingRows(db, orgType));
}

const entryOf = (row: RuleSettingRow | undefined, rule: RuleCode) => withSettings(row ? [row] : []).find((e) => e.rule === rule)!;

export async function ruleSetting(db: Executor, orgType: RuleOrgType, rule: RuleCode): Promise<RuleWithSetting> {
  return entryOf(await findRuleSetting(db, orgType, rule), rule);
}

/** What the audit row compares: the setting in force with or without the override. */
const settingOf = (row: RuleSettingRow | undefined, rule: RuleCode) => {
  const e = entryOf(row, rule);
  return { enabled: e.enabled, required: e.required };
};

/**
 * Switches a rule on or off, or changes its count, for one organisation type. `version` is null when the caller
 * saw no override: an override created meanwhile (or one removed after the caller read it) is a stale version.
 */
export async function saveRuleSetting(
  db: Kdb, actor: Actor, p: Principal, orgType: RuleOrgType, rule: RuleCode, input: z.infer<typeof ruleSettingBody>,
): Promise<void> {
  assertCommittee(p);
  const def = builtIn(rule);
  const max = maxRequired[def.cadence];
  if (input.required > max) {
    const message = `应开展次数：${def.label}按${cadenceUnit[def.cadence]}考核，每${cadenceUnit[def.cadence]}最多要求${max}次`;
    throw badRequest(message, [{ path: 'required', message }]);
  }
  await db.transaction().execute(async (trx) => {
    const before = await findRuleSetting(trx, orgType, rule);
    if ((before?.version ?? null) !== input.version) throw staleVersion();
    const values = { enabled: input.enabled ? 1 : 0, required: input.required, updated_by: actor.userId, at: nowIso() };
    const saved = before ? await updateRuleSettingVersioned(trx, before.id, before.version, values) : await insertRuleSetting(trx, orgType, rule, values);
    if (!saved) throw staleVersion();
    await writeAudit(trx, actor, {
      action: 'compliance.rule_setting', objectType: 'compliance_rule_setting', objectId: `${orgType}/${rule}`,
      details: { orgType, rule, changes: changedFields(settingOf(before, rule), { enabled: input.enabled, required: input.required }) },
    });
  });
}

/** Back to the regulation's default: the override goes. Nothing to remove writes nothing. */
export async function resetRuleSetting(db: Kdb, actor: Actor, p: Principal, orgType: RuleOrgType, rule: RuleCode): Promise<void> {
  assertCommittee(p);
  await db.transaction().execute(async (trx) => {
    const before = await findRuleSetting(trx, orgType, rule);
    if (!before) return;
    await deleteRuleSetting(trx, before.id);
    await writeAudit(trx, actor, {
      action: 'compliance.rule_reset', objectType: 'compliance_rule_setting', objectId: `${orgType}/${rule}`,
      details: { orgType, rule, changes: changedFields(settingOf(before, rule), settingOf(undefined, rule)) },
    });
  });
}
