import { and, eq, inArray } from 'drizzle-orm';
import type { Context } from '@voyage/kernel';
import { recordStageChanges } from '../lifecycle/record-stage-changes';
import type { RecordKind } from '../record-kinds';
import { tableOf } from './owned-kinds';
import { recordOwnerTransfers } from './record-owner-transfers';
import { changeSource } from './track-created-records';

type Row = Record<string, unknown> & { id: string };

/**
 * Runs inside the update transaction: lifecycle history for stage changes, the transfer log
 * for owner changes made by editing the record, and the pool state that follows the owner.
 */
export async function trackUpdatedRecords(tx: Context, kind: RecordKind, before: Array<Record<string, unknown>>, after: Array<Record<string, unknown>>): Promise<void> {
  const now = new Date();
  const pairs = after.map((a, i) => ({ before: before[i] as Row, after: a as Row }));
  await recordStageChanges({ db: tx.db, workspaceId: tx.workspaceId, actorUserId: tx.actor.userId, source: changeSource(tx), at: now }, kind.object,
    pairs.map((p) => ({ recordId: p.after.id, fromStage: (p.before.lifecycleStage as string | null) ?? null, toStage: (p.after.lifecycleStage as string | null) ?? null })));
  const moved = pairs.filter((p) => p.before.ownerId !== p.after.ownerId);
  if (moved.length === 0) return;
  await recordOwnerTransfers({ db: tx.db, workspaceId: tx.workspaceId, actorUserId: tx.actor.userId, at: now }, kind.object, 'manual',
    moved.map((p) => ({ recordId: p.after.id, fromOwnerId: (p.before.ownerId as string | null) ?? null, toOwnerId: (p.after.ownerId as string | null) ?? null })));
  const t = tableOf(kind);
  const owned = moved.filter((p) => p.after.ownerId != null).map((p) => p.after.id);
  if (owned.length > 0) await tx.db.update(t).set({ poolStatus: null }).where(and(eq(t.workspaceId, tx.workspaceId), inArray(t.id, owned)));
  for (const p of moved.filter((m) => m.after.ownerId == null)) {
    await tx.db.update(t).set({ poolStatus: 'pool', poolEnteredAt: now, previousOwnerId: (p.before.ownerId as string | null) ?? null }).where(and(eq(t.workspaceId, tx.workspaceId), eq(t.id, p.after.id)));
  }
}
