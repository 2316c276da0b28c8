import { eq } from 'drizzle-orm';
import type { Context } from '../context';
import { users } from '../db/schema';
import { AppError } from '../errors';
import { assertCurrentPassword } from './assert-current-password';
import { auditAuthEvent } from './audit-auth-event';
import { newRecoveryCodes } from './totp';

/** Replaces all recovery codes (password required); the old ones stop working at once. */
export async function regenerateRecoveryCodes(ctx: Context, password: string): Promise<{ recoveryCodes: string[] }> {
  const userId = ctx.actor.userId;
  await assertCurrentPassword(ctx.db, userId, password);
  const rows = await ctx.db.select({ totpEnabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, userId)).limit(1);
  if (!rows[0]?.totpEnabledAt) throw new AppError('totp_not_enrolled');
  const { codes, hashes } = newRecoveryCodes();
  await ctx.database.db.transaction(async (tx) => {
    await tx.update(users).set({ recoveryCodes: hashes, updatedAt: new Date(), updatedBy: userId }).where(eq(users.id, userId));
    await auditAuthEvent(tx, 'all', { userId, action: 'recovery_codes_regenerated', ip: ctx.ip, requestId: ctx.requestId });
  });
  return { recoveryCodes: codes };
}
