import { eq } from 'drizzle-orm';
import type { Context } from '../context';
import { users } from '../db/schema';
import { AppError } from '../errors';
import { assertCurrentPassword } from './assert-current-password';
import { auditAuthEvent } from './audit-auth-event';

/** Turns two-factor sign-in off (password required); the secret and recovery codes are erased. */
export async function disableTotp(ctx: Context, password: string): Promise<void> {
  const userId = ctx.actor.userId;
  await assertCurrentPassword(ctx.db, userId, password);
  const rows = await ctx.db.select({ totpEnabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, userId)).limit(1);
  if (!rows[0]?.totpEnabledAt) throw new AppError('totp_not_enrolled');
  await ctx.database.db.transaction(async (tx) => {
    await tx.update(users).set({ totpSecret: null, totpEnabledAt: null, recoveryCodes: [], updatedAt: new Date(), updatedBy: userId }).where(eq(users.id, userId));
    await auditAuthEvent(tx, 'all', { userId, action: 'totp_disabled', ip: ctx.ip, requestId: ctx.requestId });
  });
}
