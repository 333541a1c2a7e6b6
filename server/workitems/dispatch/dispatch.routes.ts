import { actorOf, principalOf, type AppContext, type RouteModule } from '../../platform/http/context.js';
import { idParams, labelledRoutes } from '../../platform/http/validation.js';
import { parseIdParam } from '../../registry/orgs/org.routes.js';
import { findQuestion } from './dispatch.repository.js';
import { answerBody, questionCreateBody, questionListQuery, questionPatchBody, dispatchLabels } from './dispatch.schemas.js';
import { answer, board, createQuestion, listFor, myQuestions, updateQuestion } from './dispatch.service.js';

const tags = ['dispatch'];

async function questionResource(ctx: AppContext, params: Record<string, string>): Promise<string | null> {
  const id = parseIdParam(params.id);
  return id ? (await findQuestion(ctx.db.kysely, id))?.org_path ?? null : null;
}

type Board = Awaited<ReturnType<typeof board>>;
function presentBoard(b: Board) {
  return {
    id: b.question.id, orgId: b.question.org_id, orgName: b.question.org_name, question: b.question.question, cadence: b.question.cadence,
    active: b.question.active === 1, version: b.question.version, period: b.period,
    unanswered: b.items.filter((i) => !i.answeredThisPeriod).length,
    items: b.items.map(({ item, latest, answeredThisPeriod, history }) => ({
      workItemId: item.id, title: item.title, state: item.state, deadline: item.deadline, ownerOrgId: item.owner_org_id, ownerName: item.owner_name,
      answeredThisPeriod,
      latest: latest ? { period: latest.period, note: latest.note, percent: latest.percent, at: latest.created_at, by: latest.display_name } : null,
      history: history.map((h) => ({ period: h.period, note: h.note, percent: h.percent, at: h.created_at, by: h.display_name })),
    })),
  };
}

export const dispatchRoutes: RouteModule = labelledRoutes(dispatchLabels, (app, ctx) => {
  const db = ctx.db.kysely;

  app.get('/api/v1/dispatch-questions', {
    config: { access: { permission: 'workitem.assign' } },
    schema: { tags, querystring: questionListQuery },
  }, async (req) => {
    const { rows, total } = await listFor(db, principalOf(req), req.query);
    return {
      items: rows.map((r) => ({
        id: r.row.id, orgId: r.row.org_id, orgName: r.row.org_name, question: r.row.question, cadence: r.row.cadence, active: r.row.active === 1,
        period: r.period, items: r.items, answered: r.answered, version: r.row.version,
      })),
      total,
    };
  });

  app.get('/api/v1/dispatch-questions/mine', {
    config: { access: { permission: 'workitem.write' } },
  }, async (req) => {
    const rows = await myQuestions(db, principalOf(req));
    return {
      items: rows.map((r) => ({
        questionId: r.question_id, question: r.question, cadence: r.cadence, period: r.period, workItemId: r.work_item_id, title: r.title,
        deadline: r.deadline, state: r.state, ownerName: r.owner_name, answer: r.answer ? { note: r.answer.note, percent: r.answer.percent, at: r.answer.created_at } : null,
      })),
      total: rows.length,
    };
  });

  app.post('/api/v1/dispatch-questions', {
    config: { access: { permission: 'workitem.assign' } },
    schema: { tags, body: questionCreateBody },
  }, async (req, reply) => {
    const p = principalOf(req);
    const id = await createQuestion(db, actorOf(req), p, req.body);
    return reply.status(201).send(presentBoard(await board(db, p, id)));
  });

  app.get('/api/v1/dispatch-questions/:id', {
    config: { access: { permission: 'workitem.assign', resource: questionResource } },
    schema: { tags, params: idParams },
  }, async (req) => presentBoard(await board(db, principalOf(req), req.params.id)));

  app.patch('/api/v1/dispatch-questions/:id', {
    config: { access: { permission: 'workitem.assign', resource: questionResource } },
    schema: { tags, params: idParams, body: questionPatchBody },
  }, async (req) => {
    const p = principalOf(req);
    await updateQuestion(db, actorOf(req), p, req.params.id, req.body);
    return presentBoard(await board(db, p, req.params.id));
  });

  // The answering secretary's scope is the item's organisation, not the asking committee's: the service checks it.
  app.post('/api/v1/dispatch-questions/:id/answers', {
    config: { access: { permission: 'workitem.write' } },
    schema: { tags, params: idParams, body: answerBody },
  }, async (req, reply) => {
    const period = await answer(db, actorOf(req), principalOf(req), req.params.id, req.body);
    return reply.status(201).send({ questionId: req.params.id, workItemId: req.body.workItemId, period });
  });
});
