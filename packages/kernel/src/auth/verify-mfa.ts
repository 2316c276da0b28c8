import { and, eq, sql } from 'drizzle-orm';
import { sessions, users } from '../db/schema';
import { AppError } from '../errors';
import { auditAuthEvent } from './audit-auth-event';
import type { AuthDeps, RequestMeta } from './auth-request';
import { assertNotLocked, clearFailedSignIns, recordFailedSignIn } from './record-failed-sign-in';
import { openSecret } from './secret-box';
import { hashRecoveryCode, matchTotpStep } from './totp';

export interface PendingSession {
  id: string;
  userId: string;
  workspaceId: string | null;
  mfaPending: boolean;
}

/**
 * Completes a two-factor sign-in with an authenticator code or a one-time recovery code.
 * Failures count towards the account lockout, so codes cannot be guessed at leisure.
 */
export async function verifyMfa(deps: AuthDeps, session: PendingSession, code: string, meta: RequestMeta = {}): Promise<{ method: 'totp' | 'recovery_code' }> {
  const { db } = deps.database;
  if (!session.mfaPending) throw new AppError('conflict');
  const rows = await db.select({ totpSecret: users.totpSecret, totpEnabledAt: users.totpEnabledAt, lockedUntil: users.lockedUntil }).from(users).where(eq(users.id, session.userId)).limit(1);
  const user = rows[0];
  if (!user?.totpSecret || !user.totpEnabledAt) throw new AppError('totp_not_enrolled');
  assertNotLocked(user.lockedUntil);
  const secret = openSecret(deps.env.VOYAGE_SECRET, user.totpSecret);
  const method = await db.transaction(async (tx) => {
    let used: 'totp' | 'recovery_code' | null = null;
    const step = secret ? matchTotpStep(secret, code) : null;
    if (step !== null) {
      // A code is spent once accepted: only a later step than the last one signs in (no replay).
      const fresh = await tx.update(users).set({ totpLastStep: step })
        .where(and(eq(users.id, session.userId), sql`(${users.totpLastStep} is null or ${users.totpLastStep} < ${step})`))
        .returning({ id: users.id });
      if (fresh.length > 0) used = 'totp';
    }
    if (!used) {
      const hash = hashRecoveryCode(code);
      // Removing the code in the same statement that finds it makes each code work once, even under concurrent attempts.
      const spent = await tx
        .update(users)
        .set({ recoveryCodes: sql`${users.recoveryCodes} - ${hash}::text` })
        .where(and(eq(users.id, session.userId), sql`${users.recoveryCodes} @> ${JSON.stringify([hash])}::jsonb`))
        .returning({ id: users.id });
      if (spent.length > 0) used = 'recovery_code';
    }
    if (!used) return null;
    await tx.update(sessions).set({ mfaPending: false }).where(eq(sessions.id, session.id));
    const audit = { userId: session.userId, ip: meta.ip, requestId: meta.requestId };
    await auditAuthEvent(tx, session.workspaceId, { ...audit, action: 'mfa_verified', newValues: { method: used } });
    await auditAuthEvent(tx, session.workspaceId, { ...audit, action: 'login' });
    return used;
  });
  if (!method) {
    await recordFailedSignIn(deps, session.userId, 'mfa_failed', meta);
    throw new AppError('invalid_mfa_code');
  }
  await clearFailedSignIns(deps, session.userId);
  return { method };
}
