import { principalOf, type RouteModule } from '../http/context.js';
import { idParams, labelledRoutes } from '../http/validation.js';
import { presentNotification } from './notifications.presenter.js';
import { notificationList, notificationListQuery, notificationSchema, readAllSchema, unreadCountSchema, notificationLabels } from './notifications.schemas.js';
import { listNotifications, readAllNotifications, readNotification, unreadCount } from './notifications.service.js';

/** The in-app notification centre: every signed-in user sees and marks only their own notifications. */
export const notificationRoutes: RouteModule = labelledRoutes(notificationLabels, (app, ctx) => {
  const db = ctx.db.kysely;
  const own = { access: { permission: 'authenticated' as const } };

  app.get('/api/v1/notifications', {
    config: own,
    schema: { tags: ['notifications'], querystring: notificationListQuery, response: { 200: notificationList } },
  }, async (req) => {
    const { rows, total } = await listNotifications(db, principalOf(req).userId, req.query);
    return { items: rows.map(presentNotification), total };
  });

  app.get('/api/v1/notifications/unread-count', {
    config: own,
    schema: { tags: ['notifications'], response: { 200: unreadCountSchema } },
  }, async (req) => ({ count: await unreadCount(db, principalOf(req).userId) }));

  app.post('/api/v1/notifications/:id/read', {
    config: own,
    schema: { tags: ['notifications'], params: idParams, response: { 200: notificationSchema } },
  }, async (req) => presentNotification(await readNotification(db, principalOf(req).userId, req.params.id)));

  app.post('/api/v1/notifications/read-all', {
    config: own,
    schema: { tags: ['notifications'], response: { 200: readAllSchema } },
  }, async (req) => ({ updated: await readAllNotifications(db, principalOf(req).userId) }));
});
