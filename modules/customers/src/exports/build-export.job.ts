import { and, eq } from 'drizzle-orm';
import type { TExportRequest } from '@voyage/contracts';
import { defineJob, loadActor, type Context, type Locale, fileStorage } from '@voyage/kernel';
import { PassThrough } from 'node:stream';
import { exportsTable } from '../db/imports';
import { kindOf } from '../imports/load-import';
import { EXPORT_JOB, exportFileKey } from './export-view';
import { writeExport } from './write-export';

/** Builds a large export into a file as its requester (their scope and field rules), reporting progress. Rebuilding from scratch makes a retry safe. */
export const buildExportJob = defineJob<{ workspaceId: string; exportId: string }>({
  name: EXPORT_JOB,
  retryLimit: 2,
  expireInSeconds: 3600,
  async handler(data, job) {
    const { db } = job.database;
    const where = and(eq(exportsTable.workspaceId, data.workspaceId), eq(exportsTable.id, data.exportId));
    const [row] = await db.select().from(exportsTable).where(where);
    if (!row || row.status === 'done') return;
    const actor = row.createdBy ? await loadActor(db, data.workspaceId, row.createdBy) : null;
    if (!actor) return void (await db.update(exportsTable).set({ status: 'failed', error: 'requester is no longer a member' }).where(where));
    const ctx: Context = { env: job.env, database: job.database, db, workspaceId: data.workspaceId, actor, locale: row.locale as Locale };
    await db.update(exportsTable).set({ status: 'running', progress: 0 }).where(where);
    try {
      const stream = new PassThrough();
      const stored = fileStorage(job.env).put(exportFileKey(data.workspaceId, row.id, row.format), stream);
      const written = await writeExport(ctx, kindOf(row.object), row.query as TExportRequest, stream, async (rows) => {
        await db.update(exportsTable).set({ progress: rows }).where(where);
      });
      await stored;
      await db.update(exportsTable).set({ status: 'done', progress: written, total: written, finishedAt: new Date() }).where(where);
    } catch (error) {
      if (job.isLastAttempt) await db.update(exportsTable).set({ status: 'failed', error: error instanceof Error ? error.message : String(error) }).where(where);
      throw error;
    }
  },
});
