/*
 * Issue 3 §10: 三会一课 compliance on the city (2,000 organisations, ~1,500 branches) with five years of activities
 * (~40 a year per branch, 20 attendees each). Two figures:
 * - the compliance table of the whole tree for a year, through the product's engine, against ONE hand-written SQL
 *   aggregation counting the same (branch, rule, month) cells, in the same run (goal ratio ≤ 1.5, ≤ 300 ms on SQLite);
 * - recording an activity with 50 attendees through the activity engine's service (create, then mark attendance),
 *   p99 (goal ≤ 20 ms).
 * Called by bench/run.ts for each database; `npx tsx bench/compliance.ts [--quick] [--sqlite]` runs it alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type Db } from '../server/platform/db/database.js';
import { migrateToLatest } from '../server/platform/db/migrate.js';
import { Keyring } from '../server/platform/crypto/keyring.js';
import { AesGcmCipher, HmacBlindIndex } from '../server/platform/crypto/field-cipher.js';
import type { MemberCrypto } from '../server/registry/members/member-write.js';
import { Principal, permissionResolver } from '../server/platform/access/principal.js';
import { makeScope } from '../server/platform/access/scope.js';
import { dayStartInstant, today } from '../server/platform/time.js';
import { Random } from '../server/demo/random.js';
import { complianceTable } from '../server/activities/compliance/compliance.engine.js';
import { insertActivityBatch, type ActivityBatchItem } from '../server/activities/compliance/activity-batch.repository.js';
import { parsePeriod } from '../server/activities/compliance/periods.js';
import { ruleTable } from '../server/activities/compliance/compliance.rules.js';
import { createActivity, setAttendance } from '../server/activities/activity/activity.service.js';
import { activityCreateBody, attendanceBody } from '../server/activities/activity/activity.schemas.js';
import { planCity, type CityPlan } from './city-plan.js';
import { writeCity } from './city.js';
import { consoleTable, type Figure } from './report.js';
import { startCluster, type BenchCluster } from './postgres.js';
import { BENCH_SECRET } from './server-process.js';
import { runIfMain } from './run-alone.js';

export interface ComplianceBenchOptions {
  target: 'SQLite' | 'PostgreSQL';
  /** an empty database */
  databaseUrl: string;
  plan: CityPlan;
  crypto: MemberCrypto;
  asOf: string;
  years: number;
  /** compliance runs measured, after one warm-up */
  runs: number;
  /** activities recorded for the latency figure */
  recordings: number;
  log?: (line: string) => void;
}

export interface ComplianceBenchResult {
  figures: Figure[];
  notes: string[];
}

const ATTENDEES = 20;
const RECORDED_ATTENDEES = 50;
/** branches generated per transaction: ~4,000 activities and 80,000 attendance rows a year */
const BRANCHES_PER_BATCH = 100;

/** The ~40 activities a branch holds in a year (month, day, kind): RULES.md §9 item 9 plus a few group meetings. */
const yearSchedule: Array<[number, number, string]> = [
  ...Array.from({ length: 12 }, (_, i) => [i + 1, 10, 'theme_day'] as [number, number, string]),
  ...Array.from({ length: 12 }, (_, i) => [i + 1, 6, 'branch_committee_meeting'] as [number, number, string]),
  ...[3, 6, 9, 12].map((m) => [m, 20, 'branch_assembly'] as [number, number, string]),
  ...[2, 5, 8, 11].map((m) => [m, 15, 'party_lecture'] as [number, number, string]),
  [12, 24, 'org_life_meeting'], [12, 28, 'member_review'],
  ...[1, 3, 5, 7, 9, 11].map((m) => [m, 18, 'group_meeting'] as [number, number, string]),
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];

