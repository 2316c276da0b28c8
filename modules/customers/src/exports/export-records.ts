import { PassThrough, type Readable } from 'node:stream';
import type { TExportJob, TExportRequest } from '@voyage/contracts';
import { assertCan, assertScope, newId, writeAudit, type Context, type JobSender, type Tx } from '@voyage/kernel';
import { exportsTable } from '../db/imports';
import type { RecordKind } from '../record-kinds';
import { countExportRows, writeExport } from './write-export';
import { EXPORT_JOB, toExportView } from './export-view';

/** Larger exports are built by a job instead of streamed in the request. */
export const STREAM_EXPORT_LIMIT = 10_000;

export type ExportResult = { kind: 'stream'; fileName: string; contentType: string; stream: Readable } | { kind: 'job'; job: TExportJob };

/**
 * Exports a list view (its filter, sort and columns) as CSV or XLSX, within the actor's
 * data scope and field rules; needs the export right. Audited with the row count and filter.
 */
export async function exportRecords(ctx: Context, kind: RecordKind, request: TExportRequest, send: JobSender): Promise<ExportResult> {
  assertCan(ctx.actor, kind.object, 'export');
  assertScope(ctx.actor, `${kind.object}:read`);
  const total = await countExportRows(ctx, kind, request);
  const audit = (db: Context['db']) => writeAudit(db, {
    workspaceId: ctx.workspaceId, action: 'export', object: kind.object, summary: `${total}`, newValues: { rows: total, format: request.format, filter: request.filter ?? {}, sort: request.sort ?? null, fields: request.fields ?? null },
    actorUserId: ctx.actor.userId, actorApiKeyId: ctx.actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId,
  });
  if (total > STREAM_EXPORT_LIMIT) {
    const id = newId();
    const row = await ctx.database.db.transaction(async (tx: Tx) => {
      const [created] = await tx.insert(exportsTable).values({ workspaceId: ctx.workspaceId, id, object: kind.object, format: request.format, query: request, total, locale: ctx.locale, createdBy: ctx.actor.userId }).returning();
      await audit(tx);
      return created;
    });
    await send(EXPORT_JOB, { workspaceId: ctx.workspaceId, exportId: id }, { id });
    return { kind: 'job', job: toExportView(row) };
  }
  await audit(ctx.db);
  const stream = new PassThrough();
  writeExport(ctx, kind, request, stream).catch((error: unknown) => stream.destroy(error as Error));
  const date = new Date().toISOString().slice(0, 10);
  return {
    kind: 'stream',
    fileName: `${kind.plural}-${date}.${request.format}`,
    contentType: request.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    stream,
  };
}
