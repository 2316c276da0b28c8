import type { Queryable } from '../db/client';
import { auditAuthEvent } from './audit-auth-event';
import type { RequestMeta } from './auth-request';
import { deleteSession } from './sessions';

/** Ends a session: the row goes, so the cookie is worthless even if it was copied. */
export async function logOut(db: Queryable, session: { id: string; userId: string; workspaceId: string | null; mfaPending: boolean }, meta: RequestMeta = {}): Promise<void> {
  await db.transaction(async (tx) => {
    await deleteSession(tx, session.id);
    if (!session.mfaPending) await auditAuthEvent(tx, session.workspaceId, { userId: session.userId, action: 'logout', ip: meta.ip, requestId: meta.requestId });
  });
}
