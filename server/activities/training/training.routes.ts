import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext, RouteModule } from '../../platform/http/context.js';
import { actorOf, principalOf } from '../../platform/http/context.js';
import { idParams, labelledRoutes } from '../../platform/http/validation.js';
import { sendDownload } from '../../platform/files/download.js';
import { orgResource, parseIdParam } from '../../registry/orgs/org.routes.js';
import { classOrgPath } from './training.repository.js';
import { reviewOrgPath } from './member-review.repository.js';
import { talkOrgPath } from './talk.repository.js';
import {
  addSession, changeEnrolment, classDetail, coverageFor, createClass, listClassesFor, recordCompletion, removeClass, settingsFor, updateClass, updateSettings,
} from './training.service.js';
import { createReview, listReviewsFor, moveStage, recordEntry, recordTallies, reviewDetail } from './member-review.service.js';
import { createTalk, removeTalk, talksFor } from './talk.service.js';
import { boundRecord } from './bound-record.js';
import { presentClass, presentClassDetail, presentReview, presentReviewItem, presentTalks } from './training.presenter.js';
import {
  boundRecordQuery, classCreateBody, classDetailSchema, classListQuery, classListSchema, classPatchBody, completionBody, coverageQuery, coverageSchema,
  enrolBody, reviewCreateBody, reviewDetailSchema, reviewEntryBody, reviewListQuery, reviewListSchema, reviewStageBody, reviewTallyBody, sessionBody,
  settingsBody, settingsSchema, talkCreateBody, talkCoverageSchema, talkQuery, trainingLabels,
} from './training.schemas.js';

const byId = (find: (db: AppContext['db']['kysely'], id: number) => Promise<string | null>) =>
  async (ctx: AppContext, params: Record<string, string>) => { const id = parseIdParam(params.id); return id ? find(ctx.db.kysely, id) : null; };
const classResource = byId(classOrgPath);
const reviewResource = byId(reviewOrgPath);
const talkResource = byId(talkOrgPath);

