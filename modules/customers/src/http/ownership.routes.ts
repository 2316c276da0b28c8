import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZAssignmentRule, ZAssignmentRuleListQuery, ZAssignmentRuleListResponse, ZAssignOwnerRequest, ZBulkAssignRequest, ZBulkAssignResponse,
  ZClaimResponse, ZCreateAssignmentRuleRequest, ZLifecycleFunnelQuery, ZLifecycleFunnelResponse, ZLifecycleHistoryResponse,
  ZOwnershipHistoryResponse, ZOwnershipSettingsResponse, ZOwnershipStatus, ZPoolListQuery, ZPoolListResponse, ZRecordParams,
  ZReleaseToPoolRequest, ZReorderAssignmentRulesRequest, ZUpdateAssignmentRuleRequest, ZUpdateOwnershipFlagsRequest, ZUpdateOwnershipSettingsRequest,
} from '@voyage/contracts';
import { getLifecycleFunnel } from '../lifecycle/get-lifecycle-funnel';
import { listLifecycleHistory } from '../lifecycle/list-lifecycle-history';
import { assignOwner, assignRecordOwner } from '../ownership/assign-owner';
import { claimFromPool } from '../ownership/claim-from-pool';
import { createAssignmentRule } from '../ownership/create-assignment-rule';
import { deleteAssignmentRule } from '../ownership/delete-assignment-rule';
import { getOwnershipStatus } from '../ownership/get-ownership-status';
import { listAssignmentRules } from '../ownership/list-assignment-rules';
import { listOwnershipHistory } from '../ownership/list-ownership-history';
import { listPool } from '../ownership/list-pool';
import { OWNED_KINDS } from '../ownership/owned-kinds';
import { releaseToPool } from '../ownership/release-to-pool';
import { reorderAssignmentRules } from '../ownership/reorder-assignment-rules';
import { updateAssignmentRule } from '../ownership/update-assignment-rule';
import { updateOwnershipFlags } from '../ownership/update-ownership-flags';
import { getOwnershipSettings, OWNERSHIP_SETTINGS_CAPABILITY, updateOwnershipSettings } from '../ownership/update-ownership-settings';

const ZLangQuery = z.object({ lang: z.string().max(10).optional() }).strict();

