import type { z } from 'zod';
import type { Kdb, Executor } from '../../platform/db/database.js';
import type { Principal } from '../../platform/access/principal.js';
import { findActivity } from '../activity/activity.repository.js';
import { writeAudit, type Actor } from '../../platform/audit/audit-log.js';
import { badRequest, conflict, notFound, staleVersion } from '../../platform/errors.js';
import { dayjs, nowIso, ZONE } from '../../platform/time.js';
import { orgPathOf } from '../../registry/orgs/org.repository.js';
import { openStage, reviewStageLabels, stageEndRefusal, stageStartRefusal, tallyRefusal, type ReviewStage } from './training.rules.js';
import { rosterOfSubtree, trainingSettings } from './training.repository.js';
import {
  bumpReview, endStage, entriesOf, findReview, insertReview, listReviews, replaceTallies, reviewOfActivity, setBallots, setEntry, stagesOf, startStage, talliesOf,
} from './member-review.repository.js';
import type { reviewCreateBody, reviewEntryBody, reviewListQuery, reviewStageBody, reviewTallyBody } from './training.schemas.js';

/*
 * 民主评议党员 attached to a member_review activity: 个人自评 → 党员互评 → 民主测评 → 评定, each stage starting only
 * after the one before has ended (RULES.md §9 item 14). The secret vote keeps counts per member and grade, never a
 * ballot: nothing in these tables can tell who voted how.
 */

export async function listReviewsFor(db: Kdb, principal: Principal, q: z.infer<typeof reviewListQuery>) {
  const scope = principal.scope('activity.read');
  const path = q.orgId ? await orgPathOf(db, q.orgId) : null;
  if (q.orgId && (!path || !principal.canAt('activity.read', path))) throw notFound('党组织');
  const paths = path ? [path] : scope.paths;
  const rows = (await Promise.all(paths.map((p) => listReviews(db, p, q.year)))).flat();
  const stages = await stagesOf(db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, stages: stages.filter((s) => s.review_id === r.id) }));
}

export async function reviewDetail(db: Executor, id: number) {
  const review = await findReview(db, id);
  if (!review) throw notFound('民主评议');
  const [stages, entries, tallies] = await Promise.all([stagesOf(db, [id]), entriesOf(db, id), talliesOf(db, id)]);
  return { review, stages, entries, tallies };
}

export async function createReview(db: Kdb, actor: Actor, principal: Principal, input: z.infer<typeof reviewCreateBody>): Promise<number> {
  const activity = await findActivity(db, input.activityId);
  if (!activity || !principal.canAt('activity.write', activity.org_path)) throw notFound('活动');
  if (activity.kind !== 'member_review') throw badRequest('只有“民主评议党员”类活动可以开展评议', [{ path: 'activityId', message: '活动：类型不是民主评议党员' }]);
  if (await reviewOfActivity(db, activity.id)) throw conflict('该活动已开展民主评议', [{ path: 'activityId', message: '活动：已有评议' }]);
  const year = input.year ?? dayjs(activity.starts_at).tz(ZONE).year();
  const [settings, roster] = await Promise.all([trainingSettings(db), rosterOfSubtree(db, activity.org_path)]);
  return db.transaction().execute(async (trx) => {
    const id = await insertReview(trx, { activityId: activity.id, orgId: activity.org_id, year, grades: settings.reviewGrades, memberIds: roster.map((m) => m.id), at: nowIso() });
    await writeAudit(trx, actor, {
      action: 'member_review.create', objectType: 'member_review', objectId: id, orgId: activity.org_id,
      details: { activityId: activity.id, year, members: roster.length, grades: settings.reviewGrades },
    });
    return id;
  });
}

async function lockedReview(trx: Executor, id: number, version: number) {
  const detail = await reviewDetail(trx, id);
  if (detail.review.version !== version) throw staleVersion();
  if (!(await bumpReview(trx, id, version, { updated_at: nowIso() }))) throw staleVersion();
  return detail;
}

const stateOf = (stages: ReadonlyArray<{ stage: string; started_at: string; ended_at: string | null }>) =>
  stages.map((s) => ({ stage: s.stage, startedAt: s.started_at, endedAt: s.ended_at }));

