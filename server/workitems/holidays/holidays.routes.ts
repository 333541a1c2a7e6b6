import { z } from 'zod';
import { actorOf, principalOf, type RouteModule } from '../../platform/http/context.js';
import { idParams, labelledRoutes, wholeList } from '../../platform/http/validation.js';
import { findHoliday, listHolidays } from './holidays.repository.js';
import {
  holidayCreateBody, holidayListQuery, holidayListSchema, holidayPatchBody, holidaySchema, settingsBody, settingsSchema, holidayLabels,
} from './holidays.schemas.js';
import { createHoliday, escalationSettings, removeHoliday, saveEscalationSettings, updateHoliday } from './holidays.service.js';

const present = (h: { id: number; date: string; is_workday: number; name: string; version: number }) =>
  ({ id: h.id, date: h.date, isWorkday: Number(h.is_workday) === 1, name: h.name, version: h.version });

/** The working-day calendar (节假日与调休) and the escalation setting, both kept by the working committee. */
export const holidayRoutes: RouteModule = labelledRoutes(holidayLabels, (app, ctx) => {
  const db = ctx.db.kysely;
  const tags = ['holidays'];

  app.get('/api/v1/holidays', {
    config: { access: { permission: 'workitem.read' } },
    schema: { tags, querystring: holidayListQuery, response: { 200: holidayListSchema } },
  }, async (req) => wholeList((await listHolidays(db, req.query.year)).map(present)));

  app.post('/api/v1/holidays', {
    config: { access: { permission: 'workitem.assign' } },
    schema: { tags, body: holidayCreateBody, response: { 201: holidaySchema } },
  }, async (req, reply) => {
    const id = await createHoliday(db, actorOf(req), principalOf(req), req.body);
    return reply.status(201).send(present((await findHoliday(db, id))!));
  });

  app.patch('/api/v1/holidays/:id', {
    config: { access: { permission: 'workitem.assign' } },
    schema: { tags, params: idParams, body: holidayPatchBody, response: { 200: holidaySchema } },
  }, async (req) => {
    await updateHoliday(db, actorOf(req), principalOf(req), req.params.id, req.body);
    return present((await findHoliday(db, req.params.id))!);
  });

  app.delete('/api/v1/holidays/:id', {
    config: { access: { permission: 'workitem.assign' } },
    schema: { tags, params: idParams, response: { 204: z.null() } },
  }, async (req, reply) => {
    await removeHoliday(db, actorOf(req), principalOf(req), req.params.id);
    return reply.status(204).send(null);
  });

  app.get('/api/v1/work-item-settings', {
    config: { access: { permission: 'workitem.read' } },
    schema: { tags, response: { 200: settingsSchema } },
  }, async () => escalationSettings(db));

  app.put('/api/v1/work-item-settings', {
    config: { access: { permission: 'workitem.assign' } },
    schema: { tags, body: settingsBody, response: { 200: settingsSchema } },
  }, async (req) => {
    await saveEscalationSettings(db, actorOf(req), principalOf(req), req.body);
    return escalationSettings(db);
  });
});
