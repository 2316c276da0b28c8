import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZAssignLeadRequest, ZConvertLeadRequest, ZConvertLeadResponse, ZConvertPreviewResponse, ZCreateLeadAssignmentRuleRequest, ZCreateLeadRequest, ZDisqualifyLeadRequest,
  ZLead, ZLeadAssignmentRule, ZLeadAssignmentRuleListResponse, ZLeadImportQuery, ZLeadImportResult, ZLeadListResponse, ZLeadVersionRequest, ZListQuery, ZRecordParams,
  ZUpdateLeadAssignmentRuleRequest, ZUpdateLeadRequest, type TLead,
} from '@voyage/contracts';
import { AppError } from '@voyage/kernel';
import { assignLead, claimLead } from '../leads/change-lead-owner';
import { convertLead } from '../leads/convert-lead';
import { convertPreview } from '../leads/convert-preview';
import { createLead } from '../leads/create-leads';
import { getLead, securedLead } from '../leads/get-lead';
import { importLeads } from '../leads/import-leads';
import { createLeadAssignmentRule, deleteLeadAssignmentRule, listLeadAssignmentRules, updateLeadAssignmentRule } from '../leads/lead-assignment-rules';
import { listLeads } from '../leads/list-leads';
import { setLeadStatus } from '../leads/set-lead-status';
import { setLeadTrashed } from '../leads/trash-lead';
import { undoLeadImport } from '../leads/undo-lead-import';
import { updateLead } from '../leads/update-lead';

const ZLeadListQuery = ZListQuery.extend({ pool: z.enum(['true', 'false']).optional().describe('Only leads in the pool (no owner)') });

