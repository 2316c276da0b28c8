import { eq } from 'drizzle-orm';
import type { Context } from '../context';
import { users } from '../db/schema';
import { AppError } from '../errors';
import { sealSecret } from './secret-box';
import { newTotpSecret } from './totp';

/**
 * Starts two-factor enrollment: a new secret is stored, unconfirmed, until `confirmTotp`
 * receives a code from it. Enrolling again before confirming replaces the secret.
 */
export async function enrollTotp(ctx: Context): Promise<{ secret: string; otpauthUrl: string }> {
  const rows = await ctx.db.select({ totpEnabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, ctx.actor.userId)).limit(1);
  if (rows[0]?.totpEnabledAt) throw new AppError('totp_already_enabled');
  const created = newTotpSecret(ctx.actor.email);
  await ctx.db.update(users).set({ totpSecret: sealSecret(ctx.env.VOYAGE_SECRET, created.secret) }).where(eq(users.id, ctx.actor.userId));
  return created;
}
