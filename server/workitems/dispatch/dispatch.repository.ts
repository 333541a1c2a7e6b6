import type { Executor } from '../../platform/db/database.js';
import type { DispatchCadence } from '../../platform/db/schema-oversight.js';
import { scopeWhere, type Scope } from '../../platform/access/scope.js';

const base = (db: Executor) => db.selectFrom('dispatch_questions').innerJoin('orgs', 'orgs.id', 'dispatch_questions.org_id');

export async function listQuestions(db: Executor, scope: Scope, f: { active?: number; page: number; pageSize: number }) {
  const q = base(db).where((eb) => scopeWhere(eb, 'orgs.path', scope)).$if(f.active !== undefined, (x) => x.where('dispatch_questions.active', '=', f.active!));
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await q.selectAll('dispatch_questions').select(['orgs.name as org_name', 'orgs.path as org_path'])
    .orderBy('dispatch_questions.active', 'desc').orderBy('dispatch_questions.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { rows, total: Number(total) };
}

export function findQuestion(db: Executor, id: number) {
  return base(db).selectAll('dispatch_questions').select(['orgs.name as org_name', 'orgs.path as org_path']).where('dispatch_questions.id', '=', id).executeTakeFirst();
}
export type QuestionRow = NonNullable<Awaited<ReturnType<typeof findQuestion>>>;

export async function insertQuestion(trx: Executor, v: { org_id: number; question: string; cadence: DispatchCadence; created_by: number; at: string }, itemIds: readonly number[]) {
  const { at, ...rest } = v;
  const { id } = await trx.insertInto('dispatch_questions').values({ ...rest, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
  await trx.insertInto('dispatch_question_items').values(itemIds.map((w) => ({ question_id: id, work_item_id: w }))).execute();
  return id;
}

export async function updateQuestionVersioned(trx: Executor, id: number, version: number, set: { question?: string; active?: number; updated_at: string }) {
  const res = await trx.updateTable('dispatch_questions').set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Items with their owner paths, of those asked; used to check that asked items lie under the asking organisation. */
export function itemsWithPaths(db: Executor, ids: readonly number[]) {
  return db.selectFrom('work_items').innerJoin('orgs', 'orgs.id', 'work_items.owner_org_id')
    .select(['work_items.id', 'work_items.owner_org_id', 'orgs.path', 'work_items.responsible_user_id']).where('work_items.id', 'in', ids).execute();
}

/** The board: each item asked about, with its latest answer. */
export async function questionBoard(db: Executor, questionId: number) {
  const items = await db.selectFrom('dispatch_question_items').innerJoin('work_items', 'work_items.id', 'dispatch_question_items.work_item_id')
    .innerJoin('orgs', 'orgs.id', 'work_items.owner_org_id')
    .select(['work_items.id', 'work_items.title', 'work_items.state', 'work_items.deadline', 'work_items.owner_org_id', 'orgs.name as owner_name',
      'orgs.path as owner_path', 'work_items.responsible_user_id'])
    .where('dispatch_question_items.question_id', '=', questionId).orderBy('orgs.path').orderBy('work_items.id').execute();
  const answers = await db.selectFrom('dispatch_answers').innerJoin('users', 'users.id', 'dispatch_answers.user_id')
    .select(['dispatch_answers.work_item_id', 'dispatch_answers.period', 'dispatch_answers.note', 'dispatch_answers.percent', 'dispatch_answers.created_at',
      'users.display_name'])
    .where('dispatch_answers.question_id', '=', questionId).orderBy('dispatch_answers.period', 'desc').orderBy('dispatch_answers.id', 'desc').execute();
  return { items, answers };
}

export async function countAnswered(db: Executor, questionIds: readonly number[], periods: ReadonlyMap<number, string>) {
  if (!questionIds.length) return new Map<number, { items: number; answered: number }>();
  const items = await db.selectFrom('dispatch_question_items').select(['question_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('question_id', 'in', questionIds).groupBy('question_id').execute();
  const answers = await db.selectFrom('dispatch_answers').select(['question_id', 'period', (eb) => eb.fn.countAll<number>().as('n')])
    .where('question_id', 'in', questionIds).groupBy(['question_id', 'period']).execute();
  return new Map(questionIds.map((q) => [q, {
    items: Number(items.find((i) => i.question_id === q)?.n ?? 0),
    answered: Number(answers.find((a) => a.question_id === q && a.period === periods.get(q))?.n ?? 0),
  }]));
}

export function isAsked(db: Executor, questionId: number, itemId: number) {
  return db.selectFrom('dispatch_question_items').select('work_item_id').where('question_id', '=', questionId).where('work_item_id', '=', itemId).executeTakeFirst();
}

/** One answer per question, item and period: answering again in the same period replaces the note. */
export async function upsertAnswer(trx: Executor, v: { question_id: number; work_item_id: number; period: string; user_id: number; note: string; percent: number; created_at: string }) {
  await trx.insertInto('dispatch_answers').values(v)
    .onConflict((oc) => oc.columns(['question_id', 'work_item_id', 'period']).doUpdateSet({ user_id: v.user_id, note: v.note, percent: v.percent, created_at: v.created_at }))
    .execute();
}

/** Active questions about items the user answers for: as responsible person, or on organisations where they move items. */
export function askedOfCaller(db: Executor, userId: number, writeScope: Scope) {
  return db.selectFrom('dispatch_question_items').innerJoin('dispatch_questions', 'dispatch_questions.id', 'dispatch_question_items.question_id')
    .innerJoin('work_items', 'work_items.id', 'dispatch_question_items.work_item_id').innerJoin('orgs', 'orgs.id', 'work_items.owner_org_id')
    .select(['dispatch_questions.id as question_id', 'dispatch_questions.question', 'dispatch_questions.cadence', 'work_items.id as work_item_id', 'work_items.title',
      'work_items.deadline', 'work_items.state', 'orgs.name as owner_name'])
    .where('dispatch_questions.active', '=', 1)
    .where((eb) => eb.or([eb('work_items.responsible_user_id', '=', userId), scopeWhere(eb, 'orgs.path', writeScope)]))
    .orderBy('dispatch_questions.id', 'desc').orderBy('work_items.deadline').limit(200).execute();
}

export function answersFor(db: Executor, pairs: ReadonlyArray<{ question_id: number; work_item_id: number }>) {
  if (!pairs.length) return Promise.resolve([]);
  return db.selectFrom('dispatch_answers').selectAll()
    .where('question_id', 'in', [...new Set(pairs.map((r) => r.question_id))]).where('work_item_id', 'in', [...new Set(pairs.map((r) => r.work_item_id))]).execute();
}
