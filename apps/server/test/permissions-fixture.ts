import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, eq } from 'drizzle-orm';
import { pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { applyFieldSecurity, assertWritableFields, defineModule, loadEnv, newId, notFound, scopedWhere, type Database, type ModuleDefinition } from '@voyage/kernel';
import { buildApp } from '../src/app';
import { createServices } from '../src/runtime';
import { createTestDatabase } from '../../../test/database';
import type { TestApp } from '../../../test/app';

/** A throwaway record table for a test module: the columns every scoped table has, plus two fields. */
export const widgets = pgTable('test_widgets', {
  workspaceId: uuid('workspace_id').notNull(),
  id: uuid('id').notNull(),
  ownerId: uuid('owner_id').notNull(),
  name: text('name').notNull(),
  phone: text('phone'),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
}, (t) => [primaryKey({ columns: [t.workspaceId, t.id] })]);

const CREATE_WIDGETS = `create table test_widgets (workspace_id uuid not null, id uuid not null, owner_id uuid not null, name text not null, phone text, deleted_at timestamptz, primary key (workspace_id, id))`;

const ZWidget = z.object({ id: z.uuid(), ownerId: z.uuid(), name: z.string().optional(), phone: z.string().nullable().optional() });

/** Record routes the way a module writes them: data scope, field security, module gate. */
async function widgetRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const params = z.object({ id: z.uuid() }).strict();
  r.get('/api/v1/test-widgets/:id', { schema: { params, response: { 200: ZWidget } }, config: { module: 'widgets' } }, async (request) => {
    const ctx = request.ctx();
    const where = await scopedWhere(ctx, widgets, 'widget');
    const rows = await ctx.db.select({ id: widgets.id, ownerId: widgets.ownerId, name: widgets.name, phone: widgets.phone }).from(widgets).where(and(where, eq(widgets.id, request.params.id)));
    if (!rows[0]) throw notFound('widget');
    return applyFieldSecurity(ctx.actor, 'widget', rows)[0];
  });
  r.patch('/api/v1/test-widgets/:id', {
    schema: { params, body: z.object({ name: z.string().max(100).optional(), phone: z.string().max(30).optional() }).strict(), response: { 200: ZWidget } },
    config: { module: 'widgets' },
  }, async (request) => {
    const ctx = request.ctx();
    assertWritableFields(ctx.actor, 'widget', request.body);
    const where = await scopedWhere(ctx, widgets, 'widget', { access: 'update' });
    const rows = await ctx.db.update(widgets).set(request.body).where(and(where, eq(widgets.id, request.params.id))).returning({ id: widgets.id, ownerId: widgets.ownerId, name: widgets.name, phone: widgets.phone });
    if (!rows[0]) throw notFound('widget');
    return applyFieldSecurity(ctx.actor, 'widget', rows)[0];
  });
}

const labels = (en: string) => ({ 'zh-CN': en, 'zh-TW': en, en });

export const widgetModule = defineModule({
  key: 'widgets',
  labels: labels('Widgets'),
  enabledByDefault: true,
  objects: [{ key: 'widget', labels: labels('Widget'), table: widgets, fields: [{ key: 'name', labels: labels('Name') }, { key: 'phone', labels: labels('Phone'), sensitive: true }] }],
  routes: widgetRoutes,
});

/** The real app with extra test modules registered before its routes are built. */
export async function createFixtureApp(modules: ModuleDefinition[] = [widgetModule]): Promise<TestApp> {
  const database = await createTestDatabase();
  await database.exec(CREATE_WIDGETS);
  const env = loadEnv({}, { NODE_ENV: 'test', LOG_LEVEL: 'silent', VOYAGE_DEMO: 'false', RATE_LIMIT_PER_MINUTE: '100000' });
  const services = await createServices(env, database);
  for (const module of modules) services.registry.register(module);
  const app = await buildApp(services, { logger: false });
  await app.ready();
  return { app, services, database, env, async close() { await app.close(); await database.close(); } };
}

export async function insertWidget(database: Database, workspaceId: string, ownerId: string, values: { name?: string; phone?: string } = {}): Promise<string> {
  const id = newId();
  await database.db.insert(widgets).values({ workspaceId, id, ownerId, name: values.name ?? 'Widget', phone: values.phone ?? null });
  return id;
}