/** Five years of signed activities for every branch (group meetings in its first group), in batches. */
async function writeActivities(db: Db, o: ComplianceBenchOptions): Promise<{ activities: number; ms: number }> {
  const k = db.kysely;
  const t0 = performance.now();
  const orgs = await k.selectFrom('orgs').select(['id', 'parent_id', 'type']).orderBy('id').execute();
  const members = await k.selectFrom('members').select(['id', 'org_id']).orderBy('id').execute();
  const rosterOf = new Map<number, number[]>();
  for (const m of members) rosterOf.set(m.org_id, [...(rosterOf.get(m.org_id) ?? []), m.id]);
  const firstGroup = new Map<number, number>();
  for (const g of orgs) if (g.type === 'group' && g.parent_id !== null && !firstGroup.has(g.parent_id)) firstGroup.set(g.parent_id, g.id);
  const branches = orgs.filter((b) => b.type === 'branch').map((b) => ({
    id: b.id,
    group: firstGroup.get(b.id) ?? null,
    roster: [...(rosterOf.get(b.id) ?? []), ...orgs.filter((g) => g.parent_id === b.id).flatMap((g) => rosterOf.get(g.id) ?? [])],
  })).filter((b) => b.roster.length > 0);
  const rng = new Random(20_221_213);
  const lastYear = Number(o.asOf.slice(0, 4)) - 1;
  const at = new Date().toISOString();
  let activities = 0;
  for (let y = lastYear - o.years + 1; y <= lastYear; y++) {
    for (let i = 0; i < branches.length; i += BRANCHES_PER_BATCH) {
      const items: ActivityBatchItem[] = [];
      for (const b of branches.slice(i, i + BRANCHES_PER_BATCH)) {
        for (const [month, day, kind] of yearSchedule) {
          if (rng.chance(0.03)) continue;
          const date = `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          const startsAt = new Date(Date.parse(dayStartInstant(date)) + 9 * 3_600_000).toISOString();
          const endsAt = new Date(Date.parse(startsAt) + 5_400_000).toISOString();
          const orgId = kind === 'group_meeting' && b.group !== null ? b.group : b.id;
          const offset = rng.int(0, Math.max(0, b.roster.length - ATTENDEES));
          items.push({
            activity: {
              org_id: orgId, kind, also_counts_for: kind === 'org_life_meeting' && rng.chance(0.3) ? '["branch_assembly"]' : '[]', state: 'signed',
              title: `${y}年${month}月${kind}`, starts_at: startsAt, ends_at: endsAt, place: '会议室', host_member_id: null, recorder_member_id: null,
              lecturer_member_id: null, lecturer_name: kind === 'party_lecture' ? '支部书记' : null, content: '会议内容', resolutions: null,
              recorded_at: endsAt, recorded_via: 'imported', backfilled: 0, cancel_reason: null, host_signed_at: endsAt, host_signed_by: null,
              recorder_signed_at: endsAt, recorder_signed_by: null, signed_at: endsAt, created_by: null, created_at: at, updated_at: at,
            },
            topics: [],
            votes: [],
            attendance: b.roster.slice(offset, offset + ATTENDEES).map((memberId) => ({
              member_id: memberId, status: rng.chance(0.9) ? 'present' : 'leave', expected: 1, reason: null, makeup_on: null, makeup_how: null,
              checked_in_at: null, via: 'host', updated_at: at,
            })),
          });
        }
      }
      await k.transaction().execute((trx) => insertActivityBatch(trx, items));
      activities += items.length;
    }
    o.log?.(`${o.target}: activities of ${y} written (${activities} so far)`);
  }
  return { activities, ms: performance.now() - t0 };
}

/** Rule → kinds pairs of the rule table, except the unit secretary's lecture (it is matched by lecturer, not kind). */
function ruleKindPairs(dialect: Db['dialect']) {
  const pairs = ruleTable.filter((r) => r.subject !== 'unit_secretary').flatMap((r) => r.kinds.map((kind) => [r.rule, kind] as const));
  const rows = pairs.map(([rule, kind]) => sql`select ${sql.lit(rule)} as rule, ${sql.lit(kind)} as kind`);
  const month = dialect === 'sqlite'
    ? sql`cast(strftime('%m', a.starts_at, '+8 hours') as integer)`
    : sql`extract(month from (a.starts_at::timestamp + interval '8 hours'))::int`;
  return { union: sql.join(rows, sql` union all `), month };
}

/**
 * The hand-written comparison: one statement counting, per organisation, rule and Shanghai month, the signed
 * activities that satisfy the rule by primary or also-counts-for kind, over the whole tree for the year.
 */
async function handWritten(db: Db, rootPath: string, from: string, to: string): Promise<number> {
  const { union, month } = ruleKindPairs(db.dialect);
  const res = await sql<{ org_id: number; rule: string; month: number; n: number }>`
    select a.org_id, r.rule, ${month} as month, count(*) as n
    from activities a
    join orgs o on o.id = a.org_id
    join (${union}) r on a.kind = r.kind or a.also_counts_for like '%"' || r.kind || '"%'
    where a.state = 'signed' and a.starts_at >= ${from} and a.starts_at < ${to} and o.path like ${`${rootPath}%`}
    group by a.org_id, r.rule, ${month}`.execute(db.kysely);
  return res.rows.length;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

export async function complianceBench(o: ComplianceBenchOptions): Promise<ComplianceBenchResult> {
  const figures: Figure[] = [];
  const notes: string[] = [];
  const db = openDatabase(o.databaseUrl);
  try {
    await migrateToLatest(db);
    const city = await writeCity(db, o.crypto, o.plan, o.asOf);
    const written = await writeActivities(db, o);
    o.log?.(`${o.target}: ${written.activities} activities written in ${(written.ms / 1000).toFixed(1)} s`);
    figures.push({ name: `write ${o.years} years of activities (${ATTENDEES} attendees each)`, database: o.target, value: written.ms, unit: 'ms', note: `${written.activities.toLocaleString('en-US')} activities` });

    const year = parsePeriod(String(Number(o.asOf.slice(0, 4)) - 1))!;
    const scope = makeScope([city.rootPath]);
    const from = dayStartInstant(year.start);
    const to = dayStartInstant(year.end);
    const engineRuns: number[] = [];
    const sqlRuns: number[] = [];
    let rows = 0;
    let cells = 0;
    await complianceTable(db.kysely, scope, undefined, year, o.asOf);
    await handWritten(db, city.rootPath, from, to);
    // Interleaved, so a busy moment of the machine falls on both sides alike.
    for (let i = 0; i < o.runs; i++) {
      const e = await timed(() => complianceTable(db.kysely, scope, undefined, year, o.asOf));
      engineRuns.push(e.ms);
      rows = e.value.rows.length;
      const s = await timed(() => handWritten(db, city.rootPath, from, to));
      sqlRuns.push(s.ms);
      cells = s.value;
    }
    const engine = median(engineRuns);
    const handSql = median(sqlRuns);
    figures.push({
      name: `compliance of the whole tree for ${year.code} (engine)`, database: o.target, value: engine, unit: 'ms',
      note: `${rows} branches × ${ruleTable.length} rules; median of ${o.runs}`,
      ...(o.target === 'SQLite' ? { goal: { op: '<=' as const, value: 300 } } : {}),
    });
    figures.push({ name: `compliance ${year.code}: hand-written SQL aggregation`, database: o.target, value: handSql, unit: 'ms', note: `${cells} (organisation, rule, month) counts; median of ${o.runs}` });
    figures.push({ name: `compliance ${year.code}: ratio engine / hand-written SQL`, database: o.target, value: engine / handSql, unit: 'ratio', goal: { op: '<=', value: 1.5 } });
    notes.push(`${o.target}: the hand-written compliance SQL counts (organisation, rule, month) cells only; the engine also reads the branches, `
      + 'their groups and officer counts, the unit secretaries and their lectures, and judges each cell (roll-up, statuses, activity ids).');

    figures.push(await recordingFigure(db, o, city.rootPath));
  } finally {
    await db.close();
  }
  return { figures, notes };
}

/** Creating an activity for a branch of 50 and marking its 50 attendees, through the activity engine's service. */
export async function recordingFigure(db: Db, o: ComplianceBenchOptions, rootPath: string): Promise<Figure> {
  const k = db.kysely;
  const branch = await k.selectFrom('members').innerJoin('orgs', 'orgs.id', 'members.org_id')
    .select((eb) => ['orgs.id', 'orgs.path', eb.fn.countAll<number>().as('n')])
    .where('orgs.type', '=', 'branch').where('members.exit_reason', 'is', null)
    .groupBy(['orgs.id', 'orgs.path']).having((eb) => eb.fn.countAll(), '>=', RECORDED_ATTENDEES)
    .orderBy('n').orderBy('orgs.id').executeTakeFirstOrThrow();
  const roster = await k.selectFrom('members').select('id').where('org_id', '=', branch.id).where('exit_reason', 'is', null).orderBy('id').execute();
  const rootId = Number(rootPath.split('/')[1]);
  const principal = new Principal(1, 'bench', 'bench', null, [{ id: 1, role: 'committee_staff', orgId: rootId, orgPath: rootPath, validTo: null }], permissionResolver({}));
  const actor = { userId: null, username: 'bench', roles: principal.roles, ip: '127.0.0.1' };
  const times: number[] = [];
  for (let i = 0; i < o.recordings + 5; i++) {
    const day = `${o.asOf.slice(0, 4)}-01-${String((i % 28) + 1).padStart(2, '0')}`;
    const input = activityCreateBody.parse({
      orgId: branch.id, kind: 'theme_day', title: `主题党日 ${i}`, place: '会议室',
      startsAt: dayStartInstant(day), endsAt: new Date(Date.parse(dayStartInstant(day)) + 5_400_000).toISOString(),
    });
    const t0 = performance.now();
    const id = await createActivity(k, actor, principal, input);
    await setAttendance(k, actor, id, attendanceBody.parse({
      version: 1, rows: roster.map((m, j) => ({ memberId: m.id, status: j % 12 === 0 ? 'leave' : 'present', reason: j % 12 === 0 ? '出差' : null })),
    }));
    if (i >= 5) times.push(performance.now() - t0);
  }
  return {
    name: `record an activity with ${roster.length} attendees (create + attendance, through the service): p99`, database: o.target,
    value: quantile(times, 0.99), unit: 'ms', goal: { op: '<=', value: 20 }, note: `median ${median(times).toFixed(1)} ms over ${times.length}`,
  };
}

async function main() {
  const quick = process.argv.includes('--quick');
  const sqliteOnly = process.argv.includes('--sqlite');
  const asOf = today();
  const size = quick ? { orgs: 200, members: 10_000, years: 2, runs: 5, recordings: 100 } : { orgs: 2_000, members: 100_000, years: 5, runs: 7, recordings: 300 };
  const keys = new Keyring(BENCH_SECRET);
  const crypto = { cipher: new AesGcmCipher(keys), blindIndex: new HmacBlindIndex(keys) };
  const plan = planCity({ orgs: size.orgs, members: size.members, seed: 20_221_213, asOf });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyan-bench-compliance-'));
  let cluster: BenchCluster | undefined;
  const figures: Figure[] = [];
  const log = (s: string) => console.log(`[compliance bench] ${s}`);
  try {
    for (const target of sqliteOnly ? ['SQLite' as const] : ['SQLite' as const, 'PostgreSQL' as const]) {
      let url = `sqlite:${path.join(work, 'compliance.db')}`;
      if (target === 'PostgreSQL') {
        cluster = await startCluster();
        url = await cluster.createDatabase('compliance');
      }
      const r = await complianceBench({ target, databaseUrl: url, plan, crypto, asOf, ...size, log });
      figures.push(...r.figures);
    }
  } finally {
    cluster?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
  console.log(`\n${consoleTable(figures)}\n`);
}

runIfMain(import.meta.url, main);
