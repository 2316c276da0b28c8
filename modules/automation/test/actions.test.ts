import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, newId } from '@voyage/kernel';
import { isPrivateAddress } from '../src/actions/public-address';
import { addMember, createWorld, signIn, type SignedIn, type World } from '@voyage/testing';
import { api, runAction } from './actions-fixtures';

let w: World;
let call: ReturnType<typeof api>;
let boss: SignedIn;
let rep: SignedIn;
const DAY = 86_400_000;
const q = <T>(text: string, params: unknown[] = []) => w.t.database.query<T>(text, params);
const errorOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);

async function contact(body: Record<string, unknown>): Promise<{ id: string; version: number }> {
  const res = await call(w.admin, 'POST', '/api/v1/contacts', body);
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json();
}
async function deal(body: Record<string, unknown>): Promise<{ id: string; version: number; stageId: string; pipelineId: string }> {
  const res = await call(w.admin, 'POST', '/api/v1/deals', body);
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json();
}

beforeAll(async () => {
  w = await createWorld();
  call = api(w);
  boss = await w.member('manager', 'Boss');
  rep = await signIn(w.t, await addMember(w.t.database, w.workspaceId, w.roleIds.rep, { name: 'Idle Rep', supervisorId: boss.userId }), w.workspaceId);
});
afterAll(() => w.t.close());

describe('send_email', () => {
  it('queues one mail per step key, with escaped merge fields and an open-tracking pixel; describe writes nothing', async () => {
    const template = await call(w.admin, 'POST', '/api/v1/email-templates', { name: 'Hello', object: 'contact', subject: 'Hi {{record.name}}', body: '<p>Dear {{record.name}}, from {{owner.name}}</p>' });
    expect(template.statusCode, template.body).toBe(201);
    const c = await contact({ name: '<b>Zhang & Co</b>', email: 'zhang@example.com', ownerId: rep.userId });
    const mails = () => q<{ subject: string; html_body: string; text_body: string }>('select subject, html_body, text_body from mail_messages where workspace_id = $1 and to_address = $2', [w.workspaceId, 'zhang@example.com']);
    const input = { templateId: template.json().id, to: 'record' };

    const described = await runAction(w, { action: 'automation.send_email', input, object: 'contact', recordId: c.id, mode: 'describe' });
    expect(described.summary).toBe('Send "Hi <b>Zhang & Co</b>" to zhang@example.com');
    expect(await mails()).toEqual([]);

    const key = newId();
    const first = await runAction(w, { action: 'automation.send_email', input, object: 'contact', recordId: c.id, key });
    const second = await runAction(w, { action: 'automation.send_email', input, object: 'contact', recordId: c.id, key });
    expect(second.output).toMatchObject({ repeated: true, sendId: first.output.sendId });
    const sent = await mails();
    expect(sent).toHaveLength(1);
    expect(sent[0].subject).toBe('Hi <b>Zhang & Co</b>');
    expect(sent[0].html_body).toContain('<p>Dear &lt;b&gt;Zhang &amp; Co&lt;/b&gt;, from Idle Rep</p>');
    expect(sent[0].html_body).toMatch(/<img src="http:\/\/localhost:\d+\/api\/v1\/t\/o\/[\w-]+\.[\w-]+\.gif"/);
    expect(sent[0].text_body).toBe('Dear <b>Zhang & Co</b>, from Idle Rep');
    expect(await q('select run_id from automation_email_sends where workspace_id = $1', [w.workspaceId])).toHaveLength(1);

    const toOwner = await runAction(w, { action: 'automation.send_email', input: { templateId: input.templateId, to: 'owner' }, object: 'contact', recordId: c.id });
    const [repUser] = await q<{ email: string }>('select email from users where id = $1', [rep.userId]);
    expect(toOwner.output.to).toBe(repUser.email);

    const noEmail = await contact({ name: 'Silent' });
    const err = await errorOf(runAction(w, { action: 'automation.send_email', input, object: 'contact', recordId: noEmail.id }));
    expect(err?.code).toBe('automation.action.no_recipient');
  });
});

