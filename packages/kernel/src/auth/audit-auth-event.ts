import type { Queryable } from '../db/client';
import { writeAudit } from '../audit/write-audit';
import { listUserWorkspaces } from './user-workspaces';

export interface AuthEvent {
  userId: string;
  action: string;
  summary?: string;
  newValues?: Record<string, unknown>;
  actorApiKeyId?: string | null;
  ip?: string | null;
  requestId?: string | null;
  recordId?: string | null;
}

/**
 * Writes an `auth` audit row. Events about the person (a password or two-factor change, a
 * failed sign-in) go to every workspace they belong to, because each workspace's admins answer
 * for the account's security; events of one sign-in go to that workspace only.
 */
export async function auditAuthEvent(db: Queryable, workspace: string | null | 'all', event: AuthEvent): Promise<void> {
  const ids = workspace === 'all' ? (await listUserWorkspaces(db, event.userId)).map((w) => w.id) : workspace ? [workspace] : [];
  await writeAudit(
    db,
    ids.map((workspaceId) => ({
      workspaceId,
      action: event.action,
      object: 'auth',
      recordId: event.recordId ?? event.userId,
      summary: event.summary ?? null,
      newValues: event.newValues ?? null,
      actorUserId: event.userId,
      actorApiKeyId: event.actorApiKeyId ?? null,
      ip: event.ip ?? null,
      requestId: event.requestId ?? null,
    })),
  );
}
