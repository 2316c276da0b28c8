import { eq } from 'drizzle-orm';
import { users } from '../db/schema';
import { AppError } from '../errors';
import { auditAuthEvent } from './audit-auth-event';
import type { AuthDeps, RequestMeta } from './auth-request';

/** Refuses a sign-in step while the account is locked. */
export function assertNotLocked(lockedUntil: Date | null, now = new Date()): void {
  if (lockedUntil && lockedUntil > now) {
    throw new AppError('account_locked', { params: { minutes: Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 60_000)) } });
  }
}

/**
 * Counts one failed sign-in step (password or second factor) of a known account and locks it
 * for LOCKOUT_MINUTES at LOCKOUT_THRESHOLD consecutive failures. Commits on its own, so the
 * count survives the error the caller throws next.
 */
export async function recordFailedSignIn(deps: AuthDeps, userId: string, action: 'login_failed' | 'mfa_failed', meta: RequestMeta): Promise<void> {
  const { env } = deps;
  await deps.database.db.transaction(async (tx) => {
    const rows = await tx.select({ failedLogins: users.failedLogins, lockedUntil: users.lockedUntil }).from(users).where(eq(users.id, userId)).for('update');
    const row = rows[0];
    if (!row) return;
    const now = new Date();
    // A lock that has run out starts a fresh count.
    const failedLogins = (row.lockedUntil && row.lockedUntil <= now ? 0 : row.failedLogins) + 1;
    const locks = failedLogins >= env.LOCKOUT_THRESHOLD;
    const lockedUntil = locks ? new Date(now.getTime() + env.LOCKOUT_MINUTES * 60_000) : row.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
    await tx.update(users).set({ failedLogins, lockedUntil }).where(eq(users.id, userId));
    const audit = { userId, ip: meta.ip, requestId: meta.requestId };
    await auditAuthEvent(tx, 'all', { ...audit, action, newValues: { failedLogins } });
    if (locks) await auditAuthEvent(tx, 'all', { ...audit, action: 'locked_out', newValues: { minutes: env.LOCKOUT_MINUTES } });
  });
}

/** A completed sign-in clears the failure count and any expired lock. */
export async function clearFailedSignIns(deps: AuthDeps, userId: string): Promise<void> {
  await deps.database.db.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() }).where(eq(users.id, userId));
}