describe('update_fields and tags', () => {
  it('changes fields through the module (audit, updated event with changes); bad values are a 400 naming the field', async () => {
    const c = await contact({ name: 'Li Lei', email: 'li@example.com' });
    await runAction(w, { action: 'automation.update_fields', input: { values: { lifecycleStage: 'customer', title: 'Buyer at {{record.name}}' } }, object: 'contact', recordId: c.id });
    const [row] = await q<{ lifecycle_stage: string; title: string; version: number }>('select lifecycle_stage, title, version from contacts where id = $1', [c.id]);
    expect(row).toEqual({ lifecycle_stage: 'customer', title: 'Buyer at Li Lei', version: c.version + 1 });
    const audit = await q<{ new_values: Record<string, unknown> }>(`select new_values from audit_log where workspace_id = $1 and record_id = $2 and action = 'update'`, [w.workspaceId, c.id]);
    expect(audit.map((a) => a.new_values)).toEqual([{ lifecycleStage: 'customer', title: 'Buyer at Li Lei' }]);
    const events = await q<{ payload: { changes: Record<string, unknown>; previous: Record<string, unknown> } }>(`select payload from outbox where workspace_id = $1 and event = 'customers.contact.updated' and payload->>'id' = $2`, [w.workspaceId, c.id]);
    expect(events[0].payload.changes).toMatchObject({ lifecycleStage: 'customer' });
    expect(events[0].payload.previous).toMatchObject({ lifecycleStage: null });

    const d = await deal({ name: 'Negative', amountMinor: 100 });
    const bad = await errorOf(runAction(w, { action: 'automation.update_fields', input: { values: { amountMinor: -5 } }, object: 'deal', recordId: d.id }));
    expect([bad?.code, (bad?.details as { fields: Array<{ field: string }> }).fields[0].field]).toEqual(['validation_failed', 'amountMinor']);
  });

  it('adds and removes tags as a set', async () => {
    const c = await contact({ name: 'Tagged', tags: ['old'] });
    const tags = async () => (await q<{ tags: string[] }>('select tags from contacts where id = $1', [c.id]))[0].tags;
    expect((await runAction(w, { action: 'automation.add_tag', input: { tags: ['vip', 'old'] }, object: 'contact', recordId: c.id })).output).toEqual({ tags: ['old', 'vip'], changed: true });
    expect((await runAction(w, { action: 'automation.add_tag', input: { tags: ['vip'] }, object: 'contact', recordId: c.id })).output.changed).toBe(false);
    await runAction(w, { action: 'automation.remove_tag', input: { tags: ['old'] }, object: 'contact', recordId: c.id });
    expect(await tags()).toEqual(['vip']);
  });
});