export const trainingRoutes: RouteModule = labelledRoutes(trainingLabels, (app, ctx) => {
  const db = ctx.db.kysely;
  const tags = ['training'];
  const detail = async (req: FastifyRequest, id: number) => presentClassDetail(await classDetail(db, principalOf(req), id));

  app.get('/api/v1/training-classes', {
    config: { access: { permission: 'activity.read' } },
    schema: { tags, querystring: classListQuery, response: { 200: classListSchema } },
  }, async (req) => {
    const { rows, total } = await listClassesFor(db, principalOf(req), req.query);
    return { items: rows.map(presentClass), total };
  });

  app.post('/api/v1/training-classes', {
    config: { access: { permission: 'training.manage' } },
    schema: { tags, body: classCreateBody, response: { 201: classDetailSchema } },
  }, async (req, reply) => reply.status(201).send(await detail(req, await createClass(db, actorOf(req), principalOf(req), req.body))));

  app.get('/api/v1/training-classes/:id', {
    config: { access: { permission: 'activity.read', resource: classResource } },
    schema: { tags, params: idParams, response: { 200: classDetailSchema } },
  }, async (req) => detail(req, req.params.id));

  app.patch('/api/v1/training-classes/:id', {
    config: { access: { permission: 'training.manage', resource: classResource } },
    schema: { tags, params: idParams, body: classPatchBody, response: { 200: classDetailSchema } },
  }, async (req) => { await updateClass(db, actorOf(req), req.params.id, req.body); return detail(req, req.params.id); });

  app.delete('/api/v1/training-classes/:id', {
    config: { access: { permission: 'training.manage', resource: classResource } },
    schema: { tags, params: idParams },
  }, async (req, reply) => { await removeClass(db, actorOf(req), req.params.id); return reply.status(204).send(); });

  app.post('/api/v1/training-classes/:id/enrolments', {
    config: { access: { permission: 'training.manage', resource: classResource } },
    schema: { tags, params: idParams, body: enrolBody, response: { 200: classDetailSchema } },
  }, async (req) => { await changeEnrolment(db, actorOf(req), principalOf(req), req.params.id, req.body); return detail(req, req.params.id); });

  app.post('/api/v1/training-classes/:id/completion', {
    config: { access: { permission: 'training.manage', resource: classResource } },
    schema: { tags, params: idParams, body: completionBody, response: { 200: classDetailSchema } },
  }, async (req) => { await recordCompletion(db, actorOf(req), req.params.id, req.body); return detail(req, req.params.id); });

  app.post('/api/v1/training-classes/:id/sessions', {
    config: { access: { permission: 'training.manage', resource: classResource } },
    schema: { tags, params: idParams, body: sessionBody, response: { 200: classDetailSchema } },
  }, async (req) => { await addSession(db, actorOf(req), principalOf(req), req.params.id, req.body); return detail(req, req.params.id); });

  app.get('/api/v1/training-coverage', {
    config: { access: { permission: 'compliance.read' } },
    schema: { tags, querystring: coverageQuery, response: { 200: coverageSchema } },
  }, async (req) => coverageFor(db, principalOf(req), req.query));

  app.get('/api/v1/training-settings', {
    config: { access: { permission: 'activity.read' } },
    schema: { tags, response: { 200: settingsSchema } },
  }, async () => settingsFor(db));

  app.put('/api/v1/training-settings', {
    config: { access: { permission: 'training.manage' } },
    schema: { tags, body: settingsBody, response: { 200: settingsSchema } },
  }, async (req) => updateSettings(db, actorOf(req), req.body));

  app.get('/api/v1/member-reviews', {
    config: { access: { permission: 'activity.read' } },
    schema: { tags, querystring: reviewListQuery, response: { 200: reviewListSchema } },
  }, async (req) => {
    const items = (await listReviewsFor(db, principalOf(req), req.query)).map(presentReviewItem);
    return { items, total: items.length };
  });

  app.post('/api/v1/member-reviews', {
    config: { access: { permission: 'activity.write' } },
    schema: { tags, body: reviewCreateBody, response: { 201: reviewDetailSchema } },
  }, async (req, reply) => reply.status(201).send(presentReview(await reviewDetail(db, await createReview(db, actorOf(req), principalOf(req), req.body)))));

  app.get('/api/v1/member-reviews/:id', {
    config: { access: { permission: 'activity.read', resource: reviewResource } },
    schema: { tags, params: idParams, response: { 200: reviewDetailSchema } },
  }, async (req) => presentReview(await reviewDetail(db, req.params.id)));

  app.post('/api/v1/member-reviews/:id/stages', {
    config: { access: { permission: 'activity.write', resource: reviewResource } },
    schema: { tags, params: idParams, body: reviewStageBody, response: { 200: reviewDetailSchema } },
  }, async (req) => { await moveStage(db, actorOf(req), req.params.id, req.body); return presentReview(await reviewDetail(db, req.params.id)); });

  app.patch('/api/v1/member-reviews/:id/entries', {
    config: { access: { permission: 'activity.write', resource: reviewResource } },
    schema: { tags, params: idParams, body: reviewEntryBody, response: { 200: reviewDetailSchema } },
  }, async (req) => { await recordEntry(db, actorOf(req), req.params.id, req.body); return presentReview(await reviewDetail(db, req.params.id)); });

  app.put('/api/v1/member-reviews/:id/tallies', {
    config: { access: { permission: 'activity.write', resource: reviewResource } },
    schema: { tags, params: idParams, body: reviewTallyBody, response: { 200: reviewDetailSchema } },
  }, async (req) => { await recordTallies(db, actorOf(req), req.params.id, req.body); return presentReview(await reviewDetail(db, req.params.id)); });

  app.get('/api/v1/talks', {
    config: { access: { permission: 'activity.read' } },
    schema: { tags, querystring: talkQuery, response: { 200: talkCoverageSchema } },
  }, async (req) => presentTalks(await talksFor(db, principalOf(req), req.query)));

  app.post('/api/v1/talks', {
    config: { access: { permission: 'activity.write' } },
    schema: { tags, body: talkCreateBody, response: { 201: z.object({ id: z.number() }) } },
  }, async (req, reply) => reply.status(201).send({ id: await createTalk(db, actorOf(req), principalOf(req), req.body) }));

  app.delete('/api/v1/talks/:id', {
    config: { access: { permission: 'activity.write', resource: talkResource } },
    schema: { tags, params: idParams },
  }, async (req, reply) => { await removeTalk(db, actorOf(req), req.params.id); return reply.status(204).send(); });

  app.get('/api/v1/orgs/:id/bound-record', {
    config: { access: { permission: 'activity.read', resource: orgResource } },
    schema: { tags, params: idParams, querystring: boundRecordQuery },
  }, async (req, reply) => {
    const file = await boundRecord(db, actorOf(req), req.params.id, req.query.year);
    return sendDownload(reply, { body: file.body, fileName: file.fileName, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
  });
});
