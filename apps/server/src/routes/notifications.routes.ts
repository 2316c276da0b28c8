import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZListNotificationsQuery, ZListNotificationsResponse, ZNotificationParams, ZReadAllNotificationsResponse, ZUnreadNotificationsResponse } from '@voyage/contracts';
import { countUnreadNotifications, listNotifications, markAllNotificationsRead, markNotificationRead } from '@voyage/kernel';

const tags = ['notifications'];

/** The signed-in user's in-app notifications (P10). Each user sees only their own. */
export async function notificationsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/notifications', {
    schema: { tags, summary: 'My notifications, newest first', querystring: ZListNotificationsQuery, response: { 200: ZListNotificationsResponse } },
    config: { scope: 'notifications:read' },
  }, async (request) => {
    const { unread, cursor, limit } = request.query;
    return listNotifications(request.ctx(), { unread: unread === 'true', cursor, limit });
  });

  r.get('/api/v1/notifications/unread-count', {
    schema: { tags, summary: 'How many of my notifications are unread', response: { 200: ZUnreadNotificationsResponse } },
    config: { scope: 'notifications:read' },
  }, async (request) => ({ count: await countUnreadNotifications(request.ctx()) }));

  r.post('/api/v1/notifications/:id/read', {
    schema: { tags, summary: 'Mark one of my notifications read', params: ZNotificationParams },
    config: { scope: 'notifications:write' },
  }, async (request, reply) => {
    await markNotificationRead(request.ctx(), request.params.id);
    return reply.status(204).send();
  });

  r.post('/api/v1/notifications/read-all', {
    schema: { tags, summary: 'Mark all my notifications read', response: { 200: ZReadAllNotificationsResponse } },
    config: { scope: 'notifications:write' },
  }, async (request) => ({ updated: await markAllNotificationsRead(request.ctx()) }));
}
