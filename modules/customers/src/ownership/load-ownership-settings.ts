import { eq } from 'drizzle-orm';
import { schema, type Queryable } from '@voyage/kernel';
import { ZOwnershipSettings, type TOwnershipSettings } from '@voyage/contracts';

/**
 * Defaults of the public pool rules. The seeds name no numbers for 公海, so these follow
 * common practice in Chinese CRMs: 30/15/7 days without follow-up for levels A/B/C, a
 * warning 3 days ahead, 10 claims a day, and 7 days before a released record's previous
 * owner may claim it again.
 */
export const OWNERSHIP_SETTINGS_DEFAULTS: TOwnershipSettings = {
  poolVisibleRoleIds: null,
  claimDailyLimit: 10,
  cooldownDays: 7,
  warnDaysBefore: 3,
  reclaimEnabled: true,
  noDealRuleEnabled: false,
  defaultLevel: 'C',
  levels: [
    { key: 'A', noFollowUpDays: 30, noDealDays: 90, maxOwned: 50, exempt: false },
    { key: 'B', noFollowUpDays: 15, noDealDays: 60, maxOwned: 100, exempt: false },
    { key: 'C', noFollowUpDays: 7, noDealDays: 30, maxOwned: 200, exempt: false },
  ],
  exemptTags: [],
};

/** Key of these settings inside workspaces.settings. */
export const OWNERSHIP_SETTINGS_KEY = 'customersOwnership';

/** The workspace's pool settings, each missing or invalid value replaced by its default. */
export async function loadOwnershipSettings(db: Queryable, workspaceId: string): Promise<TOwnershipSettings> {
  const [row] = await db.select({ settings: schema.workspaces.settings }).from(schema.workspaces).where(eq(schema.workspaces.id, workspaceId));
  const stored = ((row?.settings ?? {}) as Record<string, unknown>)[OWNERSHIP_SETTINGS_KEY];
  const merged = { ...OWNERSHIP_SETTINGS_DEFAULTS, ...(stored && typeof stored === 'object' ? stored : {}) };
  const parsed = ZOwnershipSettings.safeParse(merged);
  return parsed.success ? parsed.data : OWNERSHIP_SETTINGS_DEFAULTS;
}

/** The rule of a customer level; an unknown or missing level counts as the default level. */
export function levelRule(settings: TOwnershipSettings, level: string | null | undefined): TOwnershipSettings['levels'][number] {
  return settings.levels.find((l) => l.key === level) ?? settings.levels.find((l) => l.key === settings.defaultLevel) ?? settings.levels[0];
}
