import { and, desc, eq, inArray } from 'drizzle-orm';
import type { TDuplicateScan, TDuplicateScanRequest } from '@voyage/contracts';
import { assertCan, newId, notFound, type Context, type JobSender } from '@voyage/kernel';
import { duplicateScans } from '../../db/duplicates';
import { DUPLICATE_SCAN_JOB } from './duplicate-scan.job';

type ScanRow = typeof duplicateScans.$inferSelect;

export function toScanView(row: ScanRow): TDuplicateScan {
  return {
    id: row.id, object: row.object as TDuplicateScan['object'], status: row.status as TDuplicateScan['status'], progress: row.progress, found: row.found, added: row.added, error: row.error,
    createdAt: row.createdAt.toISOString(), startedAt: row.startedAt?.toISOString() ?? null, finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/**
 * Queues a scan of the workspace's records of one object. Whoever may edit those records
 * may ask; a scan already queued or running is returned instead of a second one.
 */
export async function startDuplicateScan(ctx: Context, input: TDuplicateScanRequest, send: JobSender): Promise<TDuplicateScan> {
  assertCan(ctx.actor, input.object, 'update');
  const t = duplicateScans;
  const [busy] = await ctx.db.select().from(t)
    .where(and(eq(t.workspaceId, ctx.workspaceId), eq(t.object, input.object), inArray(t.status, ['queued', 'running'])))
    .orderBy(desc(t.createdAt)).limit(1);
  if (busy) return toScanView(busy);
  const id = newId();
  const [row] = await ctx.db.insert(t).values({ workspaceId: ctx.workspaceId, id, object: input.object, status: 'queued', requestedBy: ctx.actor.userId }).returning();
  await send(DUPLICATE_SCAN_JOB, { workspaceId: ctx.workspaceId, scanId: id }, { id });
  return toScanView(row);
}

export async function getDuplicateScan(ctx: Context, id: string): Promise<TDuplicateScan> {
  const [row] = await ctx.db.select().from(duplicateScans).where(and(eq(duplicateScans.workspaceId, ctx.workspaceId), eq(duplicateScans.id, id)));
  if (!row) throw notFound('duplicate_scan');
  assertCan(ctx.actor, row.object, 'read');
  return toScanView(row);
}
