import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { ZListQuery, ZRecordParams } from '@voyage/contracts';
import { applyFieldSecurity } from '@voyage/kernel';
import type { RecordKind } from '../record-kinds';
import { applyBatch } from '../use-cases/apply-batch';
import { createRecords } from '../use-cases/create-records';
import { deleteRecord } from '../use-cases/delete-record';
import { getRecord } from '../use-cases/get-record';
import { listRecords } from '../use-cases/list-records';
import { restoreRecord } from '../use-cases/restore-record';
import { updateRecords } from '../use-cases/update-records';

export interface RecordSchemas {
  record: z.ZodType;
  list: z.ZodType;
  create: z.ZodType;
  update: z.ZodType;
  batch: z.ZodType;
  batchResponse: z.ZodType;
}

/** The REST routes of one record kind: list, get, create, update, trash, restore, batch. */
export function registerRecordRoutes(app: FastifyInstance, kind: RecordKind, schemas: RecordSchemas): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = `/api/v1/${kind.plural}`;
  const tags = [kind.plural];
  const read = { module: 'customers', scope: `${kind.object}:read` };
  const write = { module: 'customers', scope: `${kind.object}:write` };

  r.get(base, {
    schema: { tags, summary: `List ${kind.plural} (filter, sort, cursor, fields; trash=true for deleted)`, querystring: ZListQuery, response: { 200: schemas.list } },
    config: read,
  }, async (request) => listRecords(request.ctx(), kind, request.query as Record<string, unknown>));

  r.get(`${base}/:id`, {
    schema: { tags, summary: `One ${kind.object}`, params: ZRecordParams, response: { 200: schemas.record } },
    config: read,
  }, async (request) => getRecord(request.ctx(), kind, request.params.id));

  r.post(base, {
    schema: { tags, summary: `Create a ${kind.object}`, body: schemas.create, response: { 201: schemas.record } },
    config: write,
  }, async (request, reply) => {
    const ctx = request.ctx();
    const [created] = await createRecords(ctx, kind, [request.body as Record<string, unknown>]);
    return reply.status(201).send(applyFieldSecurity(ctx.actor, kind.object, [created])[0]);
  });

  r.patch(`${base}/:id`, {
    schema: { tags, summary: `Change a ${kind.object} (send its current version)`, params: ZRecordParams, body: schemas.update, response: { 200: schemas.record } },
    config: write,
  }, async (request) => {
    const ctx = request.ctx();
    const body = request.body as { version: number } & Record<string, unknown>;
    const [updated] = await updateRecords(ctx, kind, [{ ...body, id: request.params.id }]);
    return applyFieldSecurity(ctx.actor, kind.object, [updated])[0];
  });

  r.delete(`${base}/:id`, {
    schema: { tags, summary: `Move a ${kind.object} to the trash`, params: ZRecordParams },
    config: write,
  }, async (request, reply) => {
    await deleteRecord(request.ctx(), kind, request.params.id);
    return reply.status(204).send();
  });

  r.post(`${base}/:id/restore`, {
    schema: { tags, summary: `Restore a ${kind.object} from the trash`, params: ZRecordParams, response: { 200: schemas.record } },
    config: write,
  }, async (request) => {
    const ctx = request.ctx();
    return applyFieldSecurity(ctx.actor, kind.object, [await restoreRecord(ctx, kind, request.params.id)])[0];
  });

  r.post(`${base}/batch`, {
    schema: { tags, summary: `Create and update many ${kind.plural} at once, all or nothing`, body: schemas.batch, response: { 200: schemas.batchResponse } },
    config: write,
  }, async (request) => {
    const ctx = request.ctx();
    const result = await applyBatch(ctx, kind, request.body as Parameters<typeof applyBatch>[2]);
    return { created: applyFieldSecurity(ctx.actor, kind.object, result.created), updated: applyFieldSecurity(ctx.actor, kind.object, result.updated) };
  });
}
