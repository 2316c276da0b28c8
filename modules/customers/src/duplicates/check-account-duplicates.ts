import { and, eq } from 'drizzle-orm';
import type { TAccountDuplicateCheckRequest, TDuplicateCheckResponse } from '@voyage/contracts';
import { assertCan, schema, type Context } from '@voyage/kernel';
import { accounts } from '../db/schema';
import { companyNameKey } from '../normalize/company-name';
import { loadCustomerSettings } from '../normalize/customer-settings';
import { toE164 } from '../normalize/phone';
import { accountKind } from '../record-kinds';
import { DuplicateCandidates, liveRecords, MAX_DUPLICATE_MATCHES } from './duplicate-candidates';
import { findSimilarAccounts } from './find-similar-accounts';

/**
 * Accounts the form's values may duplicate (C5): the same name once legal suffixes are
 * removed, a trigram-similar one from the workspace's threshold, or the same phone in E.164.
 */
export async function checkAccountDuplicates(ctx: Context, input: TAccountDuplicateCheckRequest): Promise<TDuplicateCheckResponse> {
  assertCan(ctx.actor, 'account', 'read');
  const settings = await loadCustomerSettings(ctx.db, ctx.workspaceId);
  const found = new DuplicateCandidates();
  if (input.name?.trim()) found.add(await findSimilarAccounts(ctx, companyNameKey(input.name), settings.duplicateNameSimilarity, input.excludeId), 'name');
  const phone = input.phone?.trim() ? toE164(input.phone, settings.phoneRegion) : null;
  if (phone) {
    const t = accounts;
    found.add(await ctx.db.select({ id: t.id, name: t.name, ownerName: schema.users.name }).from(t).leftJoin(schema.users, eq(schema.users.id, t.ownerId)).where(and(liveRecords(ctx, t, input.excludeId), eq(t.phoneE164, phone))).limit(MAX_DUPLICATE_MATCHES), 'phone');
  }
  return found.toResponse(ctx, accountKind);
}
