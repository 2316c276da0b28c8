import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZCreateDepartmentRequest, ZDepartment, ZDepartmentParams, ZListDepartmentsResponse, ZUpdateDepartmentRequest } from '@voyage/contracts';
import { createDepartment, deleteDepartment, listDepartments, updateDepartment } from '@voyage/kernel';

const tags = ['departments'];
const manage = { capability: 'settings.users', scope: 'users:write' } as const;

/** The department tree (P2). Anyone may read it; changes need `settings.users`. */
export async function departmentsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/departments', {
    schema: { tags, summary: 'All departments as a flat list (build the tree from parentId)', response: { 200: ZListDepartmentsResponse } },
    config: { scope: 'users:read' },
  }, async (request) => ({ data: await listDepartments(request.ctx()) }));

  r.post('/api/v1/departments', {
    schema: { tags, summary: 'Create a department', body: ZCreateDepartmentRequest, response: { 201: ZDepartment } },
    config: manage,
  }, async (request, reply) => reply.status(201).send(await createDepartment(request.ctx(), request.body)));

  r.patch('/api/v1/departments/:id', {
    schema: { tags, summary: 'Rename, move or change the head of a department', params: ZDepartmentParams, body: ZUpdateDepartmentRequest, response: { 200: ZDepartment } },
    config: manage,
  }, async (request) => updateDepartment(request.ctx(), request.params.id, request.body));

  r.delete('/api/v1/departments/:id', {
    schema: { tags, summary: 'Delete an empty department', params: ZDepartmentParams },
    config: manage,
  }, async (request, reply) => {
    await deleteDepartment(request.ctx(), request.params.id);
    return reply.status(204).send();
  });
}
