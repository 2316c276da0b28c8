import { desc, eq } from 'drizzle-orm';
import type { Context } from '../context';
import { apiKeys } from '../db/schema';
import type { ApiKeySummary } from './create-api-key';

/** Every API key of the workspace, newest first, without the key itself. */
export async function listApiKeys(ctx: Context): Promise<ApiKeySummary[]> {
  const k = apiKeys;
  return ctx.db
    .select({ id: k.id, name: k.name, prefix: k.prefix, scopes: k.scopes, userId: k.userId, createdAt: k.createdAt, expiresAt: k.expiresAt, lastUsedAt: k.lastUsedAt, revokedAt: k.revokedAt })
    .from(k)
    .where(eq(k.workspaceId, ctx.workspaceId))
    .orderBy(desc(k.createdAt), desc(k.id));
}
