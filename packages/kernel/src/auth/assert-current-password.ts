import { eq } from 'drizzle-orm';
import type { Queryable } from '../db/client';
import { users } from '../db/schema';
import { AppError } from '../errors';
import { verifyPassword } from './passwords';

/** Sensitive account changes ask for the password again, so an unattended session cannot make them. */
export async function assertCurrentPassword(db: Queryable, userId: string, password: string): Promise<void> {
  const rows = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).limit(1);
  if (!(await verifyPassword(rows[0]?.passwordHash ?? null, password))) throw new AppError('invalid_password');
}
