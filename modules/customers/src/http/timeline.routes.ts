import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import multipart from '@fastify/multipart';
import {
  ZCreateFollowUpRequest, ZFollowUp, ZFollowUpFile, ZFollowUpFileParams, ZFollowUpListQuery, ZFollowUpListResponse, ZRecordParams, ZTimelineQuery, ZTimelineResponse, ZUpdateFollowUpRequest,
} from '@voyage/contracts';
import { AppError, translate, validationError, type JobSender, fileStorage } from '@voyage/kernel';
import { attachFollowUpFile } from '../follow-ups/attach-follow-up-file';
import { createFollowUp } from '../follow-ups/create-follow-up';
import { deleteFollowUp } from '../follow-ups/delete-follow-up';
import { findFollowUp } from '../follow-ups/find-follow-up';
import { followUpsToWire } from '../follow-ups/follow-up-wire';
import { listFollowUps } from '../follow-ups/list-follow-ups';
import { openFollowUpFile } from '../follow-ups/open-follow-up-file';
import { updateFollowUp } from '../follow-ups/update-follow-up';
import { listTimeline } from '../timeline/list-timeline';

/** RFC 6266 filename for any characters: an ASCII fallback plus the UTF-8 form. */
const disposition = (name: string) => `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** Timelines of contacts and accounts, follow-ups and their attachments. */
export async function timelineRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const send: JobSender = (name, data, options) => app.services.jobs.send(name, data, options);
  const storage = fileStorage(app.services.env);

  for (const [plural, object] of [['contacts', 'contact'], ['accounts', 'account']] as const) {
    r.get(`/api/v1/${plural}/:id/timeline`, {
      schema: { tags: [plural], summary: `The timeline of a ${object}, newest first (kinds, cursor, limit)`, params: ZRecordParams, querystring: ZTimelineQuery, response: { 200: ZTimelineResponse } },
    }, async (request) => listTimeline(request.ctx(), object, request.params.id, request.query));
  }

  const tags = ['follow-ups'];
  r.get('/api/v1/follow-ups', {
    schema: { tags, summary: 'Follow-ups of a contact or account, newest first', querystring: ZFollowUpListQuery, response: { 200: ZFollowUpListResponse } },
  }, async (request) => listFollowUps(request.ctx(), request.query));

  r.post('/api/v1/follow-ups', {
    schema: { tags, summary: 'Log a follow-up (call, email, SMS, visit, meeting)', body: ZCreateFollowUpRequest, response: { 201: ZFollowUp } },
  }, async (request, reply) => reply.status(201).send(await createFollowUp(request.ctx(), request.body, send)));

  r.get('/api/v1/follow-ups/:id', {
    schema: { tags, summary: 'One follow-up', params: ZRecordParams, response: { 200: ZFollowUp } },
  }, async (request) => {
    const ctx = request.ctx();
    const { row } = await findFollowUp(ctx, request.params.id);
    return (await followUpsToWire(ctx.db, ctx.workspaceId, [row]))[0];
  });

  r.patch('/api/v1/follow-ups/:id', {
    schema: { tags, summary: 'Change a follow-up (send its current version)', params: ZRecordParams, body: ZUpdateFollowUpRequest, response: { 200: ZFollowUp } },
  }, async (request) => updateFollowUp(request.ctx(), request.params.id, request.body, send));

  r.delete('/api/v1/follow-ups/:id', {
    schema: { tags, summary: 'Move a follow-up to the trash', params: ZRecordParams },
  }, async (request, reply) => {
    await deleteFollowUp(request.ctx(), request.params.id);
    return reply.status(204).send();
  });

  r.get('/api/v1/follow-ups/:id/files/:fileId', {
    schema: { tags, summary: 'Download a follow-up attachment', params: ZFollowUpFileParams },
  }, async (request, reply) => {
    const file = await openFollowUpFile(request.ctx(), storage, request.params.id, request.params.fileId);
    // Always a download: an uploaded text/html must never render on the app's origin.
    return reply.header('content-type', file.contentType).header('content-length', file.size).header('content-disposition', disposition(file.fileName)).header('x-content-type-options', 'nosniff').send(file.stream);
  });

  // Multipart parsing only in this child scope, so JSON routes keep their parser and body limit.
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: app.services.env.UPLOAD_LIMIT, files: 1, fields: 0 }, throwFileSizeLimit: true });
    scope.withTypeProvider<ZodTypeProvider>().post('/api/v1/follow-ups/:id/files', {
      schema: { tags, summary: 'Attach a file (multipart/form-data, one file field; UPLOAD_LIMIT bytes at most)', params: ZRecordParams, response: { 201: ZFollowUpFile } },
    }, async (request, reply) => {
      const ctx = request.ctx();
      const file = await readFile(request, ctx.locale);
      try {
        const saved = await attachFollowUpFile(ctx, storage, request.params.id, { fileName: file.filename, contentType: file.mimetype || 'application/octet-stream', stream: file.file, truncated: () => file.file.truncated });
        return reply.status(201).send(saved);
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('payload_too_large', { params: { limit: ctx.env.UPLOAD_LIMIT } });
        throw error;
      }
    });
  });
}

async function readFile(request: FastifyRequest, locale: Parameters<typeof translate>[0]) {
  let file;
  try {
    file = await request.file();
  } catch {
    file = undefined;
  }
  if (!file) throw validationError([{ field: 'file', code: 'required', message: translate(locale, 'field.required', { field: 'file' }) }]);
  return file;
}
