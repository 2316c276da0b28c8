import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZBulkDeleteResponse, ZBulkRecordIdsRequest, ZBulkRestoreResponse, ZBulkStageRequest, ZBulkStageResponse } from '@voyage/contracts';
import { bulkChangeStage } from '../bulk/bulk-change-stage';
import { bulkDeleteRecords } from '../bulk/bulk-delete-records';
import { bulkRestoreRecords } from '../bulk/bulk-restore-records';
import { accountKind, contactKind } from '../record-kinds';

/** Bulk stage change, delete to trash and restore on selected contacts or accounts, checked record by record. */
export function registerBulkActionRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const kind of [contactKind, accountKind]) {
    const base = `/api/v1/${kind.plural}/bulk`;
    const tags = [kind.plural];
    const config = { module: 'customers', scope: `${kind.object}:write` };

    r.post(`${base}/stage`, {
      schema: { tags, summary: `Set the lifecycle stage of selected ${kind.plural}; records you cannot change are reported with a reason`, body: ZBulkStageRequest, response: { 200: ZBulkStageResponse } },
      config,
    }, async (request) => bulkChangeStage(request.ctx(), kind, request.body));

    r.post(`${base}/delete`, {
      schema: { tags, summary: `Move selected ${kind.plural} to the trash; records you may not delete are reported with a reason`, body: ZBulkRecordIdsRequest, response: { 200: ZBulkDeleteResponse } },
      config,
    }, async (request) => bulkDeleteRecords(request.ctx(), kind, request.body.ids));

    r.post(`${base}/restore`, {
      schema: { tags, summary: `Bring selected ${kind.plural} back from the trash`, body: ZBulkRecordIdsRequest, response: { 200: ZBulkRestoreResponse } },
      config,
    }, async (request) => bulkRestoreRecords(request.ctx(), kind, request.body.ids));
  }
}
