import { and, eq, gt, isNull } from 'drizzle-orm';
import { passwordResets, sessions, users } from '../db/schema';
import { AppError } from '../errors';
import { hashPassword } from '../tenancy/create-workspace';
import { auditAuthEvent } from './audit-auth-event';
import type { AuthDeps, RequestMeta } from './auth-request';
import { sha256 } from './tokens';

/**
 * Sets a new password from an emailed reset token. The token works once; every session of the
 * user ends (whoever had the old password is signed out) and a lockout is lifted.
 */
export async function confirmPasswordReset(deps: AuthDeps, token: string, password: string, meta: RequestMeta = {}): Promise<void> {
  const passwordHash = await hashPassword(password);
  const now = new Date();
  const done = await deps.database.db.transaction(async (tx) => {
    const spent = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.id, sha256(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
      .returning({ userId: passwordResets.userId });
    const userId = spent[0]?.userId;
    if (!userId) return false;
    await tx.update(users).set({ passwordHash, failedLogins: 0, lockedUntil: null, updatedAt: now }).where(eq(users.id, userId));
    // Other links sent before this one stop working too.
    await tx.update(passwordResets).set({ usedAt: now }).where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await auditAuthEvent(tx, 'all', { userId, action: 'password_reset', ip: meta.ip, requestId: meta.requestId });
    return true;
  });
  if (!done) throw new AppError('invalid_token');
}
