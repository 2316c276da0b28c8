import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Context } from '../context';
import { auditLog, users } from '../db/schema';
import { validationError } from '../errors';
import { translate } from '../i18n/translate';

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
    const [at, id] = decodeCursor(options.cursor, ctx.locale);
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
    nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify([last.atText, last.entry.id])).toString('base64url') : null,
  };
}

function decodeCursor(cursor: string, locale: Context['locale']): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d{1,6})?([+-]\d\d(:?\d\d)?|Z)$/.test(String(value[0])) && /^[0-9a-f-]{36}$/i.test(String(value[1]))) return value as [string, string];
  } catch {
    // reported below
  }
  throw validationError([{ field: 'query.cursor', code: 'invalid', message: translate(locale, 'field.invalid', { field: 'query.cursor' }) }]);
}
