import { and, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import { TASK_KINDS, TASK_PRIORITIES, TASK_RELATED_TYPES, TASK_STATUSES, type TTaskListResponse } from '@voyage/contracts';
import { applyFieldSecurity, buildListQuery, isUuid, scopedWhere, translate, validationError, type Context, type FieldIssue, type ListSpec } from '@voyage/kernel';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { tasks } from '../db/tasks';
import { tasksToWire, type TaskRow } from './task-wire';

export const TASK_LIST: ListSpec = {
  id: tasks.id,
  defaultSort: 'dueAt',
  fields: {
    id: { column: tasks.id, kind: 'uuid' },
    kind: { column: tasks.kind, kind: 'text' },
    title: { column: tasks.title, kind: 'text' },
    status: { column: tasks.status, kind: 'text' },
    priority: { column: tasks.priority, kind: 'text' },
    dueAt: { column: tasks.dueAt, kind: 'datetime' },
    startAt: { column: tasks.startAt, kind: 'datetime' },
    endAt: { column: tasks.endAt, kind: 'datetime' },
    ownerId: { column: tasks.ownerId, kind: 'uuid' },
    relatedType: { column: tasks.relatedType, kind: 'text' },
    relatedId: { column: tasks.relatedId, kind: 'uuid' },
    completedAt: { column: tasks.completedAt, kind: 'datetime' },
    reminderAt: { column: tasks.reminderAt, kind: 'datetime' },
    version: { column: tasks.version, kind: 'number' },
    createdAt: { column: tasks.createdAt, kind: 'datetime' },
    updatedAt: { column: tasks.updatedAt, kind: 'datetime' },
    deletedAt: { column: tasks.deletedAt, kind: 'datetime' },
  },
};

const SHORTCUTS = ['mine', 'status', 'kind', 'priority', 'relatedType', 'relatedId', 'from', 'to'];

/**
 * A page of tasks under the list conventions, within the data scope, plus shortcuts:
 * `mine=true`, `status`, `kind`, `priority` (comma lists), `relatedType`+`relatedId`, and
 * `from`/`to`: the due time (or a meeting's start) in [from, to).
 */
export async function listTasks(ctx: Context, query: Record<string, unknown>): Promise<TTaskListResponse> {
  const scope = await scopedWhere(ctx, tasks, 'task', { onlyDeleted: query.trash === 'true' });
  const plan = buildListQuery(TASK_LIST, query, { defs: [], locale: ctx.locale, actor: ctx.actor, object: 'task', allowedParams: SHORTCUTS });
  const issues: FieldIssue[] = [];
  const issue = (field: string) => issues.push({ field, code: 'invalid', message: translate(ctx.locale, 'field.invalid', { field }) });
  const conditions: SQL[] = [];
  const text = (name: string) => (typeof query[name] === 'string' && query[name] ? (query[name] as string) : undefined);
  const oneOf = (name: string, column: PgColumn, allowed: readonly string[]) => {
    const value = text(name);
    if (value === undefined) return;
    const list = value.split(',').map((v) => v.trim());
    if (list.some((v) => !allowed.includes(v))) issue(name);
    else conditions.push(inArray(column, list));
  };
  if (query.mine !== undefined) {
    if (query.mine === 'true') conditions.push(eq(tasks.ownerId, ctx.actor.userId));
    else if (query.mine !== 'false') issue('mine');
  }
  oneOf('status', tasks.status, TASK_STATUSES);
  oneOf('kind', tasks.kind, TASK_KINDS);
  oneOf('priority', tasks.priority, TASK_PRIORITIES);
  oneOf('relatedType', tasks.relatedType, TASK_RELATED_TYPES);
  const relatedId = text('relatedId');
  if (relatedId !== undefined) {
    if (!isUuid(relatedId)) issue('relatedId');
    else conditions.push(eq(tasks.relatedId, relatedId));
  }
  const when = sql`coalesce(${tasks.startAt}, ${tasks.dueAt})`;
  for (const [name, op] of [['from', sql`>=`], ['to', sql`<`]] as const) {
    const value = text(name);
    if (value === undefined) continue;
    const d = new Date(value);
    if (Number.isNaN(d.getTime())) issue(name);
    else conditions.push(sql`${when} ${op} ${d.toISOString()}::timestamptz`);
  }
  if (text('from') || text('to')) conditions.push(isNotNull(when));
  if (issues.length) throw validationError(issues);

  const rows = await ctx.db.select({ row: tasks, ...plan.cursorColumns }).from(tasks).where(and(scope, plan.where, ...conditions)).orderBy(...plan.orderBy).limit(plan.limit + 1);
  const flat = rows.map(({ row, ...keys }) => ({ ...keys, __row: row }));
  const { rows: page, nextCursor } = plan.page(flat as Array<Record<string, unknown>>);
  const wire = await tasksToWire(ctx.db, ctx.workspaceId, page.map((r) => r.__row as TaskRow));
  const secured = applyFieldSecurity(ctx.actor, 'task', wire as unknown as Array<Record<string, unknown>>);
  return { data: secured.map((r) => plan.pick(r)) as TTaskListResponse['data'], nextCursor };
}
