import { and, eq, inArray } from 'drizzle-orm';
import type { Context } from '@voyage/kernel';
import { recordStageChanges } from '../lifecycle/record-stage-changes';
import type { RecordKind } from '../record-kinds';
import { applyAssignmentRules } from './apply-assignment-rules';
import { tableOf } from './owned-kinds';

type Row = Record<string, unknown> & { id: string };

/** Where a change came from, for the lifecycle history. */
export const changeSource = (ctx: Context): string => (ctx.actor.apiKey ? 'api' : 'app');

/**
 * Runs inside the create transaction, after the insert: owners from assignment rules for
 * rows created without one, the first lifecycle history entry, and ownerless rows into the
 * public pool. Returns the rows as they now stand.
 */
export async function trackCreatedRecords(tx: Context, kind: RecordKind, inserted: Array<Record<string, unknown>>, inputs: Array<Record<string, unknown>>): Promise<Array<Record<string, unknown>>> {
  const now = new Date();
  let rows = inserted as Row[];
  const unowned = new Set(rows.filter((_, i) => inputs[i]?.ownerId === undefined).map((r) => r.id));
  if (unowned.size > 0) {
    const assigned = await applyAssignmentRules(tx, kind, rows.filter((r) => unowned.has(r.id)), now);
    const byId = new Map(assigned.map((r) => [r.id, r]));
    rows = rows.map((r) => byId.get(r.id) ?? r);
  }
  await recordStageChanges({ db: tx.db, workspaceId: tx.workspaceId, actorUserId: tx.actor.userId, source: changeSource(tx), at: now }, kind.object,
    rows.filter((r) => r.lifecycleStage != null).map((r) => ({ recordId: r.id, fromStage: null, toStage: r.lifecycleStage as string })));
  const toPool = rows.filter((r) => r.ownerId == null).map((r) => r.id);
  if (toPool.length > 0) {
    const t = tableOf(kind);
    const pooled = await tx.db.update(t).set({ poolStatus: 'pool', poolEnteredAt: now }).where(and(eq(t.workspaceId, tx.workspaceId), inArray(t.id, toPool))).returning();
    const byId = new Map(pooled.map((r) => [r.id, r as Row]));
    rows = rows.map((r) => byId.get(r.id) ?? r);
  }
  return rows;
}
