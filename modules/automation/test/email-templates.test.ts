import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, translate } from '@voyage/kernel';
import { createWorld, type SignedIn, type World } from '@voyage/testing';
import { trackingToken } from '../src/email-templates/open-tracking';
import { api, runAction } from './actions-fixtures';

let w: World;
let call: ReturnType<typeof api>;
let rep: SignedIn;
const q = <T>(text: string, params: unknown[] = []) => w.t.database.query<T>(text, params);

beforeAll(async () => {
  w = await createWorld();
  call = api(w);
  rep = await w.member('rep', 'Rep');
});
afterAll(() => w.t.close());

describe('email templates', () => {
  it('creates, lists, changes and trashes templates; unknown merge fields are refused at save (422 naming each)', async () => {
    const created = await call(w.admin, 'POST', '/api/v1/email-templates', { name: 'Welcome', object: 'contact', subject: 'Hello {{record.name}}', body: '<p>{{owner.name}} · {{record.custom.missing}}</p>' });
    expect(created.statusCode).toBe(422);
    expect(created.json().error).toMatchObject({ code: 'automation.email_template.unknown_merge_field', details: { fields: [{ field: 'body', code: 'unknown_merge_field', message: 'body uses the unknown merge field {{record.custom.missing}}.' }] } });

    const other = await call(w.admin, 'POST', '/api/v1/email-templates', { name: 'X', object: 'deal', subject: '{{record.nope}}', body: 'ok' });
    expect(other.json().error.details.fields[0].field).toBe('subject');
    expect(translate('zh-CN', 'automation.email_template.unknown_merge_field', { field: 'subject', merge: '{{record.nope}}' })).toBe('subject使用了不存在的合并字段 {{record.nope}}。');
    // Without a record kind only the owner's and the recipient's fields exist.
    expect((await call(w.admin, 'POST', '/api/v1/email-templates', { name: 'Generic', subject: 'Hi {{record.name}}', body: 'x' })).statusCode).toBe(422);
    expect((await call(w.admin, 'POST', '/api/v1/email-templates', { name: 'Odd', object: 'spaceship', subject: 'Hi', body: 'x' })).json().error.details.fields[0].field).toBe('object');

    const ok = await call(w.admin, 'POST', '/api/v1/email-templates', { name: 'Welcome', object: 'contact', subject: 'Hello {{ record.name }}', body: '<p>{{owner.name}} writes to {{recipient.email}}</p>' });
    expect(ok.statusCode, ok.body).toBe(201);
    const template = ok.json();
    expect((await call(w.admin, 'POST', '/api/v1/email-templates', { name: 'welcome', subject: 'x', body: 'y' })).statusCode).toBe(409);

    const stale = await call(w.admin, 'PATCH', `/api/v1/email-templates/${template.id}`, { version: template.version + 1, subject: 'New' });
    expect(stale.statusCode).toBe(409);
    const badEdit = await call(w.admin, 'PATCH', `/api/v1/email-templates/${template.id}`, { version: template.version, subject: '{{record.amountMinor}}' });
    expect(badEdit.statusCode).toBe(422);
    const edited = await call(w.admin, 'PATCH', `/api/v1/email-templates/${template.id}`, { version: template.version, subject: 'Hi {{record.email}}' });
    expect(edited.json()).toMatchObject({ subject: 'Hi {{record.email}}', version: template.version + 1 });

    const list = await call(w.admin, 'GET', '/api/v1/email-templates?object=contact');
    expect(list.json().data.map((t: { name: string }) => t.name)).toEqual(['Welcome']);
    expect((await call(w.admin, 'GET', '/api/v1/email-templates?object=deal')).json().data).toEqual([]);
    const fields = (await call(w.admin, 'GET', '/api/v1/email-templates/merge-fields?object=contact')).json().data as Array<{ path: string; label: string }>;
    expect(fields).toEqual(expect.arrayContaining([{ path: 'record.email', label: 'Contact · Email' }, { path: 'owner.name', label: 'Owner · name' }]));

    expect((await call(w.admin, 'DELETE', `/api/v1/email-templates/${template.id}`)).statusCode).toBe(204);
    expect((await call(w.admin, 'GET', `/api/v1/email-templates/${template.id}`)).statusCode).toBe(404);
    const audit = await q<{ action: string }>(`select action from audit_log where workspace_id = $1 and object = 'email_template' order by at, id`, [w.workspaceId]);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
  });

  it('refuses a member without automation.manage', async () => {
    expect((await call(rep, 'GET', '/api/v1/email-templates')).statusCode).toBe(403);
    expect((await call(rep, 'POST', '/api/v1/email-templates', { name: 'Mine', subject: 'x', body: 'y' })).statusCode).toBe(403);
    expect((await call(rep, 'GET', '/api/v1/email-templates/merge-fields')).statusCode).toBe(403);
  });
});

describe('open tracking', () => {
  it('answers a GIF to anyone, and emits automation.email.opened once per mail with run, step, record and mail', async () => {
    const template = (await call(w.admin, 'POST', '/api/v1/email-templates', { name: 'Tracked', object: 'contact', subject: 'Hi', body: 'Hello {{record.name}}' })).json();
    const contact = (await call(w.admin, 'POST', '/api/v1/contacts', { name: 'Reader', email: 'reader@example.com' })).json();
    const { output } = await runAction(w, { action: 'automation.send_email', input: { templateId: template.id }, object: 'contact', recordId: contact.id, stepId: 'welcome' });
    const [mail] = await q<{ html_body: string }>('select html_body from mail_messages where id = $1', [output.mailId]);
    const path = mail.html_body.match(/src="http:\/\/localhost:\d+(\/api\/v1\/t\/o\/[^"]+)"/)![1];

    for (let i = 0; i < 3; i += 1) {
      const pixel = await w.t.app.inject({ method: 'GET', url: path });
      expect(pixel.statusCode).toBe(200);
      expect(pixel.headers['content-type']).toBe('image/gif');
      expect(pixel.rawPayload.subarray(0, 6).toString()).toBe('GIF89a');
    }
    const events = await q<{ payload: Record<string, unknown> }>(`select payload from outbox where workspace_id = $1 and event = 'automation.email.opened'`, [w.workspaceId]);
    const [send] = await q<{ run_id: string; open_count: number; opened_at: Date | null }>('select run_id, open_count, opened_at from automation_email_sends where id = $1', [output.sendId]);
    expect(events.map((e) => e.payload)).toEqual([expect.objectContaining({ runId: send.run_id, stepId: 'welcome', recordId: contact.id, mailId: output.mailId })]);
    expect(send.open_count).toBe(3);

    // A forged or foreign token changes nothing and looks the same.
    const forged = trackingToken({ ...w.t.env, VOYAGE_SECRET: 'another-secret-of-enough-length' }, w.workspaceId, output.sendId as string);
    const answer = await w.t.app.inject({ method: 'GET', url: `/api/v1/t/o/${forged}.gif` });
    expect([answer.statusCode, answer.headers['content-type']]).toEqual([200, 'image/gif']);
    expect((await w.t.app.inject({ method: 'GET', url: `/api/v1/t/o/${newId()}.gif` })).statusCode).toBe(200);
    expect(await q(`select id from outbox where workspace_id = $1 and event = 'automation.email.opened'`, [w.workspaceId])).toHaveLength(1);
  });
});
