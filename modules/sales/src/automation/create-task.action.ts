import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { TASK_PRIORITIES, TASK_RELATED_TYPES } from '@voyage/contracts';
import { AppError, idFromKey, localized, registerErrorCodes, registerMessages, schema, supervisorsOf, translate, loadLinkedValues, type WorkflowActionContext, type WorkflowActionDefinition } from '@voyage/kernel';
import { tasks } from '../db/tasks';
import { createTask } from '../tasks/create-task';

const DAY = 86_400_000;

export const ZCreateTaskActionInput = z.object({
  title: z.string().trim().min(1).max(300),
  description: z.string().max(10_000).optional(),
  dueInDays: z.number().int().min(0).max(3650).default(1),
  priority: z.enum(TASK_PRIORITIES).default('normal'),
  assignee: z.enum(['owner', 'user', 'supervisor', 'linked_owner']).default('owner'),
  /** assignee `user`: who. */
  userId: z.uuid().optional(),
  /** assignee `linked_owner`: the record field pointing at the record whose owner gets it (a deal's `accountId`). */
  linkField: z.string().min(1).max(200).optional(),
}).refine((v) => v.assignee !== 'user' || v.userId, { path: ['userId'], message: 'required' })
  .refine((v) => v.assignee !== 'linked_owner' || v.linkField, { path: ['linkField'], message: 'required' });
export type TCreateTaskActionInput = z.infer<typeof ZCreateTaskActionInput>;

registerErrorCodes({ 'sales.task.no_assignee': 422 });
registerMessages({
  en: {
    'errors.sales.task.no_assignee': 'Nobody to assign the task to: the record (or the linked record) has no owner, or the owner has no supervisor.',
    'sales.automation.task_summary': 'Create the task "{title}" for {assignee}, due {due}',
  },
  'zh-CN': {
    'errors.sales.task.no_assignee': '没有可分配任务的人：记录（或关联记录）没有负责人，或负责人没有上级。',
    'sales.automation.task_summary': '为 {assignee} 创建任务“{title}”，截止 {due}',
  },
  'zh-TW': {
    'errors.sales.task.no_assignee': '沒有可指派任務的人：記錄（或關聯記錄）沒有負責人，或負責人沒有上級。',
    'sales.automation.task_summary': '為 {assignee} 建立任務「{title}」，截止 {due}',
  },
});

/** Who gets the task: the record's owner, a named member, or the owner's supervisor. */
async function linkedOwner(actx: WorkflowActionContext, linkField: string): Promise<string | null> {
  const owner = (await loadLinkedValues(actx, linkField))?.ownerId;
  return typeof owner === 'string' ? owner : null;
}

async function resolveAssignee(actx: WorkflowActionContext, input: TCreateTaskActionInput): Promise<string> {
  const owner = typeof actx.record?.values.ownerId === 'string' ? actx.record.values.ownerId : null;
  const ctx = actx.ctx;
  const userId = input.assignee === 'user' ? input.userId ?? null
    : input.assignee === 'owner' ? owner
      : input.assignee === 'linked_owner' ? await linkedOwner(actx, input.linkField!)
        : owner ? (await supervisorsOf(ctx.db, ctx.workspaceId, [owner])).get(owner) ?? null : null;
  if (!userId) throw new AppError('sales.task.no_assignee');
  return userId;
}

async function plan(actx: WorkflowActionContext, input: TCreateTaskActionInput) {
  const related = actx.record && (TASK_RELATED_TYPES as readonly string[]).includes(actx.record.object) ? actx.record : null;
  return {
    id: idFromKey(`sales.create_task:${actx.idempotencyKey}`),
    title: (await actx.merge(input.title)).slice(0, 300),
    description: input.description ? await actx.merge(input.description) : null,
    dueAt: new Date(actx.now.getTime() + input.dueInDays * DAY).toISOString(),
    relatedType: (related?.object ?? null) as (typeof TASK_RELATED_TYPES)[number] | null,
    relatedId: related?.id ?? null,
  };
}

/** `sales.create_task`: a task for the record's owner (or a named member, or the owner's supervisor), related to the record. */
export const createTaskAction: WorkflowActionDefinition<TCreateTaskActionInput> = {
  key: 'sales.create_task',
  labels: localized('创建任务', '建立任務', 'Create a task'),
  descriptions: localized('为负责人、指定成员或负责人的上级创建一条与该记录关联的任务', '為負責人、指定成員或負責人的上級建立一則與該記錄關聯的任務', 'A task related to the record, for its owner, a named member or the owner\'s supervisor'),
  fields: [
    { key: 'title', kind: 'text', required: true, merge: true, labels: localized('标题', '標題', 'Title') },
    { key: 'description', kind: 'textarea', merge: true, labels: localized('说明', '說明', 'Description') },
    { key: 'dueInDays', kind: 'number', labels: localized('几天后截止', '幾天後截止', 'Due in (days)') },
    { key: 'priority', kind: 'select', labels: localized('优先级', '優先順序', 'Priority'), options: [
      { value: 'low', labels: localized('低', '低', 'Low') }, { value: 'normal', labels: localized('普通', '普通', 'Normal') },
      { value: 'high', labels: localized('高', '高', 'High') }, { value: 'urgent', labels: localized('紧急', '緊急', 'Urgent') },
    ] },
    { key: 'assignee', kind: 'select', labels: localized('分配给', '指派給', 'Assign to'), options: [
      { value: 'owner', labels: localized('记录负责人', '記錄負責人', 'The record\'s owner') },
      { value: 'user', labels: localized('指定成员', '指定成員', 'A named member') },
      { value: 'supervisor', labels: localized('负责人的上级', '負責人的上級', 'The owner\'s supervisor') },
      { value: 'linked_owner', labels: localized('关联记录的负责人', '關聯記錄的負責人', 'The owner of a linked record') },
    ] },
    { key: 'userId', kind: 'user', labels: localized('成员', '成員', 'Member') },
    { key: 'linkField', kind: 'field', labels: localized('关联字段', '關聯欄位', 'Link field'), help: localized('例如商机的客户公司', '例如商機的客戶公司', 'For example the deal\'s account') },
  ],
  input: ZCreateTaskActionInput,
  async describe(actx, input) {
    const p = await plan(actx, input);
    const assignee = await resolveAssignee(actx, input);
    const [user] = await actx.ctx.db.select({ name: schema.users.name }).from(schema.users).where(eq(schema.users.id, assignee));
    return { summary: translate(actx.ctx.locale, 'sales.automation.task_summary', { title: p.title, assignee: user?.name ?? assignee, due: p.dueAt.slice(0, 10) }), output: { taskId: p.id, ownerId: assignee, dueAt: p.dueAt } };
  },
  async run(actx, input) {
    const p = await plan(actx, input);
    const ctx = actx.ctx;
    // The id comes from the step's key: a second run finds the task (even trashed) instead of adding one.
    const [existing] = await ctx.db.select({ id: tasks.id, ownerId: tasks.ownerId }).from(tasks).where(and(eq(tasks.workspaceId, ctx.workspaceId), eq(tasks.id, p.id)));
    if (existing) return { taskId: existing.id, ownerId: existing.ownerId, created: false };
    const ownerId = await resolveAssignee(actx, input);
    const task = await createTask(ctx, { kind: 'task', title: p.title, description: p.description, priority: input.priority, dueAt: p.dueAt, ownerId, relatedType: p.relatedType, relatedId: p.relatedId }, actx.jobs, { id: p.id });
    return { taskId: task.id, ownerId, dueAt: p.dueAt, created: true };
  },
};
