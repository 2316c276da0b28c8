import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZAccountDuplicateCheckRequest, ZContactDuplicateCheckRequest, ZDuplicateCheckResponse } from '@voyage/contracts';
import { checkAccountDuplicates } from '../duplicates/check-account-duplicates';
import { checkContactDuplicates } from '../duplicates/check-contact-duplicates';

/**
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
}
