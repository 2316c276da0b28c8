import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZCreateRoleRequest, ZListRolesResponse, ZPermissionCatalogResponse, ZRole, ZRoleParams, ZUpdateRoleRequest } from '@voyage/contracts';
import { buildPermissionCatalog, createRole, deleteRole, listRoles, notFound, updateRole } from '@voyage/kernel';

const tags = ['roles'];
const read = { capability: 'settings.roles', scope: 'roles:read' } as const;
const write = { capability: 'settings.roles', scope: 'roles:write' } as const;

/** Roles: object rights, data scope, field rules and capabilities (P4). */
export async function rolesRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const registry = () => app.services.registry;

  r.get('/api/v1/permissions/catalog', {
    schema: { tags, summary: 'Objects, fields, actions, data scopes and capabilities a role can grant', response: { 200: ZPermissionCatalogResponse } },
    config: { scope: 'roles:read' },
  }, async () => buildPermissionCatalog(registry()));

  r.get('/api/v1/roles', {
    schema: { tags, summary: 'List roles', response: { 200: ZListRolesResponse } },
    config: read,
  }, async (request) => ({ data: await listRoles(request.ctx()) }));

  r.get('/api/v1/roles/:id', {
    schema: { tags, summary: 'One role', params: ZRoleParams, response: { 200: ZRole } },
    config: read,
  }, async (request) => {
    const [role] = await listRoles(request.ctx(), { id: request.params.id });
    if (!role) throw notFound('role');
    return role;
  });

  r.post('/api/v1/roles', {
    schema: { tags, summary: 'Create a role', body: ZCreateRoleRequest, response: { 201: ZRole } },
    config: write,
  }, async (request, reply) => reply.status(201).send(await createRole(request.ctx(), registry(), request.body)));

  r.patch('/api/v1/roles/:id', {
    schema: { tags, summary: 'Change a role', params: ZRoleParams, body: ZUpdateRoleRequest, response: { 200: ZRole } },
    config: write,
  }, async (request) => updateRole(request.ctx(), registry(), request.params.id, request.body));

  r.delete('/api/v1/roles/:id', {
    schema: { tags, summary: 'Delete a role nobody holds', params: ZRoleParams },
    config: write,
  }, async (request, reply) => {
    await deleteRole(request.ctx(), request.params.id);
    return reply.status(204).send();
  });
}
