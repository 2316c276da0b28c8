import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ZAddSegmentMembersRequest, ZBulkTagRequest, ZBulkTagResponse, ZCreateSegmentRequest, ZCreateTagRequest, ZRecordParams, ZRemoveSegmentMembersRequest,
  ZSegment, ZSegmentListQuery, ZSegmentListResponse, ZSegmentMembersChangeResponse, ZSegmentMembersQuery, ZSegmentMembersResponse,
  ZSegmentPreviewRequest, ZSegmentPreviewResponse, ZTag, ZTagListQuery, ZTagListResponse, ZUpdateSegmentRequest, ZUpdateTagRequest,
} from '@voyage/contracts';
import { accountKind, contactKind } from '../record-kinds';
import { changeSegmentMembers } from '../segments/change-segment-members';
import { createSegment } from '../segments/create-segment';
import { deleteSegment } from '../segments/delete-segment';
import { listSegmentMembers } from '../segments/list-segment-members';
import { listSegments } from '../segments/list-segments';
import { loadSegment } from '../segments/segment-access';
import { segmentView } from '../segments/segment-view';
import { previewSegment } from '../segments/preview-segment';
import { updateSegment } from '../segments/update-segment';
import { bulkTagRecords } from '../tags/bulk-tag-records';
import { createTag } from '../tags/create-tag';
import { deleteTag } from '../tags/delete-tag';
import { listTags } from '../tags/list-tags';
import { updateTag } from '../tags/update-tag';

/** The tag catalogue, bulk tagging, and segments (dynamic rules and static lists). */
export function registerSegmentRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const module = 'customers';
  // Renaming or deleting a tag rewrites records across the workspace: a settings-level change.
  const catalogue = { module, capability: 'settings.custom_fields' };

  r.get('/api/v1/tags', { schema: { tags: ['tags'], summary: 'The tag catalogue', querystring: ZTagListQuery, response: { 200: ZTagListResponse } }, config: { module } },
    async (request) => ({ data: await listTags(request.ctx(), request.query.object) }));
  r.post('/api/v1/tags', { schema: { tags: ['tags'], summary: 'Add a tag to the catalogue (any member)', body: ZCreateTagRequest, response: { 201: ZTag } }, config: { module } },
    async (request, reply) => reply.status(201).send(await createTag(request.ctx(), request.body)));
  r.patch('/api/v1/tags/:id', { schema: { tags: ['tags'], summary: 'Rename or recolour a tag; a rename applies to every record', params: ZRecordParams, body: ZUpdateTagRequest, response: { 200: ZTag } }, config: catalogue },
    async (request) => updateTag(request.ctx(), request.params.id, request.body));
  r.delete('/api/v1/tags/:id', { schema: { tags: ['tags'], summary: 'Delete a tag and remove it from every record', params: ZRecordParams }, config: catalogue },
    async (request, reply) => { await deleteTag(request.ctx(), request.params.id); return reply.status(204).send(); });

  for (const kind of [contactKind, accountKind]) {
    r.post(`/api/v1/${kind.plural}/bulk/tags`, {
      schema: { tags: [kind.plural], summary: `Add and remove tags on selected ${kind.plural}; records you cannot change are skipped with a reason`, body: ZBulkTagRequest, response: { 200: ZBulkTagResponse } },
      config: { module, scope: `${kind.object}:write` },
    }, async (request) => bulkTagRecords(request.ctx(), kind, request.body));
  }

  const tags = ['segments'];
  r.get('/api/v1/segments', { schema: { tags, summary: 'Segments you may use, with member counts in your data scope', querystring: ZSegmentListQuery, response: { 200: ZSegmentListResponse } }, config: { module } },
    async (request) => ({ data: await listSegments(request.ctx(), request.query.object) }));
  r.post('/api/v1/segments', { schema: { tags, summary: 'Save a segment', body: ZCreateSegmentRequest, response: { 201: ZSegment } }, config: { module } },
    async (request, reply) => reply.status(201).send(await createSegment(request.ctx(), request.body)));
  r.post('/api/v1/segments/preview', { schema: { tags, summary: 'Count and first 20 members of unsaved rules', body: ZSegmentPreviewRequest, response: { 200: ZSegmentPreviewResponse } }, config: { module } },
    async (request) => previewSegment(request.ctx(), request.body.object, request.body.rules));
  r.get('/api/v1/segments/:id', { schema: { tags, summary: 'One segment', params: ZRecordParams, response: { 200: ZSegment } }, config: { module } },
    async (request) => segmentView(await loadSegment(request.ctx(), request.params.id)));
  r.patch('/api/v1/segments/:id', { schema: { tags, summary: 'Change a segment (owner or admin; send its version)', params: ZRecordParams, body: ZUpdateSegmentRequest, response: { 200: ZSegment } }, config: { module } },
    async (request) => updateSegment(request.ctx(), request.params.id, request.body));
  r.delete('/api/v1/segments/:id', { schema: { tags, summary: 'Delete a segment (owner or admin)', params: ZRecordParams }, config: { module } },
    async (request, reply) => { await deleteSegment(request.ctx(), request.params.id); return reply.status(204).send(); });
  r.get('/api/v1/segments/:id/members', { schema: { tags, summary: 'Members you can see, a keyset page at a time', params: ZRecordParams, querystring: ZSegmentMembersQuery, response: { 200: ZSegmentMembersResponse } }, config: { module } },
    async (request) => listSegmentMembers(request.ctx(), request.params.id, request.query));
  r.post('/api/v1/segments/:id/members', { schema: { tags, summary: 'Add records to a static list (ids, or a snapshot of another segment)', params: ZRecordParams, body: ZAddSegmentMembersRequest, response: { 200: ZSegmentMembersChangeResponse } }, config: { module } },
    async (request) => changeSegmentMembers(request.ctx(), request.params.id, { add: request.body.ids, fromSegmentId: request.body.fromSegmentId }));
  r.post('/api/v1/segments/:id/members/remove', { schema: { tags, summary: 'Remove records from a static list', params: ZRecordParams, body: ZRemoveSegmentMembersRequest, response: { 200: ZSegmentMembersChangeResponse } }, config: { module } },
    async (request) => changeSegmentMembers(request.ctx(), request.params.id, { remove: request.body.ids }));
}
