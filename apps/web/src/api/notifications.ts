import type { TListNotificationsResponse, TNotification, TReadAllNotificationsResponse, TUnreadNotificationsResponse } from '@voyage/contracts';
import { api } from './client';

export type AppNotification = TNotification;

export const notificationsApi = {
  list: (query: { cursor?: string; limit?: number; unread?: boolean } = {}) =>
    api.get<TListNotificationsResponse>('/notifications', { query: { cursor: query.cursor, limit: query.limit, unread: query.unread ? 'true' : undefined } }),
  unreadCount: () => api.get<TUnreadNotificationsResponse>('/notifications/unread-count'),
  markRead: (id: string) => api.post<unknown>(`/notifications/${id}/read`),
  markAllRead: () => api.post<TReadAllNotificationsResponse>('/notifications/read-all'),
};
