import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { localized, notify, queueMail, schema, supervisorsOf, translate, type WorkflowActionContext, type WorkflowActionDefinition } from '@voyage/kernel';
import { escapeHtml, usersById } from '../email-templates/merge-fields';

export const ZNotifyInput = z.object({
  owner: z.boolean().default(false),
  supervisor: z.boolean().default(false),
  userIds: z.array(z.uuid()).max(100).default([]),
  roleIds: z.array(z.uuid()).max(20).default([]),
  title: z.string().trim().min(1).max(300),
  body: z.string().max(5000).optional(),
  /** Also by email, to each recipient's address. */
  email: z.boolean().default(false),
}).refine((v) => v.owner || v.supervisor || v.userIds.length > 0 || v.roleIds.length > 0, { path: ['userIds'], message: 'required' });
export type TNotifyInput = z.infer<typeof ZNotifyInput>;

/** Where a record opens in the app, for the notification's link. */
const RECORD_PATHS: Record<string, string> = { contact: '/contacts', account: '/accounts', deal: '/deals', lead: '/leads' };

const ownerOf = (actx: WorkflowActionContext) => (typeof actx.record?.values.ownerId === 'string' ? actx.record.values.ownerId : null);

/** The recipients: named members, active members of roles, the record's owner and the owner's supervisor (`supervisors` read once for a batch). */
async function recipients(actx: WorkflowActionContext, input: TNotifyInput, supervisors?: Map<string, string>): Promise<string[]> {
  const { db, workspaceId } = actx.ctx;
  const ids = new Set(input.userIds);
  const ownerId = ownerOf(actx);
  if (input.owner && ownerId) ids.add(ownerId);
  if (input.supervisor && ownerId) {
    const supervisor = (supervisors ?? (await supervisorsOf(db, workspaceId, [ownerId]))).get(ownerId);
    if (supervisor) ids.add(supervisor);
  }
  if (input.roleIds.length) {
    const m = schema.memberships;
    const rows = await db.select({ userId: m.userId }).from(m).where(and(eq(m.workspaceId, workspaceId), eq(m.status, 'active'), inArray(m.roleId, input.roleIds)));
    for (const r of rows) ids.add(r.userId);
  }
  return [...ids];
}

/** `automation.notify`: an in-app notification (and optionally an email) to members, once per step and member. */
export const notifyAction: WorkflowActionDefinition<TNotifyInput> = {
  key: 'automation.notify',
  labels: localized('发送通知', '傳送通知', 'Notify people'),
  descriptions: localized('通知成员、角色、记录负责人或其上级', '通知成員、角色、記錄負責人或其上級', 'Members, roles, the record\'s owner or the owner\'s supervisor'),
  fields: [
    { key: 'owner', kind: 'boolean', labels: localized('记录负责人', '記錄負責人', 'The record\'s owner') },
    { key: 'supervisor', kind: 'boolean', labels: localized('负责人的上级', '負責人的上級', 'The owner\'s supervisor') },
    { key: 'userIds', kind: 'users', labels: localized('成员', '成員', 'Members') },
    { key: 'roleIds', kind: 'roles', labels: localized('角色', '角色', 'Roles') },
    { key: 'title', kind: 'text', required: true, merge: true, labels: localized('标题', '標題', 'Title') },
    { key: 'body', kind: 'textarea', merge: true, labels: localized('内容', '內容', 'Message') },
    { key: 'email', kind: 'boolean', labels: localized('同时发送邮件', '同時寄送郵件', 'Also by email') },
  ],
  input: ZNotifyInput,
  async describe(actx, input) {
    const users = await usersById(actx.ctx.db, await recipients(actx, input));
    const names = [...users.values()].map((u) => u.name).join(', ');
    return { summary: translate(actx.ctx.locale, input.email ? 'automation.action.summary.notify_email' : 'automation.action.summary.notify', { names, title: await actx.merge(input.title) }), output: { userIds: [...users.keys()] } };
  },
  async run(actx, input) {
    return (await notifyAll([{ actx, input }]))[0];
  },
  runMany: (items) => notifyAll(items),
};

/** The notifications of one or many runs' steps, in one insert; mails one by one. */
async function notifyAll(items: Array<{ actx: WorkflowActionContext; input: TNotifyInput }>): Promise<Array<Record<string, unknown>>> {
  const { ctx } = items[0].actx;
  // The supervisors of every owner the batch needs, in one query.
  const owners = [...new Set(items.filter((i) => i.input.supervisor).map((i) => ownerOf(i.actx)).filter((id): id is string => Boolean(id)))];
  const supervisors = owners.length ? await supervisorsOf(ctx.db, ctx.workspaceId, owners) : new Map<string, string>();
  const planned = [];
  for (const { actx, input } of items) {
    const userIds = await recipients(actx, input, supervisors);
    const title = await actx.merge(input.title);
    const body = input.body ? await actx.merge(input.body) : '';
    const base = actx.record ? RECORD_PATHS[actx.record.object] : undefined;
    const link = base && actx.record ? `${base}/${actx.record.id}` : null;
    planned.push({ actx, input, userIds, title, body, link });
  }
  // The step's key per member: a rerun notifies and mails nobody twice.
  await notify(ctx.db, planned.map((p) => ({ workspaceId: ctx.workspaceId, userIds: p.userIds, kind: 'workflow', title: p.title, body: p.body, link: p.link, dedupeKey: `workflow:${p.actx.idempotencyKey}` })));
  const mailed = planned.filter((p) => p.input.email);
  const users = mailed.length ? await usersById(ctx.db, [...new Set(mailed.flatMap((p) => p.userIds))]) : new Map<string, { name: string; email: string }>();
  for (const p of mailed) {
    for (const userId of p.userIds) {
      const user = users.get(userId);
      if (!user) continue;
      await queueMail(ctx.db, { workspaceId: ctx.workspaceId, to: user.email, subject: p.title, text: p.body || p.title, html: `<p>${escapeHtml(p.body || p.title).replace(/\n/g, '<br>')}</p>`, dedupeKey: `workflow:${p.actx.idempotencyKey}:${userId}` });
    }
  }
  return planned.map((p) => ({ userIds: p.userIds, title: p.title }));
}
