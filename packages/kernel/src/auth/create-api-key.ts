import type { Context } from '../context';
import { apiKeys } from '../db/schema';
import { writeAudit } from '../audit/write-audit';
import { AppError, validationError } from '../errors';
import { newId } from '../ids';
import { translate } from '../i18n/translate';
import { AUTH_SETTINGS } from './auth-settings';
import { randomToken, sha256 } from './tokens';

export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  userId: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/**
 * Creates an API key that acts as the creating user, capped by that user's role and by its
 * scopes. The full key is returned this once; only its SHA-256 is stored. Its form
 * `vk_<workspace hex>_<secret>` names the workspace so the lookup uses the workspace index.
 */
export async function createApiKey(ctx: Context, input: { name: string; scopes: string[]; expiresAt?: Date }): Promise<{ key: string; apiKey: ApiKeySummary }> {
  if (input.expiresAt && input.expiresAt <= new Date()) {
    throw validationError([{ field: 'expiresAt', code: 'too_small', message: translate(ctx.locale, 'field.in_future', { field: 'expiresAt' }) }]);
  }
  if (ctx.actor.apiKey) throw new AppError('forbidden', { params: { action: 'api_key' } });
  const secret = randomToken(32);
  const key = `vk_${ctx.workspaceId.replace(/-/g, '')}_${secret}`;
  // The start of every key of a workspace is the same, so lists show the first characters of the secret instead.
  const prefix = `vk_…_${secret.slice(0, AUTH_SETTINGS.apiKeyPrefixLength)}`;
  const id = newId();
  const scopes = [...new Set(input.scopes)];
  const rows = await ctx.database.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(apiKeys)
      .values({ workspaceId: ctx.workspaceId, id, name: input.name, prefix, keyHash: sha256(key), scopes, userId: ctx.actor.userId, expiresAt: input.expiresAt ?? null, createdBy: ctx.actor.userId })
      .returning();
    await writeAudit(tx, { workspaceId: ctx.workspaceId, action: 'api_key_created', object: 'api_key', recordId: id, summary: input.name, newValues: { name: input.name, prefix, scopes, expiresAt: input.expiresAt?.toISOString() ?? null }, actorUserId: ctx.actor.userId, ip: ctx.ip, requestId: ctx.requestId });
    return inserted;
  });
  const row = rows[0];
  return { key, apiKey: { id: row.id, name: row.name, prefix: row.prefix, scopes: row.scopes, userId: row.userId, createdAt: row.createdAt, expiresAt: row.expiresAt, lastUsedAt: row.lastUsedAt, revokedAt: row.revokedAt } };
}
