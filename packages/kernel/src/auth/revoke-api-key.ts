import { and, eq, isNull } from 'drizzle-orm';
import type { Context } from '../context';
import { apiKeys } from '../db/schema';
import { writeAudit } from '../audit/write-audit';
import { notFound } from '../errors';

/** Revokes an API key at once; revoking a revoked key changes nothing. */
export async function revokeApiKey(ctx: Context, id: string): Promise<void> {
  const k = apiKeys;
  await ctx.database.db.transaction(async (tx) => {
    const rows = await tx.select({ name: k.name, revokedAt: k.revokedAt }).from(k).where(and(eq(k.workspaceId, ctx.workspaceId), eq(k.id, id))).limit(1);
    if (!rows[0]) throw notFound('api_key');
    const revoked = await tx.update(k).set({ revokedAt: new Date() }).where(and(eq(k.workspaceId, ctx.workspaceId), eq(k.id, id), isNull(k.revokedAt))).returning({ id: k.id });
    if (revoked.length === 0) return;
    await writeAudit(tx, { workspaceId: ctx.workspaceId, action: 'api_key_revoked', object: 'api_key', recordId: id, summary: rows[0].name, actorUserId: ctx.actor.userId, ip: ctx.ip, requestId: ctx.requestId });
  });
}
