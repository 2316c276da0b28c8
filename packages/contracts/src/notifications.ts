import { z } from 'zod';
import { zListResponse } from './records';

/** An in-app notification of the signed-in user. */
export const ZNotification = z.object({
  id: z.uuid(),
  kind: z.string().describe('What happened: member_added, role_changed, …'),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable().describe('App path to open'),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TNotification = z.infer<typeof ZNotification>;

export const ZListNotificationsQuery = z.object({
  unread: z.enum(['true', 'false']).optional().describe('true = unread only'),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  lang: z.string().max(10).optional(),
}).strict();
export type TListNotificationsQuery = z.infer<typeof ZListNotificationsQuery>;

export const ZListNotificationsResponse = zListResponse(ZNotification);
export type TListNotificationsResponse = z.infer<typeof ZListNotificationsResponse>;

export const ZUnreadNotificationsResponse = z.object({ count: z.number().int() });
export type TUnreadNotificationsResponse = z.infer<typeof ZUnreadNotificationsResponse>;

export const ZReadAllNotificationsResponse = z.object({ updated: z.number().int() });
export type TReadAllNotificationsResponse = z.infer<typeof ZReadAllNotificationsResponse>;

export const ZNotificationParams = z.object({ id: z.uuid() }).strict();