export async function moveStage(db: Kdb, actor: Actor, id: number, input: z.infer<typeof reviewStageBody>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { review, stages, entries } = await lockedReview(trx, id, input.version);
    const states = stateOf(stages);
    const stage = input.stage as ReviewStage;
    const refusal = input.action === 'start' ? stageStartRefusal(stage, states) : stageEndRefusal(stage, states);
    if (refusal) throw conflict(refusal, [{ path: 'stage', message: `评议环节：${refusal}` }]);
    if (input.action === 'end' && stage === 'secret_vote' && review.ballots === null) {
      throw badRequest('请先录入民主测评的计票结果', [{ path: 'ballots', message: '收回选票数：未录入' }]);
    }
    if (input.action === 'end' && stage === 'rating') {
      const unrated = entries.filter((e) => !e.rating);
      if (unrated.length) throw badRequest(`尚有 ${unrated.length} 名党员未评定等次`, [{ path: 'rating', message: `评定等次：${unrated.map((e) => e.member_name).join('、')} 未评定` }]);
    }
    const at = nowIso();
    if (input.action === 'start') await startStage(trx, id, stage, at);
    else await endStage(trx, id, stage, at);
    await writeAudit(trx, actor, { action: `member_review.${input.action}`, objectType: 'member_review', objectId: id, orgId: review.org_id, details: { stage } });
  });
}

/** Writes one member's self-assessment, peer assessment or rating: each only while its own stage is open. */
export async function recordEntry(db: Kdb, actor: Actor, id: number, input: z.infer<typeof reviewEntryBody>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { review, stages, entries } = await lockedReview(trx, id, input.version);
    if (!entries.some((e) => e.member_id === input.memberId)) throw badRequest('该党员不在本次评议名单中', [{ path: 'memberId', message: '党员：不在评议名单中' }]);
    const open = openStage(stateOf(stages));
    const fields: Array<[keyof typeof input, ReviewStage]> = [['selfAssessment', 'self_assessment'], ['peerAssessment', 'peer_assessment'], ['rating', 'rating']];
    for (const [field, stage] of fields) {
      if (input[field] !== undefined && open !== stage) {
        throw conflict(`${reviewStageLabels[stage]}环节未在进行中，不能录入`, [{ path: field, message: `${reviewStageLabels[stage]}：环节未在进行中` }]);
      }
    }
    const grades = JSON.parse(review.grades) as string[];
    if (input.rating && !grades.includes(input.rating)) throw badRequest(`评定等次须为：${grades.join('、')}`, [{ path: 'rating', message: '评定等次：不在可选等次中' }]);
    await setEntry(trx, id, input.memberId, { self_assessment: input.selfAssessment, peer_assessment: input.peerAssessment, rating: input.rating });
    await writeAudit(trx, actor, {
      action: 'member_review.entry', objectType: 'member_review', objectId: id, orgId: review.org_id,
      details: { memberId: input.memberId, fields: Object.keys(input).filter((k) => k !== 'version' && k !== 'memberId'), rating: input.rating },
    });
  });
}

/** Records the secret vote's counts: per member, the votes each grade received, and the ballots cast. */
export async function recordTallies(db: Kdb, actor: Actor, id: number, input: z.infer<typeof reviewTallyBody>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { review, stages, entries } = await lockedReview(trx, id, input.version);
    if (openStage(stateOf(stages)) !== 'secret_vote') throw conflict('民主测评环节未在进行中，不能计票', [{ path: 'tallies', message: '计票：民主测评未在进行中' }]);
    const grades = JSON.parse(review.grades) as string[];
    const listed = new Set(entries.map((e) => e.member_id));
    const rows: Array<{ memberId: number; grade: string; votes: number }> = [];
    input.tallies.forEach((t, i) => {
      if (!listed.has(t.memberId)) throw badRequest(`第 ${i + 1} 行：该党员不在评议名单中`, [{ path: `tallies.${i}.memberId`, message: '党员：不在评议名单中', row: i + 1 }]);
      const refusal = tallyRefusal(t.votes, grades, input.ballots);
      if (refusal) throw badRequest(`第 ${i + 1} 行：${refusal}`, [{ path: `tallies.${i}.votes`, message: `票数：${refusal}`, row: i + 1 }]);
      for (const [grade, votes] of Object.entries(t.votes)) if (votes > 0) rows.push({ memberId: t.memberId, grade, votes });
    });
    await replaceTallies(trx, id, rows);
    await setBallots(trx, id, input.ballots);
    await writeAudit(trx, actor, { action: 'member_review.tally', objectType: 'member_review', objectId: id, orgId: review.org_id, details: { ballots: input.ballots, members: input.tallies.length } });
  });
}

