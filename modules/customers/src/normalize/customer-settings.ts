import { eq } from 'drizzle-orm';
import { schema, type Queryable } from '@voyage/kernel';

/** Default of the name similarity (pg_trgm, 0–1) from which two records count as duplicates. */
export const DUPLICATE_NAME_SIMILARITY_DEFAULT = 0.6;

export interface CustomerSettings {
  /** Region for phone numbers typed without a country code (workspaces.default_phone_region). */
  phoneRegion: string;
  /** workspaces.settings.customers.duplicateNameSimilarity, else the default. */
  duplicateNameSimilarity: number;
}

/** The workspace settings that normalisation and duplicate checks read. */
export async function loadCustomerSettings(db: Queryable, workspaceId: string): Promise<CustomerSettings> {
  const w = schema.workspaces;
  const [row] = await db.select({ region: w.defaultPhoneRegion, settings: w.settings }).from(w).where(eq(w.id, workspaceId));
  const configured = (row?.settings as { customers?: { duplicateNameSimilarity?: unknown } } | undefined)?.customers?.duplicateNameSimilarity;
  const similarity = typeof configured === 'number' && configured > 0 && configured <= 1 ? configured : DUPLICATE_NAME_SIMILARITY_DEFAULT;
  return { phoneRegion: row?.region ?? 'CN', duplicateNameSimilarity: similarity };
}
