import { sql } from 'drizzle-orm';
import { AppError, assertCapability, schema, translate, writeAudit, type Context } from '@voyage/kernel';
import type { TOwnershipSettingsResponse, TUpdateOwnershipSettingsRequest } from '@voyage/contracts';
import { loadOwnershipSettings, OWNERSHIP_SETTINGS_KEY } from './load-ownership-settings';
import { dealRuleAvailable } from './reclaim-stale-records';

/** The capability that guards ownership settings and assignment rules (see docs/DECISIONS.md). */
export const OWNERSHIP_SETTINGS_CAPABILITY = 'settings.custom_fields';

/** The settings, and whether the no-deal rule can run here (the sales module provides deals and is on). */
export async function getOwnershipSettings(ctx: Context): Promise<TOwnershipSettingsResponse> {
  return { ...(await loadOwnershipSettings(ctx.db, ctx.workspaceId)), noDealRuleAvailable: await dealRuleAvailable(ctx.db, ctx.workspaceId) };
}

/** Merges changed pool settings into workspaces.settings without touching other modules' keys. */
export async function updateOwnershipSettings(ctx: Context, input: TUpdateOwnershipSettingsRequest): Promise<TOwnershipSettingsResponse> {
  assertCapability(ctx.actor, OWNERSHIP_SETTINGS_CAPABILITY);
  if (input.noDealRuleEnabled === true && !(await dealRuleAvailable(ctx.db, ctx.workspaceId))) {
    const field = 'noDealRuleEnabled';
    throw new AppError('validation_failed', { details: { fields: [{ field, code: 'unavailable', message: translate(ctx.locale, 'customers.ownership.no_deal_unavailable', { field }) }] } });
  }
  await ctx.database.db.transaction(async (tx) => {
    const before = await loadOwnershipSettings(tx, ctx.workspaceId);
    const after = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
    const w = schema.workspaces;
    await tx.update(w).set({ settings: sql`jsonb_set(coalesce(${w.settings}, '{}'::jsonb), ${`{${OWNERSHIP_SETTINGS_KEY}}`}::text[], ${JSON.stringify(after)}::jsonb)` }).where(sql`${w.id} = ${ctx.workspaceId}`);
    await writeAudit(tx, { workspaceId: ctx.workspaceId, action: 'update', object: 'ownership_settings', summary: 'ownership settings', oldValues: before, newValues: after, actorUserId: ctx.actor.userId, actorApiKeyId: ctx.actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId });
  });
  return getOwnershipSettings(ctx);
}
