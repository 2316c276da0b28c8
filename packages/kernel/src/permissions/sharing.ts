import { and, eq, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Context } from '../context';
import { departments, memberships, recordShares, users } from '../db/schema';
import { AppError, notFound, validationError } from '../errors';
import { writeAudit } from '../audit/write-audit';
import { emitEvents } from '../events/outbox';
import { newId } from '../ids';
import { translate } from '../i18n/translate';
import { scopedWhere, type ScopedTable } from './data-scope';

export interface ShareView {
  id: string;
  object: string;
  recordId: string;
  userId: string | null;
  userName: string | null;
  departmentId: string | null;
  departmentName: string | null;
  access: 'read' | 'edit';
  createdAt: string;
  createdBy: string | null;
}

export interface ShareRecordInput {
  object: string;
  table: ScopedTable;
  recordId: string;
  userId?: string;
  departmentId?: string;
  access: 'read' | 'edit';
}

async function recordVisible(ctx: Context, table: ScopedTable, object: string, recordId: string, access: 'read' | 'update'): Promise<boolean> {
  const where = await scopedWhere(ctx, table, object, { access });
  const rows = await ctx.db.select({ id: table.id }).from(table.id.table as PgTable).where(and(where, eq(table.id, recordId))).limit(1);
  return rows.length > 0;
}

/**
 * Only someone who may edit a record may share it. A record the actor cannot see answers 404,
 * so its existence is not revealed; one the actor can see but not edit answers 403.
 */
async function assertMayShare(ctx: Context, table: ScopedTable, object: string, recordId: string): Promise<void> {
  if (await recordVisible(ctx, table, object, recordId, 'update')) return;
  const readable = await recordVisible(ctx, table, object, recordId, 'read').catch(() => false);
  if (readable) throw new AppError('forbidden', { params: { action: `${object}.share` } });
  throw notFound(object);
}

async function shareViews(ctx: Context, where: ReturnType<typeof and>): Promise<ShareView[]> {
  const rows = await ctx.db
    .select({ share: recordShares, userName: users.name, departmentName: departments.name })
    .from(recordShares)
    .leftJoin(users, eq(users.id, recordShares.userId))
    .leftJoin(departments, and(eq(departments.workspaceId, recordShares.workspaceId), eq(departments.id, recordShares.departmentId)))
    .where(where)
    .orderBy(recordShares.createdAt, recordShares.id);
  return rows.map(({ share: s, userName, departmentName }) => ({
    id: s.id,
    object: s.object,
    recordId: s.recordId,
    userId: s.userId,
    userName,
    departmentId: s.departmentId,
    departmentName,
    access: s.access === 'edit' ? 'edit' : 'read',
    createdAt: s.createdAt.toISOString(),
    createdBy: s.createdBy,
  }));
}

/** Who a record is shared with. Anyone who can see the record may ask. */
export async function listRecordShares(ctx: Context, input: { object: string; table: ScopedTable; recordId: string }): Promise<ShareView[]> {
  if (!(await recordVisible(ctx, input.table, input.object, input.recordId, 'read'))) throw notFound(input.object);
  return shareViews(ctx, and(eq(recordShares.workspaceId, ctx.workspaceId), eq(recordShares.object, input.object), eq(recordShares.recordId, input.recordId)));
}

/** Shares a record with a member or a department. Sharing again with the same target changes its access. */
export async function shareRecord(ctx: Context, input: ShareRecordInput): Promise<ShareView> {
  const { workspaceId, actor } = ctx;
  const field = (name: string, code: string, key = `field.${code}`) => ({ field: name, code, message: translate(ctx.locale, key, { field: name }) });
  if (Boolean(input.userId) === Boolean(input.departmentId)) throw validationError([field(input.userId ? 'departmentId' : 'userId', 'required')]);
  const shareId = await ctx.database.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    await assertMayShare(txCtx, input.table, input.object, input.recordId);
    if (input.userId) {
      const member = await tx.select({ status: memberships.status }).from(memberships).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, input.userId)));
      if (member[0]?.status !== 'active') throw validationError([field('userId', 'not_found')]);
    } else {
      const dept = await tx.select({ id: departments.id }).from(departments).where(and(eq(departments.workspaceId, workspaceId), eq(departments.id, input.departmentId!), sql`${departments.deletedAt} is null`));
      if (!dept[0]) throw validationError([field('departmentId', 'not_found')]);
    }
    const target = input.userId ? eq(recordShares.userId, input.userId) : eq(recordShares.departmentId, input.departmentId!);
    const existing = await tx.select().from(recordShares).where(and(eq(recordShares.workspaceId, workspaceId), eq(recordShares.object, input.object), eq(recordShares.recordId, input.recordId), target)).for('update');
    const values = { userId: input.userId ?? null, departmentId: input.departmentId ?? null, access: input.access };
    let id = existing[0]?.id;
    if (id) {
      if (existing[0].access === input.access) return id;
      await tx.update(recordShares).set({ access: input.access }).where(and(eq(recordShares.workspaceId, workspaceId), eq(recordShares.id, id)));
    } else {
      id = newId();
      await tx.insert(recordShares).values({ workspaceId, id, object: input.object, recordId: input.recordId, ...values, createdBy: actor.userId });
    }
    await writeAudit(tx, { workspaceId, action: 'permission_change', object: input.object, recordId: input.recordId, summary: 'share', oldValues: existing[0] ? { ...values, access: existing[0].access } : null, newValues: values, actorUserId: actor.userId, actorApiKeyId: actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId });
    await emitEvents(tx, { workspaceId, event: 'platform.record.shared', payload: { shareId: id, object: input.object, recordId: input.recordId, ...values }, actorUserId: actor.userId });
    return id;
  });
  return (await shareViews({ ...ctx, db: ctx.database.db }, and(eq(recordShares.workspaceId, workspaceId), eq(recordShares.id, shareId))))[0];
}

/** Withdraws a share. `tableFor` finds the record table of the share's object. */
export async function unshareRecord(ctx: Context, input: { shareId: string; tableFor: (object: string) => ScopedTable | undefined }): Promise<void> {
  const { workspaceId, actor } = ctx;
  await ctx.database.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const rows = await tx.select().from(recordShares).where(and(eq(recordShares.workspaceId, workspaceId), eq(recordShares.id, input.shareId)));
    const share = rows[0];
    const table = share && input.tableFor(share.object);
    if (!share || !table) throw notFound('share');
    await assertMayShare(txCtx, table, share.object, share.recordId);
    await tx.delete(recordShares).where(and(eq(recordShares.workspaceId, workspaceId), eq(recordShares.id, share.id)));
    const oldValues = { userId: share.userId, departmentId: share.departmentId, access: share.access };
    await writeAudit(tx, { workspaceId, action: 'permission_change', object: share.object, recordId: share.recordId, summary: 'unshare', oldValues, newValues: null, actorUserId: actor.userId, actorApiKeyId: actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId });
    await emitEvents(tx, { workspaceId, event: 'platform.record.unshared', payload: { shareId: share.id, object: share.object, recordId: share.recordId, ...oldValues }, actorUserId: actor.userId });
  });
}
