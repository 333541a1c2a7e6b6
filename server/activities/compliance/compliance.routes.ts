import { actorOf, principalOf, type RouteModule } from '../../platform/http/context.js';
import { presentBranchCompliance, presentInactive, presentPeriod, presentRule, presentRuleSetting } from './compliance.presenter.js';
import {
  absenceSchema, complianceLabels, attendanceSchema, complianceQuery, complianceSchema, inactiveQuery, inactiveSchema, ruleParams, ruleSettingBody, ruleSettingSchema,
  ruleTableQuery, ruleTableSchema, trendQuery, trendSchema,
} from './compliance.schemas.js';
import { absencesReport, attendanceReport, complianceReport, inactiveReport, trendReport } from './compliance.service.js';
import { resetRuleSetting, ruleSetting, ruleSettings, saveRuleSetting } from './rule-settings.service.js';
import { shanghaiDate } from '../../platform/time.js';
import { labelledRoutes } from '../../platform/http/validation.js';

/**
 * The 三会一课 compliance report and the attendance statistics behind it. Each takes an optional `orgId` (a subtree
 * of the caller's compliance scope; outside it, 404) and reads only through that scope.
 */
export const complianceRoutes: RouteModule = labelledRoutes(complianceLabels, (app, ctx) => {
  const db = ctx.db.kysely;
  const read = { access: { permission: 'compliance.read' as const } };
  const tags = ['compliance'];

  app.get('/api/v1/compliance', {
    config: read,
    schema: { tags, querystring: complianceQuery, response: { 200: complianceSchema } },
  }, async (req) => {
    const r = await complianceReport(db, principalOf(req), req.query);
    return { period: presentPeriod(r.period), rules: r.rules.map(presentRule), items: r.rows.map(presentBranchCompliance), total: r.total, summary: r.summary };
  });

  // The rule table is the regulations' text and the committee's settings, no organisation's records: like the
  // activity kinds, anyone signed in may read it (the system administrator who may configure it reads no compliance).
  app.get('/api/v1/compliance/rules', {
    config: { access: { permission: 'authenticated' } },
    schema: { tags, querystring: ruleTableQuery, response: { 200: ruleTableSchema } },
  }, async (req) => {
    const rules = await ruleSettings(db, req.query.orgType);
    return { orgType: req.query.orgType, items: rules.map(presentRuleSetting), total: rules.length };
  });

  const configure = { access: { permission: 'compliance.configure' as const } };

  app.put('/api/v1/compliance/rules/:orgType/:rule', {
    config: configure,
    schema: { tags, params: ruleParams, body: ruleSettingBody, response: { 200: ruleSettingSchema } },
  }, async (req) => {
    const { orgType, rule } = req.params;
    await saveRuleSetting(db, actorOf(req), principalOf(req), orgType, rule, req.body);
    return presentRuleSetting(await ruleSetting(db, orgType, rule));
  });

  app.delete('/api/v1/compliance/rules/:orgType/:rule', {
    config: configure,
    schema: { tags, params: ruleParams, response: { 200: ruleSettingSchema } },
  }, async (req) => {
    const { orgType, rule } = req.params;
    await resetRuleSetting(db, actorOf(req), principalOf(req), orgType, rule);
    return presentRuleSetting(await ruleSetting(db, orgType, rule));
  });

  app.get('/api/v1/compliance/attendance', {
    config: read,
    schema: { tags, querystring: complianceQuery, response: { 200: attendanceSchema } },
  }, async (req) => {
    const r = await attendanceReport(db, principalOf(req), req.query);
    return { ...r, period: presentPeriod(r.period) };
  });

  app.get('/api/v1/compliance/absences', {
    config: read,
    schema: { tags, querystring: complianceQuery, response: { 200: absenceSchema } },
  }, async (req) => {
    const r = await absencesReport(db, principalOf(req), req.query);
    return { ...r, period: presentPeriod(r.period) };
  });

  app.get('/api/v1/compliance/inactive', {
    config: read,
    schema: { tags, querystring: inactiveQuery, response: { 200: inactiveSchema } },
  }, async (req) => {
    const r = await inactiveReport(db, principalOf(req), req.query);
    return { since: r.since, total: r.total, items: r.rows.map((row) => presentInactive(row, shanghaiDate)) };
  });

  app.get('/api/v1/compliance/trend', {
    config: read,
    schema: { tags, querystring: trendQuery, response: { 200: trendSchema } },
  }, async (req) => {
    const items = await trendReport(db, principalOf(req), req.query);
    return { items, total: items.length };
  });
});
