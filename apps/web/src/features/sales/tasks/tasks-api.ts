import type { TCompleteTaskResponse, TCreateTaskRequest, TIcalFeedResponse, TTask, TTaskListResponse, TUpdateTaskRequest } from '@voyage/contracts';
import { api } from '../../../api/client';

export type { TTask };

export type TaskListQuery = {
  mine?: 'true';
  status?: string;
  kind?: string;
  relatedType?: string;
  relatedId?: string;
  from?: string;
  to?: string;
  sort?: string;
  limit?: number;
};

export const tasksApi = {
  list: (query: TaskListQuery) => api.get<TTaskListResponse>('/tasks', { query: { limit: 200, ...query } }),
  get: (id: string) => api.get<TTask>(`/tasks/${id}`),
  create: (body: TCreateTaskRequest) => api.post<TTask>('/tasks', body),
  update: (id: string, body: TUpdateTaskRequest) => api.patch<TTask>(`/tasks/${id}`, body),
  complete: (task: Pick<TTask, 'id' | 'version'>) => api.post<TCompleteTaskResponse>(`/tasks/${task.id}/complete`, { version: task.version }),
  reopen: (task: Pick<TTask, 'id' | 'version'>) => api.post<TTask>(`/tasks/${task.id}/reopen`, { version: task.version }),
  remove: (id: string) => api.delete<void>(`/tasks/${id}`),
  icalFeed: () => api.get<TIcalFeedResponse>('/me/ical'),
  rotateIcalFeed: () => api.post<TIcalFeedResponse>('/me/ical'),
};

/** Every query of tasks starts with this key, so one invalidation refreshes My day, the calendar and panels. */
export const TASKS_KEY = ['tasks'] as const;

/** When a task happens: a meeting's start, else its due time. */
export const taskTime = (t: TTask) => t.startAt ?? t.dueAt;

/** `datetime-local` input value of an ISO time, in the browser's zone. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export const fromLocalInput = (value: string): string | null => (value ? new Date(value).toISOString() : null);

export const sameDay = (a: Date, b: Date) => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
