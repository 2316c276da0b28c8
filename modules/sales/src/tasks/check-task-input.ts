import { and, eq, inArray } from 'drizzle-orm';
import { findVisibleRecordIds, schema, translate, validationError, visibleOwnerIds, type Context, type FieldIssue } from '@voyage/kernel';
import { parseRecurrence } from './recurrence';

/** The state of a task after a create or update, as far as the checks need it. */
export interface TaskState {
  kind: 'task' | 'meeting';
  dueAt: Date | null;
  startAt: Date | null;
  endAt: Date | null;
  ownerId: string | null;
  relatedType: string | null;
  relatedId: string | null;
  recurrence: string | null;
}

export interface TaskChecks {
  /** Only the fields the request sets are checked against other records. */
  ownerChanged: boolean;
  relatedChanged: boolean;
  attendees?: { userIds?: string[]; contactIds?: string[] };
}

/**
 * Checks a task against the rules no schema can express: the assignee is a member within the
 * actor's data scope, the related record exists, a meeting has a start before its end, the
 * recurrence is in the supported subset, attendees are members or contacts. All issues at once.
 */
export async function checkTaskInput(ctx: Context, state: TaskState, checks: TaskChecks): Promise<void> {
  const issues: FieldIssue[] = [];
  const issue = (field: string, code: string, key: string) => issues.push({ field, code, message: translate(ctx.locale, key, { field }) });

  if (checks.ownerChanged && state.ownerId) {
    const owners = await visibleOwnerIds(ctx.db, ctx.actor);
    const [member] = await ctx.db.select({ userId: schema.memberships.userId }).from(schema.memberships)
      .where(and(eq(schema.memberships.workspaceId, ctx.workspaceId), eq(schema.memberships.userId, state.ownerId), eq(schema.memberships.status, 'active')));
    if (!member || (owners !== 'all' && !owners.includes(state.ownerId))) issue('ownerId', 'out_of_scope', 'sales.task.owner_out_of_scope');
  }
  if (checks.relatedChanged) {
    if (!state.relatedType !== !state.relatedId) issue(state.relatedType ? 'relatedId' : 'relatedType', 'required', 'sales.task.related_pair');
    else if (state.relatedType && state.relatedId) {
      const found = await findVisibleRecordIds(ctx, state.relatedType, [state.relatedId]);
      if (!found.has(state.relatedId)) issue('relatedId', 'not_found', 'sales.task.related_missing');
    }
  }
  if (state.kind === 'meeting') {
    if (!state.startAt) issue('startAt', 'required', 'sales.task.meeting_times');
    if (!state.endAt) issue('endAt', 'required', 'sales.task.meeting_times');
  }
  if (state.startAt && state.endAt && state.endAt <= state.startAt) issue('endAt', 'invalid', 'sales.task.end_before_start');
  if (state.recurrence) {
    if (!parseRecurrence(state.recurrence)) issue('recurrence', 'unsupported', 'sales.task.recurrence_unsupported');
    else if (!(state.kind === 'meeting' ? state.startAt : state.dueAt)) issue('recurrence', 'required', 'sales.task.recurrence_needs_time');
  }
  const userIds = [...new Set(checks.attendees?.userIds ?? [])];
  if (userIds.length) {
    const members = await ctx.db.select({ userId: schema.memberships.userId }).from(schema.memberships)
      .where(and(eq(schema.memberships.workspaceId, ctx.workspaceId), inArray(schema.memberships.userId, userIds)));
    if (members.length !== userIds.length) issue('attendees.userIds', 'not_found', 'sales.task.attendee_missing');
  }
  const contactIds = [...new Set(checks.attendees?.contactIds ?? [])];
  if (contactIds.length) {
    const found = await findVisibleRecordIds(ctx, 'contact', contactIds);
    if (found.size !== contactIds.length) issue('attendees.contactIds', 'not_found', 'sales.task.attendee_missing');
  }
  if (issues.length) throw validationError(issues);
}
