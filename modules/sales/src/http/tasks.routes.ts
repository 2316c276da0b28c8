import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ZCompleteTaskResponse, ZCreateTaskRequest, ZIcalFeedResponse, ZRecordParams, ZTask, ZTaskListQuery, ZTaskListResponse, ZTaskVersionRequest, ZUpdateTaskRequest,
} from '@voyage/contracts';
import { translate, type JobSender } from '@voyage/kernel';
import { completeTask, reopenTask } from '../tasks/complete-task';
import { createTask } from '../tasks/create-task';
import { deleteTask, restoreTask } from '../tasks/delete-task';
import { findTask } from '../tasks/find-task';
import { icalFeedUrl, renderIcalFeed, rotateIcalToken } from '../tasks/ical/ical-feed';
import { listTasks } from '../tasks/list-tasks';
import { tasksToWire } from '../tasks/task-wire';
import { updateTask } from '../tasks/update-task';

/** Tasks and meetings, My day and the calendar read them; the private iCal feed of each user. */
export async function taskRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const send: JobSender = (name, data, options) => app.services.jobs.send(name, data, options);
  const tags = ['tasks'];
  const config = { module: 'sales' };
  const baseUrl = (request: FastifyRequest) => (app.services.env.PUBLIC_URL ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');

  r.get('/api/v1/tasks', {
    config, schema: { tags, summary: 'List tasks and meetings (list conventions; mine, status, kind, priority, relatedType, relatedId, from, to)', querystring: ZTaskListQuery, response: { 200: ZTaskListResponse } },
  }, async (request) => listTasks(request.ctx(), request.query));

  r.post('/api/v1/tasks', {
    config, schema: { tags, summary: 'Create a task or meeting', body: ZCreateTaskRequest, response: { 201: ZTask } },
  }, async (request, reply) => reply.status(201).send(await createTask(request.ctx(), request.body, send)));

  r.get('/api/v1/tasks/:id', {
    config, schema: { tags, summary: 'One task', params: ZRecordParams, response: { 200: ZTask } },
  }, async (request) => {
    const ctx = request.ctx();
    return (await tasksToWire(ctx.db, ctx.workspaceId, [await findTask(ctx, request.params.id)]))[0];
  });

  r.patch('/api/v1/tasks/:id', {
    config, schema: { tags, summary: 'Change a task (send its current version)', params: ZRecordParams, body: ZUpdateTaskRequest, response: { 200: ZTask } },
  }, async (request) => updateTask(request.ctx(), request.params.id, request.body, send));

  r.post('/api/v1/tasks/:id/complete', {
    config, schema: { tags, summary: 'Mark a task done; a recurring task gets its next occurrence', params: ZRecordParams, body: ZTaskVersionRequest, response: { 200: ZCompleteTaskResponse } },
  }, async (request) => completeTask(request.ctx(), request.params.id, request.body.version, send));

  r.post('/api/v1/tasks/:id/reopen', {
    config, schema: { tags, summary: 'Open a done task again', params: ZRecordParams, body: ZTaskVersionRequest, response: { 200: ZTask } },
  }, async (request) => reopenTask(request.ctx(), request.params.id, request.body.version, send));

  r.delete('/api/v1/tasks/:id', {
    config, schema: { tags, summary: 'Move a task to the trash', params: ZRecordParams },
  }, async (request, reply) => {
    await deleteTask(request.ctx(), request.params.id);
    return reply.status(204).send();
  });

  r.post('/api/v1/tasks/:id/restore', {
    config, schema: { tags, summary: 'Restore a task from the trash', params: ZRecordParams, response: { 200: ZTask } },
  }, async (request) => restoreTask(request.ctx(), request.params.id, send));

  r.get('/api/v1/me/ical', {
    config: { ...config, apiKeys: false }, schema: { tags, summary: 'The URL of my private calendar feed (null until generated)', response: { 200: ZIcalFeedResponse } },
  }, async (request) => ({ url: await icalFeedUrl(request.ctx(), baseUrl(request)) }));

  r.post('/api/v1/me/ical', {
    config: { ...config, apiKeys: false }, schema: { tags, summary: 'Generate or rotate my private calendar feed URL', response: { 200: ZIcalFeedResponse } },
  }, async (request) => ({ url: await rotateIcalToken(request.ctx(), baseUrl(request)) }));

  // No session: the token in the path is the secret (calendar apps cannot sign in).
  app.get<{ Params: { file: string } }>('/ical/:file', async (request, reply) => {
    const token = /^(.+)\.ics$/.exec(request.params.file)?.[1];
    const body = token ? await renderIcalFeed(app.services.database, token, new URL(baseUrl(request)).hostname) : null;
    if (body === null) return reply.status(404).type('text/plain; charset=utf-8').send(translate(request.locale, 'errors.not_found', { what: 'calendar' }));
    return reply.header('cache-control', 'private, max-age=300').type('text/calendar; charset=utf-8').send(body);
  });
}
