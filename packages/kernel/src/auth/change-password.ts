import { and, eq, ne } from 'drizzle-orm';
import type { Context } from '../context';
import { sessions, users } from '../db/schema';
import { hashPassword } from '../tenancy/create-workspace';
import { assertCurrentPassword } from './assert-current-password';
import { auditAuthEvent } from './audit-auth-event';

/** Changes the password after checking the current one; every other session of the person ends. */
export async function changePassword(ctx: Context, input: { currentPassword: string; newPassword: string; keepSessionId?: string }): Promise<void> {
  const userId = ctx.actor.userId;
  await assertCurrentPassword(ctx.db, userId, input.currentPassword);
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.database.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: new Date(), updatedBy: userId }).where(eq(users.id, userId));
    await tx.delete(sessions).where(input.keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, input.keepSessionId)) : eq(sessions.userId, userId));
    await auditAuthEvent(tx, 'all', { userId, action: 'password_changed', ip: ctx.ip, requestId: ctx.requestId });
  });
}