/** Leads (S1): list, CRUD, trash, pool and assignment, qualify/disqualify, conversion, CSV import, assignment rules. */
export async function leadRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['leads'];
  const read = { module: 'sales', scope: 'lead:read' };
  const write = { module: 'sales', scope: 'lead:write' };
  const lead = (row: Parameters<typeof securedLead>[1], request: { ctx: () => Parameters<typeof securedLead>[0] }) => securedLead(request.ctx(), row) as TLead;

  r.get('/api/v1/leads', { schema: { tags, summary: 'List leads (filter, sort, cursor, fields; pool=true for unowned, trash=true for deleted)', querystring: ZLeadListQuery, response: { 200: ZLeadListResponse } }, config: read },
    async (request) => (await listLeads(request.ctx(), request.query as Record<string, unknown>)) as { data: TLead[]; nextCursor: string | null });
  r.get('/api/v1/leads/:id', { schema: { tags, summary: 'One lead', params: ZRecordParams, response: { 200: ZLead } }, config: read },
    async (request) => (await getLead(request.ctx(), request.params.id)) as TLead);
  r.post('/api/v1/leads', { schema: { tags, summary: 'Create a lead (without ownerId the assignment rules pick one; null: the pool)', body: ZCreateLeadRequest, response: { 201: ZLead } }, config: write },
    async (request, reply) => reply.status(201).send(lead(await createLead(request.ctx(), request.body), request)));
  r.patch('/api/v1/leads/:id', { schema: { tags, summary: 'Change a lead (send its version)', params: ZRecordParams, body: ZUpdateLeadRequest, response: { 200: ZLead } }, config: write },
    async (request) => lead(await updateLead(request.ctx(), request.params.id, request.body), request));
  r.delete('/api/v1/leads/:id', { schema: { tags, summary: 'Move a lead to the trash', params: ZRecordParams }, config: write },
    async (request, reply) => { await setLeadTrashed(request.ctx(), request.params.id, true); return reply.status(204).send(); });
  r.post('/api/v1/leads/:id/restore', { schema: { tags, summary: 'Restore a lead from the trash', params: ZRecordParams }, config: write },
    async (request, reply) => { await setLeadTrashed(request.ctx(), request.params.id, false); return reply.status(204).send(); });
  r.post('/api/v1/leads/:id/claim', { schema: { tags, summary: 'Take a lead from the pool (409 if someone took it first)', params: ZRecordParams, body: ZLeadVersionRequest, response: { 200: ZLead } }, config: write },
    async (request) => lead(await claimLead(request.ctx(), request.params.id, request.body.version), request));
  r.post('/api/v1/leads/:id/assign', { schema: { tags, summary: 'Give a lead to a member (null: back to the pool)', params: ZRecordParams, body: ZAssignLeadRequest, response: { 200: ZLead } }, config: write },
    async (request) => lead(await assignLead(request.ctx(), request.params.id, request.body.version, request.body.ownerId), request));
  r.post('/api/v1/leads/:id/qualify', { schema: { tags, summary: 'Mark a lead qualified', params: ZRecordParams, body: ZLeadVersionRequest, response: { 200: ZLead } }, config: write },
    async (request) => lead(await setLeadStatus(request.ctx(), request.params.id, request.body.version, { to: 'qualified' }), request));
  r.post('/api/v1/leads/:id/reopen', { schema: { tags, summary: 'Reopen a qualified or disqualified lead (status working)', params: ZRecordParams, body: ZLeadVersionRequest, response: { 200: ZLead } }, config: write },
    async (request) => lead(await setLeadStatus(request.ctx(), request.params.id, request.body.version, { to: 'working' }), request));
  r.post('/api/v1/leads/:id/disqualify', { schema: { tags, summary: 'Disqualify a lead; 422 naming `reason` without one', params: ZRecordParams, body: ZDisqualifyLeadRequest, response: { 200: ZLead } }, config: write },
    async (request) => lead(await setLeadStatus(request.ctx(), request.params.id, request.body.version, { to: 'disqualified', reason: request.body.reason, note: request.body.note }), request));
  r.get('/api/v1/leads/:id/convert-preview', { schema: { tags, summary: 'Existing accounts and contacts the lead may be (duplicate check)', params: ZRecordParams, response: { 200: ZConvertPreviewResponse } }, config: read },
    async (request) => convertPreview(request.ctx(), request.params.id));
  r.post('/api/v1/leads/:id/convert', { schema: { tags, summary: 'Convert a lead into an account, a contact and a deal in one transaction', params: ZRecordParams, body: ZConvertLeadRequest, response: { 200: ZConvertLeadResponse } }, config: write },
    async (request) => {
      const result = await convertLead(request.ctx(), request.params.id, request.body);
      return { ...result, lead: lead(result.lead, request) };
    });
  r.post('/api/v1/lead-imports/:id/undo', { schema: { tags, summary: 'Undo an import: its leads go to the trash', params: ZRecordParams, response: { 200: ZLeadImportResult } }, config: write },
    async (request) => undoLeadImport(request.ctx(), request.params.id));

  const settings = { module: 'sales' };
  r.get('/api/v1/lead-assignment-rules', { schema: { tags, summary: 'Lead assignment rules in the order they are tried', response: { 200: ZLeadAssignmentRuleListResponse } }, config: settings },
    async (request) => ({ data: await listLeadAssignmentRules(request.ctx()) }));
  r.post('/api/v1/lead-assignment-rules', { schema: { tags, summary: 'Add a lead assignment rule (round robin, or a field match)', body: ZCreateLeadAssignmentRuleRequest, response: { 201: ZLeadAssignmentRule } }, config: settings },
    async (request, reply) => reply.status(201).send(await createLeadAssignmentRule(request.ctx(), request.body)));
  r.patch('/api/v1/lead-assignment-rules/:id', { schema: { tags, summary: 'Change a lead assignment rule (send its version)', params: ZRecordParams, body: ZUpdateLeadAssignmentRuleRequest, response: { 200: ZLeadAssignmentRule } }, config: settings },
    async (request) => updateLeadAssignmentRule(request.ctx(), request.params.id, request.body));
  r.delete('/api/v1/lead-assignment-rules/:id', { schema: { tags, summary: 'Remove a lead assignment rule', params: ZRecordParams }, config: settings },
    async (request, reply) => { await deleteLeadAssignmentRule(request.ctx(), request.params.id); return reply.status(204).send(); });

  await app.register(async (scope) => {
    // The CSV file is the request body (text/csv), so curl --data-binary @leads.csv works too.
    scope.addContentTypeParser(['text/csv', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: scope.services.env.UPLOAD_LIMIT }, (_request, body, done) => done(null, body));
    scope.withTypeProvider<ZodTypeProvider>().post('/api/v1/leads/import', {
      schema: { tags, summary: 'Import leads from a CSV file (body: the file as text/csv, UTF-8 or GBK); per-row errors; all valid rows in one transaction', querystring: ZLeadImportQuery, response: { 201: ZLeadImportResult } },
      config: write,
    }, async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) throw new AppError('validation_failed', { details: { fields: [{ field: 'file', code: 'required', message: 'text/csv' }] } });
      return reply.status(201).send(await importLeads(request.ctx(), request.body, request.query.fileName ?? null));
    });
  });
}
