import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Locale } from '@voyage/kernel';
import {
  ZApprovalCommentRequest, ZApprovalInboxQuery, ZApprovalInboxResponse, ZApprovalProcess, ZApprovalProcessListQuery, ZApprovalProcessListResponse, ZApprovalProcessVersionQuery,
  ZApprovalLink, ZApprovalLinkParams, ZApprovalRequest, ZCreateApprovalProcessRequest, ZDecideApprovalRequest, ZRecordApprovalsResponse, ZRecordParams, ZSubmitApprovalRequest, ZUpdateApprovalProcessRequest,
} from '@voyage/contracts';
import { decideApproval, withdrawApproval } from './decide-approval';
import { decideByApprovalLink, getApprovalLink } from './decide-by-approval-link';
import { getApprovalRequest, getRecordApprovals, listApprovals } from './approval-views';
import { getApprovalProcess, listApprovalProcesses } from './list-approval-processes';
import { createApprovalProcess, trashApprovalProcess, updateApprovalProcess } from './save-approval-process';
import { resubmitApproval, submitApproval } from './submit-approval';

/**
 * Approval processes (admins with `automation.manage`), and requests: submit, decide, withdraw,
 * resubmit, the inbox and a record's panel; and the emailed link, which decides without signing in.
 */
export function approvalRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['approvals'];
  const read = { module: 'automation', scope: 'approvals:read' };
  const write = { module: 'automation', scope: 'approvals:write' };
  const manage = { module: 'automation', scope: 'settings:write', capability: 'automation.manage' };

  r.get('/api/v1/approval-processes', { schema: { tags, summary: 'Approval processes (of one record kind; trash=true for deleted ones)', querystring: ZApprovalProcessListQuery, response: { 200: ZApprovalProcessListResponse } }, config: read },
    async (request) => listApprovalProcesses(request.ctx(), request.query));
  r.get('/api/v1/approval-processes/:id', { schema: { tags, summary: 'One approval process', params: ZRecordParams, response: { 200: ZApprovalProcess } }, config: read },
    async (request) => getApprovalProcess(request.ctx(), request.params.id));
  r.post('/api/v1/approval-processes', { schema: { tags, summary: 'Create an approval process', body: ZCreateApprovalProcessRequest, response: { 201: ZApprovalProcess } }, config: manage },
    async (request, reply) => reply.code(201).send(await createApprovalProcess(request.ctx(), request.body)));
  r.patch('/api/v1/approval-processes/:id', { schema: { tags, summary: 'Change an approval process (send its version; pending requests keep their settings)', params: ZRecordParams, body: ZUpdateApprovalProcessRequest, response: { 200: ZApprovalProcess } }, config: manage },
    async (request) => updateApprovalProcess(request.ctx(), request.params.id, request.body));
  r.delete('/api/v1/approval-processes/:id', { schema: { tags, summary: 'Move an approval process to the trash', params: ZRecordParams, querystring: ZApprovalProcessVersionQuery, response: { 200: ZApprovalProcess } }, config: manage },
    async (request) => trashApprovalProcess(request.ctx(), request.params.id, request.query.version));
  r.post('/api/v1/approval-processes/:id/restore', { schema: { tags, summary: 'Restore an approval process from the trash', params: ZRecordParams, querystring: ZApprovalProcessVersionQuery, response: { 200: ZApprovalProcess } }, config: manage },
    async (request) => trashApprovalProcess(request.ctx(), request.params.id, request.query.version, true));

  r.get('/api/v1/approvals', { schema: { tags, summary: 'My approvals: pending for me, submitted by me, or decided by me', querystring: ZApprovalInboxQuery, response: { 200: ZApprovalInboxResponse } }, config: read },
    async (request) => listApprovals(request.ctx(), request.query.box));
  r.post('/api/v1/approvals', { schema: { tags, summary: 'Submit a record for approval (by process, or the first active process of its object)', body: ZSubmitApprovalRequest, response: { 201: ZApprovalRequest } }, config: write },
    async (request, reply) => reply.code(201).send(await submitApproval(request.ctx(), request.body)));
  r.get('/api/v1/approvals/records/:object/:recordId', { schema: { tags, summary: 'The approval panel of a record: latest request, processes, locked fields', params: z.object({ object: z.string().min(1).max(60), recordId: z.uuid() }), response: { 200: ZRecordApprovalsResponse } }, config: read },
    async (request) => getRecordApprovals(request.ctx(), request.params.object, request.params.recordId));
  r.get('/api/v1/approvals/:id', { schema: { tags, summary: 'One approval request with its steps, decisions and history', params: ZRecordParams, response: { 200: ZApprovalRequest } }, config: read },
    async (request) => getApprovalRequest(request.ctx(), request.params.id));
  r.post('/api/v1/approvals/:id/decide', { schema: { tags, summary: 'Approve, reject or return for changes (current step approvers only; 409 once decided)', params: ZRecordParams, body: ZDecideApprovalRequest, response: { 200: ZApprovalRequest } }, config: write },
    async (request) => decideApproval(request.ctx(), request.params.id, request.body));
  r.post('/api/v1/approvals/:id/withdraw', { schema: { tags, summary: 'Withdraw a pending request (its submitter)', params: ZRecordParams, body: ZApprovalCommentRequest, response: { 200: ZApprovalRequest } }, config: write },
    async (request) => withdrawApproval(request.ctx(), request.params.id, request.body));
  r.post('/api/v1/approvals/:id/resubmit', { schema: { tags, summary: 'Resubmit a rejected, returned or withdrawn request (its submitter)', params: ZRecordParams, body: ZApprovalCommentRequest, response: { 200: ZApprovalRequest } }, config: write },
    async (request) => resubmitApproval(request.ctx(), request.params.id, request.body));

  // The emailed link: its signed token stands for the approver, for one decision in one step.
  const link = { auth: 'public' as const };
  const meta = (request: { locale: Locale; id: string; ip: string }) => ({ locale: request.locale, requestId: request.id, ip: request.ip });
  r.get('/api/v1/approval-links/:token', { schema: { tags, summary: 'The request an approval email links to (no sign-in; 403 invalid, 410 expired, 409 used or moved on)', security: [], params: ZApprovalLinkParams, response: { 200: ZApprovalLink } }, config: link },
    async (request) => getApprovalLink(app.services, request.params.token, meta(request)));
  r.post('/api/v1/approval-links/:token/decide', { schema: { tags, summary: 'Approve, reject or return from the emailed link, as its approver (same checks, audit and events as the inbox)', security: [], params: ZApprovalLinkParams, body: ZDecideApprovalRequest, response: { 200: ZApprovalRequest } }, config: link },
    async (request) => decideByApprovalLink(app.services, request.params.token, request.body, meta(request)));
}
