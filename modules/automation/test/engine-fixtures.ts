import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { date, integer, jsonb, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { AppError, emitEvents, newId, registerRecordTable, registerWorkflowDeclarations, type Database, type Labels, type WorkflowActionContext } from '@voyage/kernel';
import type { TWorkflowEdge, TWorkflowGraph, TWorkflowNode } from '@voyage/contracts';
import { createWorld, type World } from '@voyage/testing';
import { processReadyRuns } from '../src/engine/run-steps';
import { sweepDueWaits } from '../src/engine/sweep-timers';

/**
 * A record kind only the engine tests use ("test_thing", in its own table), so the tests control
 * its events, fields and deletion; and test actions: `test.record` writes a row per call (keyed
 * by the idempotency key) and fails while a switch says so, `test.touch` updates the record
 * (its event may start more runs: loops and depth).
 */
export const things = pgTable('test_things', {
  workspaceId: uuid('workspace_id').notNull(),
  id: uuid('id').notNull(),
  name: text('name').notNull(),
  stage: text('stage'),
  amount: numeric('amount'),
  dueOn: date('due_on'),
  ownerId: uuid('owner_id'),
  custom: jsonb('custom').notNull().default({}),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
  version: integer('version').notNull().default(1),
});

const L = (en: string): Labels => ({ en, 'zh-CN': en, 'zh-TW': en });
export const THING_EVENTS = { created: 'test.thing.created', updated: 'test.thing.updated', deleted: 'test.thing.deleted', pinged: 'test.thing.pinged' };

/** How often test actions ran, and whether `test.record` fails now. */
export const control = { failing: false, calls: 0 };

async function loadThings(db: Parameters<NonNullable<Parameters<typeof registerWorkflowDeclarations>[1]['records']>[number]['load']>[0], workspaceId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, Record<string, unknown>>();
  const rows = await db.select().from(things).where(and(eq(things.workspaceId, workspaceId), inArray(things.id, ids), isNull(things.deletedAt)));
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, stage: r.stage, amount: r.amount === null ? null : Number(r.amount), dueOn: r.dueOn, ownerId: r.ownerId } as Record<string, unknown>]));
}

export function registerTestCatalog(): void {
  registerRecordTable('test_thing', { table: things, workspaceId: things.workspaceId, id: things.id, deletedAt: things.deletedAt, title: things.name, ownerId: things.ownerId });
  registerWorkflowDeclarations('test', {
    records: [{
      object: 'test_thing',
      labels: L('Thing'),
      events: { created: THING_EVENTS.created, updated: THING_EVENTS.updated, deleted: THING_EVENTS.deleted },
      list: {
        fields: { name: { column: things.name, kind: 'text' }, stage: { column: things.stage, kind: 'text' }, amount: { column: things.amount, kind: 'number' }, dueOn: { column: things.dueOn, kind: 'date' }, ownerId: { column: things.ownerId, kind: 'uuid' } },
        id: things.id,
        custom: things.custom,
        defaultSort: 'name',
      },
      table: things,
      columns: { workspaceId: things.workspaceId, id: things.id, deletedAt: things.deletedAt, ownerId: things.ownerId },
      fields: [
        { key: 'name', labels: L('Name'), kind: 'text', writable: true },
        { key: 'stage', labels: L('Stage'), kind: 'picklist', writable: true, options: [{ value: 'new', labels: L('New') }, { value: 'won', labels: L('Won') }] },
        { key: 'amount', labels: L('Amount'), kind: 'number', writable: true },
        { key: 'dueOn', labels: L('Due on'), kind: 'date', writable: true },
        { key: 'ownerId', labels: L('Owner'), kind: 'user' },
      ],
      dateFields: { dueOn: things.dueOn },
      load: loadThings,
      async update(ctx, id, values) {
        await updateThing(ctx.db, ctx.workspaceId, id, values, ctx.actor.userId);
      },
    }],
    actions: [
      {
        key: 'test.record',
        labels: L('Record a call'),
        fields: [{ key: 'note', labels: L('Note'), kind: 'text', required: true, merge: true }],
        input: z.object({ note: z.string().min(1).max(200) }),
        async check(_ctx, input) {
          return input.note.includes('{{nope}}') ? [{ field: 'note', code: 'unknown_merge_field', message: 'Unknown merge field nope' }] : [];
        },
        async describe(actx: WorkflowActionContext, input: { note: string }) {
          return { summary: `Would record "${await actx.merge(input.note)}"` };
        },
        async run(actx: WorkflowActionContext, input: { note: string }) {
          control.calls += 1;
          if (control.failing) throw new Error('the test service is down');
          const note = await actx.merge(input.note);
          await actx.ctx.db.execute(sql`insert into test_calls (key, run_id, note) values (${actx.idempotencyKey}, ${actx.runId}, ${note}) on conflict (key) do nothing`);
          return { recorded: note };
        },
      },
      {
        key: 'test.touch',
        labels: L('Touch the record'),
        objects: ['test_thing'],
        fields: [{ key: 'stage', labels: L('Stage'), kind: 'text', required: true }],
        input: z.object({ stage: z.string().min(1) }),
        async describe(_actx, input: { stage: string }) {
          return { summary: `Would set the stage to ${input.stage}` };
        },
        async run(actx: WorkflowActionContext, input: { stage: string }) {
          if (!actx.record) throw new AppError('not_found', { params: { what: 'record' } });
          await updateThing(actx.ctx.db, actx.ctx.workspaceId, actx.record.id, { stage: `${input.stage}-${control.calls++}` }, actx.ctx.actor.userId);
          return {};
        },
      },
    ],
    events: [{ event: THING_EVENTS.pinged, labels: L('Thing pinged'), correlate: { recordIdKey: 'id' }, object: 'test_thing' }],
  });
}

