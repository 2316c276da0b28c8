import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ZAccountDuplicateCheckRequest, ZContactDuplicateCheckRequest, ZDuplicateCheckResponse, ZDuplicatePair, ZDuplicatePairListQuery, ZDuplicatePairListResponse,
  ZDuplicateScan, ZDuplicateScanRequest, ZMergeRequest, ZMergeResponse, ZRecordParams,
} from '@voyage/contracts';
import type { JobSender } from '@voyage/kernel';
import { checkAccountDuplicates } from '../duplicates/check-account-duplicates';
import { checkContactDuplicates } from '../duplicates/check-contact-duplicates';
import { dismissDuplicatePair, listDuplicatePairs } from '../duplicates/review/list-duplicate-pairs';
import { getDuplicateScan, startDuplicateScan } from '../duplicates/scan/start-duplicate-scan';
import { mergeRecords } from '../merge/merge-records';
import { accountKind, contactKind } from '../record-kinds';

/**
 * Duplicates (C5): the check a form calls before saving, the finder's scans, the review
 * queue and the merge.
 *
 * The check a form calls before saving: it warns and links to the match, and never blocks
 * the save itself (CRMs warn; a real second 张伟 must still be enterable).
 */
export function registerDuplicateRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/api/v1/contacts/duplicates/check', {
    schema: { tags: ['contacts'], summary: 'Contacts that may duplicate the values of a form (email, phone, name at company)', body: ZContactDuplicateCheckRequest, response: { 200: ZDuplicateCheckResponse } },
    config: { module: 'customers', scope: 'contact:read' },
  }, async (request) => checkContactDuplicates(request.ctx(), request.body));

  r.post('/api/v1/accounts/duplicates/check', {
    schema: { tags: ['accounts'], summary: 'Accounts that may duplicate the values of a form (name without legal suffix, phone)', body: ZAccountDuplicateCheckRequest, response: { 200: ZDuplicateCheckResponse } },
    config: { module: 'customers', scope: 'account:read' },
  }, async (request) => checkAccountDuplicates(request.ctx(), request.body));

  const send: JobSender = (name, data, options) => app.services.jobs.send(name, data, options);
  r.post('/api/v1/duplicates/scans', {
    schema: { tags: ['duplicates'], summary: 'Run the duplicate finder over the workspace (a job; poll the scan for progress)', body: ZDuplicateScanRequest, response: { 202: ZDuplicateScan } },
    config: { module: 'customers' },
  }, async (request, reply) => reply.status(202).send(await startDuplicateScan(request.ctx(), request.body, send)));
  r.get('/api/v1/duplicates/scans/:id', {
    schema: { tags: ['duplicates'], summary: 'A duplicate scan: status, progress and pairs found', params: ZRecordParams, response: { 200: ZDuplicateScan } },
    config: { module: 'customers' },
  }, async (request) => getDuplicateScan(request.ctx(), request.params.id));
  r.get('/api/v1/duplicates', {
    schema: { tags: ['duplicates'], summary: 'The duplicate review queue: pairs of records you may both see, strongest first', querystring: ZDuplicatePairListQuery, response: { 200: ZDuplicatePairListResponse } },
    config: { module: 'customers' },
  }, async (request) => listDuplicatePairs(request.ctx(), request.query));
  r.post('/api/v1/duplicates/:id/dismiss', {
    schema: { tags: ['duplicates'], summary: 'Not duplicates: the finder will not propose this pair again', params: ZRecordParams, response: { 200: ZDuplicatePair } },
    config: { module: 'customers' },
  }, async (request) => dismissDuplicatePair(request.ctx(), request.params.id));
  for (const kind of [contactKind, accountKind]) {
    r.post(`/api/v1/${kind.plural}/merge`, {
      schema: { tags: [kind.plural], summary: `Merge two ${kind.plural}: related rows move to the survivor, chosen values are kept, the other goes to the trash`, body: ZMergeRequest, response: { 200: ZMergeResponse } },
      config: { module: 'customers', scope: `${kind.object}:update` },
    }, async (request) => mergeRecords(request.ctx(), kind, request.body));
  }
}
