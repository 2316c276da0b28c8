import { and, eq, sql } from 'drizzle-orm';
import { IMPORT_EVENTS } from '@voyage/contracts';
import { defineJob, emitEvents, loadActor, writeAudit, type Context, type Locale, type Tx, fileStorage } from '@voyage/kernel';
import { imports } from '../db/imports';
import { importBatches } from './import-batches';
import { kindOf, planSettingsOf, type ImportRecord } from './load-import';
import { NO_PENDING, pendingOf, planImportBatch } from './plan-import-batch';
import { IMPORT_RUN_JOB } from './start-import-run';
import { writeImportBatch } from './write-import-batch';

/**
 * Runs an import batch by batch, each batch in its own transaction with the import's
 * counters, as the importer (their rights and data scope). A retried job resumes after the
 * last committed batch, so no row is imported twice.
 *
 * Batches are written one after another, but the next batch is read and planned (parsing,
 * validation, lookups) while the previous one is being written: the database and Node work at
 * the same time. The batch in flight passes its keys on (PendingKeys), so a row repeating one
 * of them is still skipped as a duplicate before that batch commits. With `update` handling the
 * batches do not overlap (see below).
 */
export const runImportJob = defineJob<{ workspaceId: string; importId: string }>({
  name: IMPORT_RUN_JOB,
  retryLimit: 3,
  expireInSeconds: 3600,
  async handler(data, job) {
    const { db } = job.database;
    const find = async () => (await db.select().from(imports).where(and(eq(imports.workspaceId, data.workspaceId), eq(imports.id, data.importId))))[0];
    let current = await find();
    if (!current || current.status !== 'running') return;
    const actor = current.createdBy ? await loadActor(db, data.workspaceId, current.createdBy) : null;
    const fail = (error: string) => db.update(imports).set({ status: 'failed', error, updatedAt: new Date(), finishedAt: new Date() }).where(and(eq(imports.workspaceId, data.workspaceId), eq(imports.id, data.importId)));
    if (!actor) return void (await fail('importer is no longer a member'));
    const ctx: Context = { env: job.env, database: job.database, db, workspaceId: data.workspaceId, actor, locale: current.locale as Locale };
    try {
      const kind = kindOf(current.object);
      const settings = await planSettingsOf(ctx, current);
      let processed = current.processed;
      let pending = NO_PENDING;
      let writing: Promise<void> = Promise.resolve();
      const overlap = settings.options.duplicates !== 'update';
      try {
        for await (const batch of importBatches(fileStorage(job.env), current, processed)) {
          // With updates, a row may match a record the batch in flight creates or updates; it is
          // planned once that batch is written, so it updates the record as a later batch would.
          if (!overlap) await writing;
          const planned = await planImportBatch(ctx, kind, batch, settings, overlap ? pending : NO_PENDING);
          await writing;
          const before = processed;
          writing = db.transaction(async (tx: Tx) => {
            // A batch does not wait for its commit to reach the disk: after a crash the import
            // resumes after the last batch that did (its counter commits with its rows).
            await tx.execute(sql`set local synchronous_commit = off`);
            await writeImportBatch({ ...ctx, db: tx }, kind, current!.id, before, planned, settings.defs);
          });
          // Observed now, awaited before the next write or after the loop; a failure is not lost.
          writing.catch(() => undefined);
          processed += batch.length;
          pending = pendingOf(planned);
        }
      } finally {
        await writing.catch(() => undefined);
      }
      await writing;
      await finish(ctx, (current = (await find())!));
    } catch (error) {
      if (job.isLastAttempt) await fail(error instanceof Error ? error.message : String(error));
      throw error;
    }
  },
});

async function finish(ctx: Context, row: ImportRecord): Promise<void> {
  const counts = { total: row.total, created: row.created, updated: row.updated, skipped: row.skipped, rejected: row.rejected };
  await ctx.database.db.transaction(async (tx: Tx) => {
    await tx.update(imports).set({ status: 'done', total: row.processed, updatedAt: new Date(), finishedAt: new Date() }).where(and(eq(imports.workspaceId, row.workspaceId), eq(imports.id, row.id)));
    await writeAudit(tx, { workspaceId: row.workspaceId, action: 'import', object: row.object, recordId: row.id, summary: row.fileName, newValues: counts, actorUserId: ctx.actor.userId });
    await emitEvents(tx, [{ workspaceId: row.workspaceId, event: IMPORT_EVENTS.completed, payload: { importId: row.id, object: row.object, counts }, actorUserId: ctx.actor.userId }]);
  });
}
