import { principalOf, type RouteModule } from '../../platform/http/context.js';
import { board, monthCalendar } from './board.service.js';
import { boardQuery, boardSchema, calendarQuery, calendarSchema, boardLabels } from './views.schemas.js';
import { labelledRoutes } from '../../platform/http/validation.js';

/** The committee's board over the items in scope: by organisation, by source, and a month's deadlines. */
export const boardRoutes: RouteModule = labelledRoutes(boardLabels, (app, ctx) => {
  const db = ctx.db.kysely;
  const tags = ['work-items'];

  app.get('/api/v1/work-items/board', {
    config: { access: { permission: 'workitem.read' } },
    schema: { tags, querystring: boardQuery, response: { 200: boardSchema } },
  }, async (req) => board(db, principalOf(req), req.query));

  app.get('/api/v1/work-items/calendar', {
    config: { access: { permission: 'workitem.read' } },
    schema: { tags, querystring: calendarQuery, response: { 200: calendarSchema } },
  }, async (req) => monthCalendar(db, principalOf(req), req.query));
});
