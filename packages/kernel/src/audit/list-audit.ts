import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Context } from '../context';
import { auditLog, users } from '../db/schema';
import { decodePairCursor, encodePairCursor } from '../records/pair-cursor';

export interface AuditEntryView {
  id: string;
  at: string;
  actorUserId: string | null;
  actorName: string | null;
  actorApiKeyId: string | null;
  action: string;
  object: string;
  recordId: string | null;
  summary: string | null;
  oldValues: unknown;
  newValues: unknown;
  ip: string | null;
  requestId: string | null;
}

export interface ListAuditOptions {
  actorUserId?: string;
  object?: string;
  action?: string;
  recordId?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

/**
 * Audit entries, newest first, by keyset on (at desc, id desc). The cursor keeps the
 * timestamp as PostgreSQL prints it, because a JavaScript Date would drop the microseconds
 * and skip or repeat rows written within the same millisecond.
 */
export async function listAudit(ctx: Pick<Context, 'db' | 'workspaceId' | 'locale'>, options: ListAuditOptions = {}): Promise<{ data: AuditEntryView[]; nextCursor: string | null }> {
  const limit = options.limit ?? 50;
  const where: SQL[] = [eq(auditLog.workspaceId, ctx.workspaceId)];
  if (options.actorUserId) where.push(eq(auditLog.actorUserId, options.actorUserId));
  if (options.object) where.push(eq(auditLog.object, options.object));
  if (options.action) where.push(eq(auditLog.action, options.action));
  if (options.recordId) where.push(eq(auditLog.recordId, options.recordId));
  if (options.from) where.push(gte(auditLog.at, new Date(options.from)));
  if (options.to) where.push(lt(auditLog.at, new Date(options.to)));
  if (options.cursor) {
    const [at, id] = decodePairCursor(options.cursor, ctx.locale, 'timestamp');
    where.push(sql`(${auditLog.at}, ${auditLog.id}) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await ctx.db
    .select({ entry: auditLog, atText: sql<string>`${auditLog.at}::text`, actorName: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(...where))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    data: page.map(({ entry: e, actorName }) => ({
      id: e.id,
      at: e.at.toISOString(),
      actorUserId: e.actorUserId,
      actorName,
      actorApiKeyId: e.actorApiKeyId,
      action: e.action,
      object: e.object,
      recordId: e.recordId,
      summary: e.summary,
      oldValues: e.oldValues,
      newValues: e.newValues,
      ip: e.ip,
      requestId: e.requestId,
    })),
    nextCursor: rows.length > limit && last ? encodePairCursor(last.atText, last.entry.id) : null,
  };
}

