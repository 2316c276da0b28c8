import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZAddMemberRequest, ZListMembersQuery, ZListMembersResponse, ZMember, ZMemberParams, ZUpdateMemberRequest } from '@voyage/contracts';
import { addMember, listMembers, notFound, updateMember } from '@voyage/kernel';

const tags = ['users'];

/** Members of the workspace (P2). Anyone may list them for pickers; changes need `settings.users`. */
export async function usersRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/users', {
    schema: { tags, summary: 'List members with role, department and supervisor', querystring: ZListMembersQuery, response: { 200: ZListMembersResponse } },
    config: { scope: 'users:read' },
  }, async (request) => {
    const { lang: _lang, ...options } = request.query;
    return listMembers(request.ctx(), options);
  });

  r.get('/api/v1/users/:userId', {
    schema: { tags, summary: 'One member', params: ZMemberParams, response: { 200: ZMember } },
    config: { scope: 'users:read' },
  }, async (request) => {
    const { data } = await listMembers(request.ctx(), { userId: request.params.userId });
    if (!data[0]) throw notFound('user');
    return data[0];
  });

  r.post('/api/v1/users', {
    schema: { tags, summary: 'Add a member (creates the account when the email is new)', body: ZAddMemberRequest, response: { 201: ZMember } },
    config: { capability: 'settings.users', scope: 'users:write' },
  }, async (request, reply) => reply.status(201).send(await addMember(request.ctx(), request.body)));

  r.patch('/api/v1/users/:userId', {
    schema: { tags, summary: 'Change a member\'s role, department, supervisor, title or status', params: ZMemberParams, body: ZUpdateMemberRequest, response: { 200: ZMember } },
    config: { capability: 'settings.users', scope: 'users:write' },
  }, async (request) => updateMember(request.ctx(), request.params.userId, request.body));
}
