import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZExportJob, ZExportRequest, ZImport, ZImportListResponse, ZImportMappingRequest, ZImportUndoRequest, ZImportUploadResponse, ZRecordParams } from '@voyage/contracts';
import { AppError, type JobSender, fileStorage } from '@voyage/kernel';
import { exportRecords } from '../exports/export-records';
import { exportFileKey, loadExport, toExportView } from '../exports/export-view';
import { dryRunImport } from '../imports/dry-run-import';
import { listImports } from '../imports/list-imports';
import { loadImport, toImportView } from '../imports/load-import';
import { rejectedRowsCsv } from '../imports/rejected-rows-csv';
import { setImportMapping } from '../imports/set-import-mapping';
import { startImportRun } from '../imports/start-import-run';
import { undoImport } from '../imports/undo-import';
import { uploadImport } from '../imports/upload-import';
import { accountKind, contactKind } from '../record-kinds';

const attachment = (fileName: string) => `attachment; filename="${encodeURIComponent(fileName).replace(/%20/g, ' ').replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

/** Imports (/api/v1/imports…) and exports of list views (/api/v1/contacts/export, /api/v1/accounts/export, /api/v1/exports/:id). */
export async function importRoutes(app: FastifyInstance): Promise<void> {
  await app.register(async (scope) => {
    // Multipart parsing only where files are uploaded.
    // Import files have their own limit (a million rows is some 100 MB); a larger file is cut and refused.
    await scope.register(multipart, { limits: { fileSize: scope.services.env.IMPORT_UPLOAD_LIMIT, files: 1, fields: 5 }, throwFileSizeLimit: false });
    const r = scope.withTypeProvider<ZodTypeProvider>();
    r.post('/api/v1/imports', {
      schema: { tags: ['imports'], summary: 'Upload a CSV or XLSX file (multipart: `object` = contact | account, then `file`)', response: { 201: ZImportUploadResponse } },
      config: { module: 'customers' },
    }, async (request, reply) => {
      const ctx = request.ctx();
      if (!request.isMultipart()) throw new AppError('validation_failed', { details: { fields: [{ field: 'file', code: 'required', message: 'multipart/form-data' }] } });
      let object: string | undefined;
      for await (const part of request.parts()) {
        if (part.type === 'field' && part.fieldname === 'object') object = String(part.value);
        else if (part.type === 'file') {
          const parsed = z.enum(['contact', 'account']).safeParse(object);
          if (!parsed.success) throw new AppError('validation_failed', { details: { fields: [{ field: 'object', code: 'invalid', message: 'contact | account' }] } });
          const result = await uploadImport(ctx, { object: parsed.data, fileName: part.filename || 'import.csv', file: part.file });
          return reply.status(201).send(result);
        }
      }
      throw new AppError('validation_failed', { details: { fields: [{ field: 'file', code: 'required', message: 'file' }] } });
    });
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  const send: JobSender = (name, data, options) => app.services.jobs.send(name, data, options);
  const tags = ['imports'];
  const config = { module: 'customers' };

  r.get('/api/v1/imports', { schema: { tags, summary: 'Latest imports', response: { 200: ZImportListResponse } }, config }, async (request) => listImports(request.ctx()));
  r.get('/api/v1/imports/:id', { schema: { tags, summary: 'An import: status, progress and counts (poll while running)', params: ZRecordParams, response: { 200: ZImport } }, config },
    async (request) => toImportView(await loadImport(request.ctx(), request.params.id)));
  r.put('/api/v1/imports/:id/mapping', { schema: { tags, summary: 'Map columns to fields and set options', params: ZRecordParams, body: ZImportMappingRequest, response: { 200: ZImport } }, config },
    async (request) => setImportMapping(request.ctx(), request.params.id, request.body));
  r.post('/api/v1/imports/:id/dry-run', { schema: { tags, summary: 'Validate every row without writing', params: ZRecordParams, response: { 200: ZImport } }, config },
    async (request) => dryRunImport(request.ctx(), request.params.id));
  r.post('/api/v1/imports/:id/run', { schema: { tags, summary: 'Run the import as a job', params: ZRecordParams, response: { 202: ZImport } }, config },
    async (request, reply) => reply.status(202).send(await startImportRun(request.ctx(), request.params.id, send)));
  r.post('/api/v1/imports/:id/undo', { schema: { tags, summary: 'Undo a finished import (created → trash, updated → previous values)', params: ZRecordParams, body: ZImportUndoRequest.optional(), response: { 200: ZImport } }, config },
    async (request) => undoImport(request.ctx(), request.params.id, { force: request.body?.force }));
  r.get('/api/v1/imports/:id/rejected.csv', { schema: { tags, summary: 'The rejected rows with an error column (CSV)', params: ZRecordParams }, config }, async (request, reply) => {
    const { fileName, stream } = await rejectedRowsCsv(request.ctx(), request.params.id);
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', attachment(fileName)).send(stream);
  });

  for (const kind of [contactKind, accountKind]) {
    r.post(`/api/v1/${kind.plural}/export`, {
      schema: { tags: [kind.plural], summary: `Export ${kind.plural} of a list view (streamed up to 10,000 rows; a job beyond)`, body: ZExportRequest, response: { 202: ZExportJob } },
      config: { module: 'customers', scope: `${kind.object}:read` },
    }, async (request, reply) => {
      const result = await exportRecords(request.ctx(), kind, request.body, send);
      if (result.kind === 'job') return reply.status(202).send(result.job);
      return reply.header('content-type', result.contentType).header('content-disposition', attachment(result.fileName)).send(result.stream as never);
    });
  }
  r.get('/api/v1/exports/:id', { schema: { tags, summary: 'An export job: status, progress, download link', params: ZRecordParams, response: { 200: ZExportJob } }, config },
    async (request) => toExportView(await loadExport(request.ctx(), request.params.id)));
  r.get('/api/v1/exports/:id/download', { schema: { tags, summary: 'Download a finished export', params: ZRecordParams }, config }, async (request, reply) => {
    const ctx = request.ctx();
    const row = await loadExport(ctx, request.params.id);
    if (row.status !== 'done') throw new AppError('not_found', { params: { what: 'export' } });
    const stream = fileStorage(ctx.env).get(exportFileKey(ctx.workspaceId, row.id, row.format));
    const type = row.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    return reply.header('content-type', type).header('content-disposition', attachment(`${row.object}s-${row.id}.${row.format}`)).send(stream);
  });
}
