import type { RouteAccess, RouteModule } from '../../platform/http/context.js';
import { actorOf, principalOf } from '../../platform/http/context.js';
import { idParams, labelledRoutes, wholeList } from '../../platform/http/validation.js';
import { sendDownload } from '../../platform/files/download.js';
import { exportContentTypes } from '../../platform/files/table-export.js';
import { today } from '../../platform/time.js';
import { parseIdParam } from '../../registry/orgs/org.routes.js';
import { activityOrgPath } from './activity.repository.js';
import {
  activityCreateBody, activityDetailSchema, attachmentBody, activityListQuery, activityListSchema, activityPatchBody, attendanceBody, attendanceSchema,
  checkinBody, checkinResultSchema, checkinScreenSchema, correctBody, exportQuery, kindsSchema, myActivitiesQuery, myActivitiesSchema,
  reasonBody, versionBody, activityLabels,
} from './activity.schemas.js';
import {
  attachFile, cancelActivity, checkIn, checkinScreen, correctActivity, createActivity, holdActivity, listActivitiesFor, loadActivity, myActivities,
  setAttendance, signActivity, updateActivity,
} from './activity.service.js';
import { presentActivity, presentActivityDetail, presentAttendanceList, presentKinds, presentMyActivity } from './activity.presenter.js';
import { exportActivities, exportAttendance } from './activity-export.js';
import { registerActivityFiles } from './activity-files.js';

const activityPath: RouteAccess['resource'] = async (c, p) => {
  const id = parseIdParam(p.id);
  return id ? activityOrgPath(c.db.kysely, id) : null;
};

/** The path the check-in QR code encodes: the member's check-in page, which sends a signed-out scan to login and back. */
export const checkinPagePath = (id: number, token: string) => `/admin/me/checkin/${id}?t=${encodeURIComponent(token)}`;