describe('assign_owner', () => {
  it('rotates fairly over the pool, gives a rerun of a step the same member, and assigns by the first matching rule', async () => {
    const pool = [await addMember(w.t.database, w.workspaceId, w.roleIds.rep, { name: 'A' }), await addMember(w.t.database, w.workspaceId, w.roleIds.rep, { name: 'B' }), await addMember(w.t.database, w.workspaceId, w.roleIds.rep, { name: 'C' })];
    const workflowId = newId();
    const owners: string[] = [];
    const keys: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const c = await contact({ name: `Lead ${i}` });
      keys.push(newId());
      owners.push((await runAction(w, { action: 'automation.assign_owner', input: { mode: 'round_robin', userIds: pool }, object: 'contact', recordId: c.id, workflowId, stepId: 'assign', key: keys[i] })).output.ownerId as string);
      const [row] = await q<{ owner_id: string }>('select owner_id from contacts where id = $1', [c.id]);
      expect(row.owner_id).toBe(owners[i]);
    }
    const sorted = [...pool].sort();
    expect(owners).toEqual([...sorted, ...sorted]);
    const c = await contact({ name: 'Rerun' });
    expect((await runAction(w, { action: 'automation.assign_owner', input: { mode: 'round_robin', userIds: pool }, object: 'contact', recordId: c.id, workflowId, stepId: 'assign', key: keys[5] })).output.ownerId).toBe(owners[5]);
    expect((await runAction(w, { action: 'automation.assign_owner', input: { mode: 'round_robin', userIds: pool }, object: 'contact', recordId: c.id, workflowId, stepId: 'assign' })).output.ownerId).toBe(sorted[0]);

    const rules = [{ rules: { op: 'and', rules: [{ field: 'lifecycleStage', operator: 'eq', value: 'customer' }] }, userId: pool[0] }];
    const customer = await contact({ name: 'Customer', lifecycleStage: 'customer' });
    const prospect = await contact({ name: 'Prospect', lifecycleStage: 'lead' });
    expect((await runAction(w, { action: 'automation.assign_owner', input: { mode: 'rule', rules, fallbackUserId: pool[1] }, object: 'contact', recordId: customer.id })).output.ownerId).toBe(pool[0]);
    expect((await runAction(w, { action: 'automation.assign_owner', input: { mode: 'rule', rules, fallbackUserId: pool[1] }, object: 'contact', recordId: prospect.id })).output.ownerId).toBe(pool[1]);
    const none = await errorOf(runAction(w, { action: 'automation.assign_owner', input: { mode: 'rule', rules }, object: 'contact', recordId: prospect.id }));
    expect(none?.code).toBe('automation.action.no_owner');

    // A rule naming a field the object does not have is refused at publish, naming it.
    const draft = { nodes: [
      { id: 't', type: 'trigger', position: { x: 0, y: 0 }, trigger: { kind: 'record_created', object: 'contact' } },
      { id: 'assign', type: 'action', position: { x: 0, y: 100 }, action: 'automation.assign_owner', input: { mode: 'rule', rules: [{ rules: { op: 'and', rules: [{ field: 'ghost', operator: 'eq', value: 1 }] }, userId: pool[0] }] } },
    ], edges: [{ id: 'e', source: 't', target: 'assign' }] };
    const wf = (await call(w.admin, 'POST', '/api/v1/workflows', { name: 'Assign by rule', draft })).json();
    const published = await call(w.admin, 'POST', `/api/v1/workflows/${wf.id}/publish`, { version: wf.version });
    expect(published.statusCode).toBe(422);
    expect(published.json().error.details.issues.map((i: { path: string }) => i.path)).toEqual(['nodes.assign.input.rules.0.rules.rules.0.field']);
  });
});

describe('create_record and notify', () => {
  it('creates a record once per step key', async () => {
    const c = await contact({ name: 'Wang Fang' });
    const key = newId();
    const first = await runAction(w, { action: 'automation.create_record', input: { object: 'account', values: { name: 'Account of {{record.name}}' } }, object: 'contact', recordId: c.id, key });
    const again = await runAction(w, { action: 'automation.create_record', input: { object: 'account', values: { name: 'Account of {{record.name}}' } }, object: 'contact', recordId: c.id, key });
    expect(again.output).toMatchObject({ id: first.output.id, repeated: true });
    expect(await q(`select id from accounts where workspace_id = $1 and name = 'Account of Wang Fang'`, [w.workspaceId])).toHaveLength(1);
  });

  it('notifies the owner\'s supervisor in the app and by email, once per step key', async () => {
    const d = await deal({ name: 'Big one', ownerId: rep.userId });
    const key = newId();
    const input = { supervisor: true, title: 'Look at {{record.name}}', email: true };
    const described = await runAction(w, { action: 'automation.notify', input, object: 'deal', recordId: d.id, mode: 'describe' });
    expect(described.summary).toBe('Notify Boss in the app and by email: Look at Big one');
    for (let i = 0; i < 2; i += 1) await runAction(w, { action: 'automation.notify', input, object: 'deal', recordId: d.id, key });
    const notes = await q<{ title: string; link: string }>(`select title, link from notifications where workspace_id = $1 and user_id = $2 and kind = 'workflow'`, [w.workspaceId, boss.userId]);
    expect(notes).toEqual([{ title: 'Look at Big one', link: `/deals/${d.id}` }]);
    const [bossUser] = await q<{ email: string }>('select email from users where id = $1', [boss.userId]);
    expect(await q(`select id from mail_messages where workspace_id = $1 and to_address = $2 and subject = 'Look at Big one'`, [w.workspaceId, bossUser.email])).toHaveLength(1);
    expect(await q(`select id from notifications where workspace_id = $1 and user_id = $2 and kind = 'workflow'`, [w.workspaceId, rep.userId])).toEqual([]);
  });
});

