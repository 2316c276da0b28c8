import { eq } from 'drizzle-orm';
import type { Context } from '../context';
import { users } from '../db/schema';
import { AppError } from '../errors';
import { auditAuthEvent } from './audit-auth-event';
import { openSecret } from './secret-box';
import { checkTotpCode, newRecoveryCodes } from './totp';

/** Turns two-factor sign-in on once a code proves the app holds the secret; returns recovery codes, shown this once. */
export async function confirmTotp(ctx: Context, code: string): Promise<{ recoveryCodes: string[] }> {
  const userId = ctx.actor.userId;
  const rows = await ctx.db.select({ totpSecret: users.totpSecret, totpEnabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, userId)).limit(1);
  const user = rows[0];
  if (user?.totpEnabledAt) throw new AppError('totp_already_enabled');
  const secret = user?.totpSecret ? openSecret(ctx.env.VOYAGE_SECRET, user.totpSecret) : null;
  if (!secret) throw new AppError('totp_not_enrolled');
  if (!checkTotpCode(secret, code)) throw new AppError('totp_code_rejected');
  const { codes, hashes } = newRecoveryCodes();
  await ctx.database.db.transaction(async (tx) => {
    await tx.update(users).set({ totpEnabledAt: new Date(), recoveryCodes: hashes, updatedAt: new Date(), updatedBy: userId }).where(eq(users.id, userId));
    await auditAuthEvent(tx, 'all', { userId, action: 'totp_enabled', ip: ctx.ip, requestId: ctx.requestId });
  });
  return { recoveryCodes: codes };
}
