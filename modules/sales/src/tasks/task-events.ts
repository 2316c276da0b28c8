/** Events of tasks and meetings, emitted through the outbox. Payload: { id, kind, ownerId, relatedType, relatedId }. */
export const TASK_EVENTS = {
  created: 'sales.task.created',
  updated: 'sales.task.updated',
  completed: 'sales.task.completed',
  reopened: 'sales.task.reopened',
  deleted: 'sales.task.deleted',
  restored: 'sales.task.restored',
} as const;

export interface TaskEventPayload {
  id: string;
  kind: 'task' | 'meeting';
  ownerId: string | null;
  relatedType: string | null;
  relatedId: string | null;
}

export const TASK_REMINDER_JOB = 'sales.task_reminder';