export const activityRoutes: RouteModule = labelledRoutes(activityLabels, (app, ctx) => {
  const db = ctx.db.kysely;
  const tags = ['activities'];
  const read = { permission: 'activity.read' as const, resource: activityPath };
  const write = { permission: 'activity.write' as const, resource: activityPath };
  const detail = async (id: number) => presentActivityDetail(await loadActivity(db, id));
  registerActivityFiles();

  app.get('/api/v1/activity-kinds', {
    config: { access: { permission: 'authenticated' } },
    schema: { tags, response: { 200: kindsSchema } },
  }, async () => presentKinds());

  app.get('/api/v1/activities', {
    config: { access: { permission: 'activity.read' } },
    schema: { tags, querystring: activityListQuery, response: { 200: activityListSchema } },
  }, async (req) => {
    const { rows, total } = await listActivitiesFor(db, principalOf(req), req.query);
    return { items: rows.map(presentActivity), total };
  });

  app.get('/api/v1/activities/export', {
    config: { access: { permission: 'activity.read' } },
    schema: { tags, querystring: exportQuery },
  }, async (req, reply) => {
    const body = await exportActivities(db, actorOf(req), principalOf(req), req.query);
    return sendDownload(reply, { body, fileName: `活动清单-${today()}.xlsx`, contentType: exportContentTypes.xlsx, size: body.length });
  });

  app.post('/api/v1/activities', {
    config: { access: { permission: 'activity.write' } },
    schema: { tags, body: activityCreateBody, response: { 201: activityDetailSchema } },
  }, async (req, reply) => {
    const id = await createActivity(db, actorOf(req), principalOf(req), req.body);
    return reply.status(201).send(await detail(id));
  });

  app.get('/api/v1/activities/:id', {
    config: { access: read },
    schema: { tags, params: idParams, response: { 200: activityDetailSchema } },
  }, async (req) => detail(req.params.id));

  app.patch('/api/v1/activities/:id', {
    config: { access: write },
    schema: { tags, params: idParams, body: activityPatchBody, response: { 200: activityDetailSchema } },
  }, async (req) => {
    await updateActivity(db, actorOf(req), req.params.id, req.body);
    return detail(req.params.id);
  });

  app.get('/api/v1/activities/:id/attendance', {
    config: { access: read },
    schema: { tags, params: idParams, response: { 200: attendanceSchema } },
  }, async (req) => presentAttendanceList(await loadActivity(db, req.params.id)));

  app.put('/api/v1/activities/:id/attendance', {
    config: { access: write },
    schema: { tags, params: idParams, body: attendanceBody, response: { 200: attendanceSchema } },
  }, async (req) => {
    await setAttendance(db, actorOf(req), req.params.id, req.body);
    return presentAttendanceList(await loadActivity(db, req.params.id));
  });

  app.get('/api/v1/activities/:id/attendance/export', {
    config: { access: read },
    schema: { tags, params: idParams },
  }, async (req, reply) => {
    const { body, title } = await exportAttendance(db, actorOf(req), req.params.id);
    return sendDownload(reply, { body, fileName: `出席情况-${title}.xlsx`, contentType: exportContentTypes.xlsx, size: body.length });
  });

  app.post('/api/v1/activities/:id/hold', {
    config: { access: write },
    schema: { tags, params: idParams, body: versionBody, response: { 200: activityDetailSchema } },
  }, async (req) => {
    await holdActivity(ctx, actorOf(req), req.params.id, req.body.version);
    return detail(req.params.id);
  });

  app.post('/api/v1/activities/:id/cancel', {
    config: { access: write },
    schema: { tags, params: idParams, body: reasonBody, response: { 200: activityDetailSchema } },
  }, async (req) => {
    await cancelActivity(db, actorOf(req), req.params.id, req.body.version, req.body.reason);
    return detail(req.params.id);
  });

  app.post('/api/v1/activities/:id/correct', {
    config: { access: write },
    schema: { tags, params: idParams, body: correctBody, response: { 200: activityDetailSchema } },
  }, async (req) => {
    await correctActivity(db, actorOf(req), req.params.id, req.body);
    return detail(req.params.id);
  });

  app.post('/api/v1/activities/:id/attachments', {
    config: { access: write },
    schema: { tags, params: idParams, body: attachmentBody, response: { 200: activityDetailSchema } },
  }, async (req) => {
    await attachFile(db, actorOf(req), req.params.id, req.body);
    return detail(req.params.id);
  });

  // A signature is personal: the host or the recorder signs with their own account, whatever grants they hold.
  app.post('/api/v1/activities/:id/sign', {
    config: { access: { permission: 'authenticated' } },
    schema: { tags, params: idParams, body: versionBody },
  }, async (req) => {
    await signActivity(db, actorOf(req), principalOf(req), req.params.id, req.body.version);
    const a = await loadActivity(db, req.params.id);
    return { state: a.activity.state, version: a.activity.version, hostSignedAt: a.activity.host_signed_at, recorderSignedAt: a.activity.recorder_signed_at };
  });

  app.get('/api/v1/activities/:id/checkin-code', {
    config: { access: write },
    schema: { tags, params: idParams, response: { 200: checkinScreenSchema } },
  }, async (req) => {
    const s = await checkinScreen(ctx, req.params.id);
    return { code: s.code, path: checkinPagePath(req.params.id, s.token), rotatesInMs: s.rotatesInMs, validFrom: s.validFrom, validTo: s.validTo };
  });

  // Anyone signed in may check in, but only themselves: a member of the organisation, or a guest (列席).
  app.post('/api/v1/activities/:id/checkin', {
    config: { access: { permission: 'authenticated' } },
    schema: { tags, params: idParams, body: checkinBody, response: { 200: checkinResultSchema } },
  }, async (req) => checkIn(ctx, actorOf(req), principalOf(req), req.params.id, req.body));

  app.get('/api/v1/me/activities', {
    config: { access: { permission: 'authenticated' } },
    schema: { tags, querystring: myActivitiesQuery, response: { 200: myActivitiesSchema } },
  }, async (req) => wholeList((await myActivities(db, principalOf(req), req.query)).map(presentMyActivity)));
});
