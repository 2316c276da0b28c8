import type { Queryable } from '../db/client';
import { notifications } from '../db/schema';
import { newId } from '../ids';
import { insertRows } from '../records/insert-rows';

export interface NotifyInput {
  workspaceId: string;
  userIds: string[];
  /** What happened, for icons and filters: `member_added`, `role_changed`, `task_due`, … */
  kind: string;
  /** Already translated to each recipient's language by the caller. */
  title: string;
  body?: string;
  /** An app path to open, e.g. `/deals/0190…`. */
  link?: string | null;
  /** The same key never notifies the same user twice (e.g. the id of the event that caused it). */
  dedupeKey?: string | null;
}

/** Creates in-app notifications, inside the caller's transaction. Returns the ids created. */
export async function notify(db: Queryable, input: NotifyInput | NotifyInput[]): Promise<string[]> {
  // Many notifications (a workflow step for a batch of runs) go in one insert.
  const rows = (Array.isArray(input) ? input : [input]).flatMap((n) => [...new Set(n.userIds)].map((userId) => ({
    workspaceId: n.workspaceId,
    id: newId(),
    userId,
    kind: n.kind,
    title: n.title,
    body: n.body ?? '',
    link: n.link ?? null,
    dedupeKey: n.dedupeKey ?? null,
  })));
  if (rows.length === 0) return [];
  const inserted = await insertRows(db, notifications, rows, { onConflictDoNothing: true, returning: ['id'] });
  return inserted.map((r) => r.id);
}
