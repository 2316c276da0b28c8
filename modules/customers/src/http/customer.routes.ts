import type { FastifyInstance } from 'fastify';
import {
  ZAccount, ZAccountBatchRequest, ZAccountBatchResponse, ZAccountListResponse, ZCreateAccountRequest, ZUpdateAccountRequest,
  ZContact, ZContactBatchRequest, ZContactBatchResponse, ZContactListResponse, ZCreateContactRequest, ZUpdateContactRequest,
} from '@voyage/contracts';
import { accountKind, contactKind } from '../record-kinds';
import { registerDuplicateRoutes } from './duplicate.routes';
import { registerRecordRoutes } from './record.routes';
import { registerRelationshipRoutes } from './relationships.routes';
import { registerSegmentRoutes } from './segments.routes';
import { registerListViewRoutes } from './views.routes';
import { registerBulkActionRoutes } from './bulk-actions.routes';

/** /api/v1/accounts, /api/v1/contacts and their duplicate checks. */
export async function customerRoutes(app: FastifyInstance): Promise<void> {
  // Before the record routes, so `duplicates/check` is never taken for an id.
  registerDuplicateRoutes(app);
  registerRelationshipRoutes(app);
  registerSegmentRoutes(app);
  registerListViewRoutes(app);
  registerBulkActionRoutes(app);
  registerRecordRoutes(app, accountKind, { record: ZAccount, list: ZAccountListResponse, create: ZCreateAccountRequest, update: ZUpdateAccountRequest, batch: ZAccountBatchRequest, batchResponse: ZAccountBatchResponse });
  registerRecordRoutes(app, contactKind, { record: ZContact, list: ZContactListResponse, create: ZCreateContactRequest, update: ZUpdateContactRequest, batch: ZContactBatchRequest, batchResponse: ZContactBatchResponse });
}
