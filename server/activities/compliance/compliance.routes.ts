import { principalOf, type RouteModule } from '../../platform/http/context.js';
import { shanghaiDate } from './periods.js';
import { presentBranchCompliance, presentInactive, presentPeriod, presentRule } from './compliance.presenter.js';
import {
  absenceSchema, attendanceSchema, complianceQuery, complianceSchema, inactiveQuery, inactiveSchema, ruleTableSchema, trendQuery, trendSchema,
} from './compliance.schemas.js';
import { absencesReport, attendanceReport, complianceReport, inactiveReport, ruleTable, trendReport } from './compliance.service.js';

/**
 * The 三会一课 compliance report and the attendance statistics behind it. Each takes an optional `orgId` (a subtree
 * of the caller's compliance scope; outside it, 404) and reads only through that scope.
 */
export const complianceRoutes: RouteModule = (app, ctx) => {
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

  app.get('/api/v1/compliance/rules', {
    config: read,
    schema: { tags, response: { 200: ruleTableSchema } },
  }, async () => {
    const rules = await ruleTable(db);
    return { items: rules.map(presentRule), total: rules.length };
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
};