describe('webhook', () => {
  let server: Server;
  const received: Array<{ url: string; headers: Record<string, string | string[] | undefined>; body: string }> = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => { body += chunk; });
      req.on('end', () => {
        received.push({ url: req.url ?? '', headers: req.headers, body });
        res.statusCode = req.url === '/fail' ? 503 : 204;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('POSTs the record signed the Standard Webhooks way (verifiable by the receiver); a non-2xx answer fails the step', async () => {
    const port = (server.address() as AddressInfo).port;
    const secret = `whsec_${Buffer.from('a-secret-of-thirty-two-bytes!!!!').toString('base64')}`;
    const c = await contact({ name: 'Hooked', email: 'hook@example.com' });
    // By default a workflow may not call into the server's own network (SSRF).
    const blocked = await errorOf(runAction(w, { action: 'automation.webhook', input: { url: `http://127.0.0.1:${port}/in`, secret }, object: 'contact', recordId: c.id }));
    expect(blocked?.code).toBe('automation.action.webhook_blocked');
    expect(blocked?.params).toMatchObject({ address: '127.0.0.1' });
    expect(received).toHaveLength(0);
    // A name is checked on the connection itself, against the addresses it connects to (no DNS
    // rebinding between a check and the call): localhost resolves to loopback and is refused.
    const named = await errorOf(runAction(w, { action: 'automation.webhook', input: { url: `http://localhost:${port}/in`, secret }, object: 'contact', recordId: c.id }));
    expect(named?.code).toBe('automation.action.webhook_blocked');
    expect(['127.0.0.1', '::1']).toContain(named?.params?.address);
    expect(received).toHaveLength(0);
    for (const a of ['10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '::1', 'fd00::1', '::ffff:127.0.0.1', '0.0.0.0']) expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111']) expect(isPrivateAddress(a), a).toBe(false);
    // This receiver is local, so the test allows private addresses as a deployment could.
    (w.t.env as { WEBHOOK_ALLOW_PRIVATE: string }).WEBHOOK_ALLOW_PRIVATE = 'true';
    const key = newId();
    const { output } = await runAction(w, { action: 'automation.webhook', input: { url: `http://127.0.0.1:${port}/in`, secret }, object: 'contact', recordId: c.id, key });
    expect(output).toMatchObject({ status: 204 });
    const got = received.at(-1)!;
    expect(got.headers['webhook-id']).toBe(key);
    const timestamp = Number(got.headers['webhook-timestamp']);
    expect(Math.abs(Date.now() / 1000 - timestamp)).toBeLessThan(60);
    const expected = createHmac('sha256', Buffer.from('a-secret-of-thirty-two-bytes!!!!')).update(`${key}.${timestamp}.${got.body}`).digest('base64');
    expect(got.headers['webhook-signature']).toBe(`v1,${expected}`);
    expect(JSON.parse(got.body)).toMatchObject({ data: { object: 'contact', id: c.id, values: { name: 'Hooked', email: 'hook@example.com' } } });
    // Allowed, the same name is called, with its own Host header.
    const byName = await runAction(w, { action: 'automation.webhook', input: { url: `http://localhost:${port}/in`, secret }, object: 'contact', recordId: c.id });
    expect(byName.output).toMatchObject({ status: 204 });
    expect(received.at(-1)!.headers.host).toBe(`localhost:${port}`);

    const failed = await errorOf(runAction(w, { action: 'automation.webhook', input: { url: `http://127.0.0.1:${port}/fail`, secret }, object: 'contact', recordId: c.id }));
    expect(failed?.code).toBe('automation.action.webhook_failed');
    const describedBefore = received.length;
    await runAction(w, { action: 'automation.webhook', input: { url: `http://127.0.0.1:${port}/in`, secret }, object: 'contact', recordId: c.id, mode: 'describe' });
    expect(received).toHaveLength(describedBefore);
  });
});

describe('sales.create_task', () => {
  it('creates one task per step key for the owner, the supervisor or a linked record\'s owner, related to the record', async () => {
    const account = await call(w.admin, 'POST', '/api/v1/accounts', { name: 'Owned by Boss', ownerId: boss.userId });
    expect(account.statusCode, account.body).toBe(201);
    const d = await deal({ name: 'Quiet deal', ownerId: rep.userId, accountId: account.json().id });
    const tasks = () => q<{ title: string; owner_id: string; related_type: string; related_id: string; due_at: Date; priority: string }>(`select title, owner_id, related_type, related_id, due_at, priority from tasks where workspace_id = $1 and related_id = $2 order by created_at`, [w.workspaceId, d.id]);
    const now = new Date();
    const input = { title: 'Call about {{record.name}}', dueInDays: 2, priority: 'high' };

    expect((await runAction(w, { action: 'sales.create_task', input, object: 'deal', recordId: d.id, mode: 'describe', now })).summary).toBe(`Create the task "Call about Quiet deal" for Idle Rep, due ${new Date(now.getTime() + 2 * DAY).toISOString().slice(0, 10)}`);
    expect(await tasks()).toEqual([]);

    const key = newId();
    await runAction(w, { action: 'sales.create_task', input, object: 'deal', recordId: d.id, key, now });
    const again = await runAction(w, { action: 'sales.create_task', input, object: 'deal', recordId: d.id, key, now });
    expect(again.output.created).toBe(false);
    expect((await tasks()).map((t) => [t.title, t.owner_id, t.related_type, t.priority, t.due_at.toISOString()])).toEqual([['Call about Quiet deal', rep.userId, 'deal', 'high', new Date(now.getTime() + 2 * DAY).toISOString()]]);

    await runAction(w, { action: 'sales.create_task', input: { ...input, assignee: 'supervisor' }, object: 'deal', recordId: d.id });
    await runAction(w, { action: 'sales.create_task', input: { ...input, assignee: 'linked_owner', linkField: 'accountId' }, object: 'deal', recordId: d.id });
    expect((await tasks()).map((t) => t.owner_id)).toEqual([rep.userId, boss.userId, boss.userId]);
  });
});

describe('deal events for field triggers', () => {
  it('emits sales.deal.updated with changes and previous on an edit and on a stage move', async () => {
    const d = await deal({ name: 'Evented', amountMinor: 1000 });
    const edited = await call(w.admin, 'PATCH', `/api/v1/deals/${d.id}`, { version: d.version, amountMinor: 2500 });
    expect(edited.statusCode, edited.body).toBe(200);
    const pipeline = (await call(w.admin, 'GET', '/api/v1/pipelines')).json().data.find((p: { id: string }) => p.id === d.pipelineId) as { stages: Array<{ id: string; kind: string }> };
    const next = pipeline.stages.find((s) => s.kind === 'open' && s.id !== d.stageId)!;
    const moved = await call(w.admin, 'POST', `/api/v1/deals/${d.id}/move`, { version: edited.json().version, stageId: next.id });
    expect(moved.statusCode, moved.body).toBe(200);
    const events = await q<{ payload: { changes: Record<string, unknown>; previous: Record<string, unknown> } }>(`select payload from outbox where workspace_id = $1 and event = 'sales.deal.updated' and payload->>'id' = $2 order by occurred_at, id`, [w.workspaceId, d.id]);
    expect(events.map((e) => [e.payload.changes, e.payload.previous])).toEqual([
      [{ amountMinor: 2500 }, { amountMinor: 1000 }],
      [{ stageId: next.id, status: 'open' }, { stageId: d.stageId, status: 'open' }],
    ]);
  });
});