/** Lifecycle history and funnel, owners and transfers, the public pool (公海), assignment rules. */
export async function ownershipRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['ownership'];

  r.get('/api/v1/customers/lifecycle/funnel', {
    schema: { tags, summary: 'Records entering each lifecycle stage in a period, with conversion to the next', querystring: ZLifecycleFunnelQuery, response: { 200: ZLifecycleFunnelResponse } },
    config: { module: 'customers' },
  }, async (request) => getLifecycleFunnel(request.ctx(), request.query));

  r.get('/api/v1/customers/ownership-settings', {
    schema: { tags, summary: 'Public pool and reclaim settings', querystring: ZLangQuery, response: { 200: ZOwnershipSettingsResponse } },
    config: { module: 'customers' },
  }, async (request) => getOwnershipSettings(request.ctx()));

  r.put('/api/v1/customers/ownership-settings', {
    schema: { tags, summary: 'Change public pool and reclaim settings', body: ZUpdateOwnershipSettingsRequest, response: { 200: ZOwnershipSettingsResponse } },
    config: { module: 'customers', capability: OWNERSHIP_SETTINGS_CAPABILITY, scope: 'settings:write' },
  }, async (request) => updateOwnershipSettings(request.ctx(), request.body));

  r.get('/api/v1/customers/assignment-rules', {
    schema: { tags, summary: 'Owner assignment rules in the order they are tried', querystring: ZAssignmentRuleListQuery, response: { 200: ZAssignmentRuleListResponse } },
    config: { module: 'customers', capability: OWNERSHIP_SETTINGS_CAPABILITY, scope: 'settings:read' },
  }, async (request) => listAssignmentRules(request.ctx(), request.query.object));

  r.post('/api/v1/customers/assignment-rules', {
    schema: { tags, summary: 'Add an assignment rule (round robin, or field match with list-filter conditions)', body: ZCreateAssignmentRuleRequest, response: { 201: ZAssignmentRule } },
    config: { module: 'customers', capability: OWNERSHIP_SETTINGS_CAPABILITY, scope: 'settings:write' },
  }, async (request, reply) => reply.status(201).send(await createAssignmentRule(request.ctx(), request.body)));

  r.put('/api/v1/customers/assignment-rules/order', {
    schema: { tags, summary: 'Set the order of an object\'s assignment rules', body: ZReorderAssignmentRulesRequest, response: { 200: ZAssignmentRuleListResponse } },
    config: { module: 'customers', capability: OWNERSHIP_SETTINGS_CAPABILITY, scope: 'settings:write' },
  }, async (request) => reorderAssignmentRules(request.ctx(), request.body));

  r.patch('/api/v1/customers/assignment-rules/:id', {
    schema: { tags, summary: 'Change an assignment rule (send its version)', params: ZRecordParams, body: ZUpdateAssignmentRuleRequest, response: { 200: ZAssignmentRule } },
    config: { module: 'customers', capability: OWNERSHIP_SETTINGS_CAPABILITY, scope: 'settings:write' },
  }, async (request) => updateAssignmentRule(request.ctx(), request.params.id, request.body));

  r.delete('/api/v1/customers/assignment-rules/:id', {
    schema: { tags, summary: 'Delete an assignment rule', params: ZRecordParams },
    config: { module: 'customers', capability: OWNERSHIP_SETTINGS_CAPABILITY, scope: 'settings:write' },
  }, async (request, reply) => {
    await deleteAssignmentRule(request.ctx(), request.params.id);
    return reply.status(204).send();
  });

  for (const kind of OWNED_KINDS) {
    const base = `/api/v1/${kind.plural}`;
    const read = { module: 'customers', scope: `${kind.object}:read` };
    const write = { module: 'customers', scope: `${kind.object}:write` };

    r.get(`${base}/:id/lifecycle`, {
      schema: { tags, summary: `Lifecycle stage history of a ${kind.object}`, params: ZRecordParams, querystring: ZLangQuery, response: { 200: ZLifecycleHistoryResponse } },
      config: read,
    }, async (request) => listLifecycleHistory(request.ctx(), kind, request.params.id));

    r.get(`${base}/:id/ownership`, {
      schema: { tags, summary: `Owner, pool state and level of a ${kind.object}`, params: ZRecordParams, querystring: ZLangQuery, response: { 200: ZOwnershipStatus } },
      config: read,
    }, async (request) => getOwnershipStatus(request.ctx(), kind, request.params.id));

    r.patch(`${base}/:id/ownership`, {
      schema: { tags, summary: `Set the customer level or reclaim exemption of a ${kind.object}`, params: ZRecordParams, body: ZUpdateOwnershipFlagsRequest, response: { 200: ZOwnershipStatus } },
      config: write,
    }, async (request) => {
      await updateOwnershipFlags(request.ctx(), kind, request.params.id, request.body);
      return getOwnershipStatus(request.ctx(), kind, request.params.id);
    });

    r.get(`${base}/:id/ownership-history`, {
      schema: { tags, summary: `Owner changes of a ${kind.object}`, params: ZRecordParams, querystring: ZLangQuery, response: { 200: ZOwnershipHistoryResponse } },
      config: read,
    }, async (request) => listOwnershipHistory(request.ctx(), kind, request.params.id));

    r.post(`${base}/:id/assign`, {
      schema: { tags, summary: `Give a ${kind.object} to another owner`, params: ZRecordParams, body: ZAssignOwnerRequest, response: { 200: ZOwnershipStatus } },
      config: write,
    }, async (request) => {
      await assignRecordOwner(request.ctx(), kind, request.params.id, request.body.ownerId, request.body.reason);
      return getOwnershipStatus(request.ctx(), kind, request.params.id);
    });

    r.post(`${base}/bulk/assign`, {
      schema: { tags, summary: `Give many ${kind.plural} to one owner; records outside your scope are skipped`, body: ZBulkAssignRequest, response: { 200: ZBulkAssignResponse } },
      config: write,
    }, async (request) => assignOwner(request.ctx(), kind, request.body.ids, request.body.ownerId, 'bulk', request.body.reason));

    r.post(`${base}/:id/release`, {
      schema: { tags, summary: `Return a ${kind.object} to the public pool, with a reason`, params: ZRecordParams, body: ZReleaseToPoolRequest },
      config: write,
    }, async (request, reply) => {
      await releaseToPool(request.ctx(), kind, request.params.id, request.body.reason);
      return reply.status(204).send();
    });

    r.get(`/api/v1/pool/${kind.plural}`, {
      schema: { tags, summary: `${kind.plural} in the public pool (公海), with your claim limits`, querystring: ZPoolListQuery, response: { 200: ZPoolListResponse } },
      config: read,
    }, async (request) => listPool(request.ctx(), kind, request.query));

    r.post(`/api/v1/pool/${kind.plural}/:id/claim`, {
      schema: { tags, summary: `Claim a ${kind.object} from the public pool`, params: ZRecordParams, response: { 200: ZClaimResponse } },
      config: write,
    }, async (request) => claimFromPool(request.ctx(), kind, request.params.id));
  }
}
