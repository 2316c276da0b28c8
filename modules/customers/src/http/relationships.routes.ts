import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZAccountContactLink, ZAccountContactLinkListResponse, ZAccountGraphResponse, ZAccountHierarchyResponse, ZContactRole, ZContactRoleListResponse,
  ZCreateAccountContactRequest, ZCreateContactAccountRequest, ZCreateContactRoleRequest, ZLinkParams, ZRecordParams, ZUpdateLinkRequest,
} from '@voyage/contracts';
import { createContactRole } from '../relationships/create-contact-role';
import { createLink } from '../relationships/create-link';
import { deleteLink } from '../relationships/delete-link';
import { getAccountGraph } from '../relationships/get-account-graph';
import { getAccountHierarchy } from '../relationships/get-account-hierarchy';
import { listContactRoles } from '../relationships/list-contact-roles';
import { listLinks } from '../relationships/list-links';
import { updateLink } from '../relationships/update-link';

/** Contact ↔ account links (both ends), reporting lines, the account hierarchy and the graph. */
export function registerRelationshipRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/contact-roles', {
    schema: { tags: ['contacts'], summary: 'Roles a contact can hold at an account (built-in and the workspace\'s own)', response: { 200: ZContactRoleListResponse } },
    config: { module: 'customers', scope: 'contact:read' },
  }, async (request) => listContactRoles(request.ctx()));

  r.post('/api/v1/contact-roles', {
    schema: { tags: ['contacts'], summary: 'Add a workspace role for contacts at accounts', body: ZCreateContactRoleRequest, response: { 201: ZContactRole } },
    config: { module: 'customers', capability: 'settings.custom_fields' },
  }, async (request, reply) => reply.status(201).send(await createContactRole(request.ctx(), request.body)));

  for (const side of ['account', 'contact'] as const) {
    const other = side === 'account' ? 'contact' : 'account';
    const base = `/api/v1/${side}s/:id/${other}s`;
    const tags = [`${side}s`];
    const read = { module: 'customers', scope: `${side}:read` };
    const write = { module: 'customers', scope: `${side}:write` };
    const ids = (id: string, otherId: string) => (side === 'account' ? [id, otherId] : [otherId, id]) as [string, string];

    r.get(base, {
      schema: { tags, summary: `The ${other}s linked to a ${side}, with role, primary flag and reporting line`, params: ZRecordParams, response: { 200: ZAccountContactLinkListResponse } },
      config: read,
    }, async (request) => listLinks(request.ctx(), side === 'account' ? { accountId: request.params.id } : { contactId: request.params.id }));

    r.post(base, {
      schema: { tags, summary: `Link a ${other} to a ${side}`, params: ZRecordParams, body: side === 'account' ? ZCreateAccountContactRequest : ZCreateContactAccountRequest, response: { 201: ZAccountContactLink } },
      config: write,
    }, async (request, reply) => {
      const { contactId, accountId, ...input } = request.body as { contactId?: string; accountId?: string } & z.infer<typeof ZUpdateLinkRequest>;
      const [a, c] = ids(request.params.id, (contactId ?? accountId)!);
      return reply.status(201).send(await createLink(request.ctx(), side, a, c, input));
    });

    r.patch(`${base}/:otherId`, {
      schema: { tags, summary: `Change the role, primary flag or reporting line of a link`, params: ZLinkParams, body: ZUpdateLinkRequest, response: { 200: ZAccountContactLink } },
      config: write,
    }, async (request) => updateLink(request.ctx(), side, ...ids(request.params.id, request.params.otherId), request.body));

    r.delete(`${base}/:otherId`, {
      schema: { tags, summary: `Unlink a ${other}`, params: ZLinkParams },
      config: write,
    }, async (request, reply) => {
      await deleteLink(request.ctx(), side, ...ids(request.params.id, request.params.otherId));
      return reply.status(204).send();
    });
  }

  r.get('/api/v1/accounts/:id/hierarchy', {
    schema: { tags: ['accounts'], summary: 'Ancestors, siblings and subsidiaries of an account', params: ZRecordParams, response: { 200: ZAccountHierarchyResponse } },
    config: { module: 'customers', scope: 'account:read' },
  }, async (request) => getAccountHierarchy(request.ctx(), request.params.id));

  r.get('/api/v1/accounts/:id/graph', {
    schema: { tags: ['accounts'], summary: 'Decision-chain graph: parent, subsidiaries, contacts with roles and reporting lines', params: ZRecordParams, response: { 200: ZAccountGraphResponse } },
    config: { module: 'customers', scope: 'account:read' },
  }, async (request) => getAccountGraph(request.ctx(), request.params.id));
}
