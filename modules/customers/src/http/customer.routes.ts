import type { FastifyInstance } from 'fastify';
import {
  ZAccount, ZAccountBatchRequest, ZAccountBatchResponse, ZAccountListResponse, ZCreateAccountRequest, ZUpdateAccountRequest,
  ZContact, ZContactBatchRequest, ZContactBatchResponse, ZContactListResponse, ZCreateContactRequest, ZUpdateContactRequest,
} from '@voyage/contracts';
import { accountKind, contactKind } from '../record-kinds';
import { registerRecordRoutes } from './record.routes';

/** /api/v1/accounts and /api/v1/contacts. */
export async function customerRoutes(app: FastifyInstance): Promise<void> {
  registerRecordRoutes(app, accountKind, { record: ZAccount, list: ZAccountListResponse, create: ZCreateAccountRequest, update: ZUpdateAccountRequest, batch: ZAccountBatchRequest, batchResponse: ZAccountBatchResponse });
  registerRecordRoutes(app, contactKind, { record: ZContact, list: ZContactListResponse, create: ZCreateContactRequest, update: ZUpdateContactRequest, batch: ZContactBatchRequest, batchResponse: ZContactBatchResponse });
}
