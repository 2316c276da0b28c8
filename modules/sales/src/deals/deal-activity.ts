import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '@voyage/kernel';
import { deals } from '../db/pipelines';

/**
 * The columns a write sets when something happens on a deal: the activity time "stalled since"
 * is measured from (the trigger on deals moves `stalled_at` with it, so a new idle spell
 * starts the stalled-deal workflow again).
 */
export function dealActivity(at: Date) {
  return { lastActivityAt: at };
}

/** Records activity on deals touched by another write (a task, a stakeholder, a competitor). */
export async function touchDeals(db: Queryable, workspaceId: string, dealIds: string[], at: Date = new Date()): Promise<void> {
  if (dealIds.length === 0) return;
  await db.update(deals).set(dealActivity(at)).where(and(eq(deals.workspaceId, workspaceId), inArray(deals.id, [...new Set(dealIds)])));
}