type Db = Parameters<typeof emitEvents>[0];

export async function updateThing(db: Db, workspaceId: string, id: string, values: Record<string, unknown>, actorUserId: string | null = null): Promise<void> {
  const [before] = await db.select().from(things).where(and(eq(things.workspaceId, workspaceId), eq(things.id, id), isNull(things.deletedAt)));
  if (!before) throw new AppError('not_found', { params: { what: 'record' } });
  const changes: Record<string, unknown> = {};
  const previous: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    const old = (before as Record<string, unknown>)[k];
    if (old !== v) { changes[k] = v; previous[k] = old; }
  }
  await db.update(things).set({ ...values, version: sql`${things.version} + 1` }).where(and(eq(things.workspaceId, workspaceId), eq(things.id, id)));
  await emitEvents(db, { workspaceId, event: THING_EVENTS.updated, payload: { id, changes, previous }, actorUserId });
}

export async function createThing(database: Database, workspaceId: string, values: { name: string; stage?: string; ownerId?: string | null; dueOn?: string | null; amount?: number }): Promise<string> {
  const id = newId();
  await database.db.transaction(async (tx) => {
    await tx.insert(things).values({ workspaceId, id, name: values.name, stage: values.stage ?? 'new', ownerId: values.ownerId ?? null, dueOn: values.dueOn ?? null, amount: values.amount === undefined ? null : String(values.amount) });
    await emitEvents(tx, { workspaceId, event: THING_EVENTS.created, payload: { id } });
  });
  return id;
}

/** The world with the test tables and catalogue. */
export async function createEngineWorld(env: Parameters<typeof createWorld>[0] = {}): Promise<World> {
  registerTestCatalog();
  const w = await createWorld(env);
  await w.t.database.query(`create table if not exists test_things (workspace_id uuid not null, id uuid not null, name text not null, stage text, amount numeric, due_on date, owner_id uuid, custom jsonb not null default '{}', deleted_at timestamptz, version int not null default 1, primary key (workspace_id, id))`);
  await w.t.database.query(`create table if not exists test_calls (key text primary key, run_id uuid not null, note text not null)`);
  // Reps may read and change things of their own (the data scope decides which).
  await w.t.database.query(`update roles set permissions = permissions || '{"test_thing": {"read": true, "update": true, "create": true}}'::jsonb where workspace_id = $1`, [w.workspaceId]);
  return w;
}

export const calls = async (w: World) => w.t.database.query<{ key: string; run_id: string; note: string }>('select key, run_id, note from test_calls order by note');

let nodeCount = 0;
/** A graph from a trigger and a chain of steps, connected in order (handles by `from`). */
export function chain(trigger: TWorkflowNode['trigger'], steps: Array<Partial<TWorkflowNode> & { type: TWorkflowNode['type']; id?: string }>, extraEdges: TWorkflowEdge[] = []): TWorkflowGraph {
  const nodes: TWorkflowNode[] = [{ id: 'start', type: 'trigger', position: { x: 0, y: 0 }, trigger }];
  for (const s of steps) nodes.push({ position: { x: 0, y: (nodes.length) * 100 }, ...s, id: s.id ?? `n${++nodeCount}` } as TWorkflowNode);
  const edges: TWorkflowEdge[] = [];
  for (let i = 1; i < nodes.length; i += 1) edges.push({ id: `e${i}`, source: nodes[i - 1].id, target: nodes[i].id });
  return { nodes, edges: [...edges, ...extraEdges] };
}

type Who = { headers: Record<string, string> };
export function api(w: World) {
  return (who: Who, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    w.t.app.inject({ method, url, headers: { ...who.headers, 'accept-language': 'en' }, payload: payload as never });
}

/** Creates, publishes and switches on a workflow; returns its id. */
export async function liveWorkflow(w: World, graph: TWorkflowGraph, name = 'Test workflow'): Promise<string> {
  const call = api(w);
  const created = await call(w.admin, 'POST', '/api/v1/workflows', { name, draft: graph });
  if (created.statusCode !== 201) throw new Error(created.body);
  const wf = created.json() as { id: string; version: number };
  const published = await call(w.admin, 'POST', `/api/v1/workflows/${wf.id}/publish`, { version: wf.version });
  if (published.statusCode !== 200) throw new Error(published.body);
  const on = await call(w.admin, 'PUT', `/api/v1/workflows/${wf.id}/status`, { version: published.json().version, status: 'on' });
  if (on.statusCode !== 200) throw new Error(on.body);
  return wf.id;
}

/** Delivers pending events, fires waits due by `at`, advances ready runs as of `at` (never before the real now), then delivers what they emitted. */
export async function tickEngine(w: World, moved?: Date): Promise<void> {
  await w.t.services.outbox.dispatch();
  const at = moved && moved > new Date() ? moved : new Date();
  await sweepDueWaits(w.t.database, at);
  await processReadyRuns({ env: w.t.env, database: w.t.database, send: (n, d, o) => w.t.services.jobs.send(n, d, o), now: at });
  await w.t.services.outbox.dispatch();
}
