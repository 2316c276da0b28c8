import { and, desc, eq, gt, inArray } from 'drizzle-orm';
import { defineJob, newId, schema, type Database } from '@voyage/kernel';
import { duplicateScans } from '../../db/duplicates';
import { runDuplicateScan } from './run-duplicate-scan';

export const DUPLICATE_SCAN_JOB = 'customers.duplicate-scan';

/** A workspace's records are scanned again once the last scan is older than this. */
const RESCAN_AFTER_MS = 24 * 3600 * 1000;
const OBJECTS = ['contact', 'account'] as const;

/**
 * The duplicate finder (C5). A job with a scan id runs that scan (asked for from the review
 * page); the daily sweep sends an empty job, which scans every workspace whose last scan of
 * an object is a day old, so the review queue fills without anyone asking.
 */
export const duplicateScanJob = defineJob<{ workspaceId?: string; scanId?: string }>({
  name: DUPLICATE_SCAN_JOB,
  retryLimit: 2,
  expireInSeconds: 3600,
  sweep: { everySeconds: 3600, due: async ({ database }) => (await workspacesDue(database)).length > 0 },
  async handler(data, job) {
    if (data.workspaceId && data.scanId) return runDuplicateScan(job.database, data.workspaceId, data.scanId);
    for (const due of await workspacesDue(job.database)) {
      const id = newId();
      await job.database.db.insert(duplicateScans).values({ workspaceId: due.workspaceId, id, object: due.object, status: 'queued' });
      await runDuplicateScan(job.database, due.workspaceId, id);
    }
  },
});

/** (workspace, object) pairs without a scan in the last day and with none under way. */
async function workspacesDue(database: Database): Promise<Array<{ workspaceId: string; object: (typeof OBJECTS)[number] }>> {
  const { db } = database;
  const workspaces = await db.select({ id: schema.workspaces.id }).from(schema.workspaces);
  const recent = await db.selectDistinct({ workspaceId: duplicateScans.workspaceId, object: duplicateScans.object }).from(duplicateScans)
    .where(gt(duplicateScans.createdAt, new Date(Date.now() - RESCAN_AFTER_MS)));
  const busy = await db.selectDistinct({ workspaceId: duplicateScans.workspaceId, object: duplicateScans.object }).from(duplicateScans)
    .where(inArray(duplicateScans.status, ['queued', 'running']));
  const skip = new Set([...recent, ...busy].map((r) => `${r.workspaceId}|${r.object}`));
  return workspaces.flatMap((w) => OBJECTS.filter((o) => !skip.has(`${w.id}|${o}`)).map((object) => ({ workspaceId: w.id, object })));
}

/** The newest scan of an object in a workspace. */
export async function latestScan(database: Database, workspaceId: string, object: string) {
  const [row] = await database.db.select().from(duplicateScans)
    .where(and(eq(duplicateScans.workspaceId, workspaceId), eq(duplicateScans.object, object)))
    .orderBy(desc(duplicateScans.createdAt)).limit(1);
  return row;
}
