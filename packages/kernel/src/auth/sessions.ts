import { eq } from 'drizzle-orm';
import type { Queryable } from '../db/client';
import { sessions } from '../db/schema';
import { randomToken, sha256 } from './tokens';

export interface NewSession {
  userId: string;
  workspaceId: string | null;
  mfaPending?: boolean;
  ip?: string;
  userAgent?: string;
  hours: number;
}

/** Creates a session; returns the cookie token (only its hash is stored) and the CSRF token. */
export async function createSession(db: Queryable, input: NewSession): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomToken(32);
  const csrfToken = randomToken(24);
  const expiresAt = new Date(Date.now() + input.hours * 3600_000);
  await db.insert(sessions).values({
    id: sha256(token),
    userId: input.userId,
    workspaceId: input.workspaceId,
    csrfToken,
    mfaPending: input.mfaPending ?? false,
    ip: input.ip ?? null,
    userAgent: input.userAgent?.slice(0, 500) ?? null,
    expiresAt,
  });
  return { token, csrfToken, expiresAt };
}

export async function deleteSession(db: Queryable, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}
