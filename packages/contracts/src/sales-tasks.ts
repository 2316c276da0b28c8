import { z } from 'zod';
import { ZListQuery, zListResponse } from './records';

export const TASK_KINDS = ['task', 'meeting'] as const;
export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TASK_RELATED_TYPES = ['contact', 'account', 'deal', 'lead'] as const;

/** The supported RRULE subset: FREQ=DAILY|WEEKLY|MONTHLY, INTERVAL, BYDAY (weekly), COUNT, UNTIL. */
export const ZRecurrence = z.string().trim().max(200).regex(/^(?:RRULE:)?FREQ=(DAILY|WEEKLY|MONTHLY)(;[A-Z]+=[A-Z0-9,+-]+)*$/i);

export const ZTaskAttendee = z.object({
  userId: z.string().nullable(),
  contactId: z.string().nullable(),
  name: z.string().nullable(),
  response: z.string(),
});
export type TTaskAttendee = z.infer<typeof ZTaskAttendee>;

export const ZTask = z.object({
  id: z.string(),
  kind: z.enum(TASK_KINDS),
  title: z.string(),
  description: z.string().nullable(),
  status: z.enum(TASK_STATUSES),
  priority: z.enum(TASK_PRIORITIES),
  dueAt: z.string().nullable(),
  startAt: z.string().nullable(),
  endAt: z.string().nullable(),
  allDay: z.boolean(),
  location: z.string().nullable(),
  ownerId: z.string().nullable(),
  relatedType: z.string().nullable(),
  relatedId: z.string().nullable(),
  recurrence: z.string().nullable(),
  recurrenceParentId: z.string().nullable(),
  reminderAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  completedBy: z.string().nullable(),
  attendees: z.array(ZTaskAttendee),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
});
export type TTask = z.infer<typeof ZTask>;

const ZAttendeesInput = z.object({
  userIds: z.array(z.uuid()).max(100).optional(),
  contactIds: z.array(z.uuid()).max(100).optional(),
}).strict();

const taskFields = {
  title: z.string().trim().min(1).max(300),
  description: z.string().max(10_000).nullable().optional(),
  priority: z.enum(TASK_PRIORITIES).optional(),
  dueAt: z.iso.datetime({ offset: true }).nullable().optional(),
  startAt: z.iso.datetime({ offset: true }).nullable().optional(),
  endAt: z.iso.datetime({ offset: true }).nullable().optional(),
  allDay: z.boolean().optional(),
  location: z.string().max(500).nullable().optional(),
  ownerId: z.uuid().optional(),
  relatedType: z.enum(TASK_RELATED_TYPES).nullable().optional(),
  relatedId: z.uuid().nullable().optional(),
  recurrence: ZRecurrence.nullable().optional(),
  reminderAt: z.iso.datetime({ offset: true }).nullable().optional(),
  attendees: ZAttendeesInput.optional(),
};

export const ZCreateTaskRequest = z.object({ kind: z.enum(TASK_KINDS).default('task'), ...taskFields }).strict();
export type TCreateTaskRequest = z.infer<typeof ZCreateTaskRequest>;

export const ZUpdateTaskRequest = z.object({
  version: z.number().int().min(1),
  ...taskFields,
  title: taskFields.title.optional(),
  status: z.enum(['open', 'cancelled']).optional(),
}).strict();
export type TUpdateTaskRequest = z.infer<typeof ZUpdateTaskRequest>;

export const ZTaskVersionRequest = z.object({ version: z.number().int().min(1) }).strict();
export type TTaskVersionRequest = z.infer<typeof ZTaskVersionRequest>;

/** List conventions plus: mine, status, kind, priority, relatedType/relatedId, from/to (due or start in range). */
export const ZTaskListQuery = ZListQuery;
export const ZTaskListResponse = zListResponse(ZTask);
export type TTaskListResponse = z.infer<typeof ZTaskListResponse>;

export const ZCompleteTaskResponse = z.object({ task: ZTask, next: ZTask.nullable() });
export type TCompleteTaskResponse = z.infer<typeof ZCompleteTaskResponse>;

export const ZIcalFeedResponse = z.object({ url: z.string().nullable() });
export type TIcalFeedResponse = z.infer<typeof ZIcalFeedResponse>;
