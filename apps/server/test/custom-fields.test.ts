import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { addMember, createWorkspaceWithAdmin, signIn, type SignedIn } from '../../../test/users';

let t: TestApp;
let admin: SignedIn;
let rep: SignedIn;
let workspaceId: string;

beforeAll(async () => {
  t = await createTestApp();
  const objects = t.services.registry.all().flatMap((m) => (m.objects ?? []).map((o) => o.key));
  const ws = await createWorkspaceWithAdmin(t.database, { objects });
  workspaceId = ws.workspaceId;
  admin = await signIn(t, ws.adminUserId, ws.workspaceId);
  rep = await signIn(t, await addMember(t.database, ws.workspaceId, ws.roleIds.rep), ws.workspaceId);
});
afterAll(() => t.close());

const call = (who: SignedIn, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, lang = 'en') =>
  t.app.inject({ method, url, headers: { ...who.headers, 'accept-language': lang }, payload: payload as never });
const fieldsOf = (body: { error: { details: { fields: Array<{ field: string; code: string; message: string }> } } }) => body.error.details.fields;

describe('custom field definitions', () => {
  it('creates, lists, changes with a version, and retires a field, with audit and events', async () => {
    const created = await call(admin, 'POST', '/api/v1/custom-fields', { object: 'contact', key: 'budget', label: 'Budget', labels: { 'zh-CN': '预算' }, type: 'number', config: { min: 0, decimals: 2 } });
    expect(created.statusCode).toBe(201);
    const field = created.json();
    expect(field).toMatchObject({ object: 'contact', key: 'budget', type: 'number', labels: { 'zh-CN': '预算' }, version: 1, required: false });

    const list = await call(rep, 'GET', '/api/v1/custom-fields?object=contact');
    expect(list.statusCode).toBe(200);
    expect(list.json().data.map((f: { key: string }) => f.key)).toContain('budget');

    const patched = await call(admin, 'PATCH', `/api/v1/custom-fields/${field.id}`, { version: 1, label: 'Annual budget', required: true });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ label: 'Annual budget', required: true, version: 2 });

    const stale = await call(admin, 'PATCH', `/api/v1/custom-fields/${field.id}`, { version: 1, label: 'Old' });
    expect(stale.statusCode).toBe(409);

    const dup = await call(admin, 'POST', '/api/v1/custom-fields', { object: 'contact', key: 'budget', label: 'Again', type: 'text' });
    expect(dup.statusCode).toBe(409);
    expect(fieldsOf(dup.json())[0]).toMatchObject({ field: 'key', code: 'duplicate' });

    const removed = await call(admin, 'DELETE', `/api/v1/custom-fields/${field.id}`);
    expect(removed.statusCode).toBe(204);
    const after = await call(admin, 'GET', '/api/v1/custom-fields?object=contact');
    expect(after.json().data.map((f: { key: string }) => f.key)).not.toContain('budget');
    expect((await call(admin, 'DELETE', `/api/v1/custom-fields/${field.id}`)).statusCode).toBe(404);

    const audit = await t.database.query<{ action: string; old_values: Record<string, unknown> | null; new_values: Record<string, unknown> | null }>(
      `select action, old_values, new_values from audit_log where workspace_id = $1 and object = 'custom_field' and record_id = $2 order by at`, [workspaceId, field.id]);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
    expect(audit[1].old_values).toMatchObject({ label: 'Budget', required: false });
    expect(audit[1].new_values).toMatchObject({ label: 'Annual budget', required: true });
    const events = await t.database.query<{ event: string }>(`select event from outbox where workspace_id = $1 and payload->>'id' = $2 order by occurred_at`, [workspaceId, field.id]);
    expect(events.map((e) => e.event)).toEqual(['platform.custom_field.created', 'platform.custom_field.updated', 'platform.custom_field.deleted']);
  });

  it('refuses changes without the settings.custom_fields capability', async () => {
    const res = await call(rep, 'POST', '/api/v1/custom-fields', { object: 'contact', key: 'x', label: 'X', type: 'text' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
    const mine = await call(admin, 'POST', '/api/v1/custom-fields', { object: 'account', key: 'tier', label: 'Tier', type: 'text' });
    expect((await call(rep, 'PATCH', `/api/v1/custom-fields/${mine.json().id}`, { version: 1, label: 'Y' })).statusCode).toBe(403);
    expect((await call(rep, 'DELETE', `/api/v1/custom-fields/${mine.json().id}`)).statusCode).toBe(403);
  });

  it('rejects bad definitions, naming each field', async () => {
    const unknownObject = await call(admin, 'POST', '/api/v1/custom-fields', { object: 'spaceship', key: 'x', label: 'X', type: 'text' });
    expect(unknownObject.statusCode).toBe(400);
    expect(fieldsOf(unknownObject.json())[0]).toMatchObject({ field: 'object', code: 'unknown_object' });

    const badKey = await call(admin, 'POST', '/api/v1/custom-fields', { object: 'contact', key: 'Bad Key', label: 'X', type: 'text' });
    expect(badKey.statusCode).toBe(400);
    expect(fieldsOf(badKey.json())[0].field).toBe('key');

    const noOptions = await call(admin, 'POST', '/api/v1/custom-fields', { object: 'contact', key: 'level', label: 'Level', type: 'single_select', options: [] });
    expect(fieldsOf(noOptions.json())[0]).toMatchObject({ field: 'options', code: 'required' });

    const dupOptions = await call(admin, 'POST', '/api/v1/custom-fields', { object: 'contact', key: 'level', label: 'Level', type: 'single_select', options: [{ value: 'a', label: 'A' }, { value: 'a', label: 'A2' }] });
    expect(fieldsOf(dupOptions.json())[0]).toMatchObject({ field: 'options.1.value', code: 'duplicate' });

    const badFormat = await call(admin, 'POST', '/api/v1/custom-fields', { object: 'contact', key: 'no', label: 'No', type: 'autonumber', config: { format: 'CT-{YYYY}' } });
    expect(fieldsOf(badFormat.json())[0]).toMatchObject({ field: 'config.format', code: 'invalid_format' });

    const noLink = await call(admin, 'POST', '/api/v1/custom-fields', { object: 'contact', key: 'company', label: 'Company', type: 'record_link' });
    expect(fieldsOf(noLink.json())[0]).toMatchObject({ field: 'config.linkObject', code: 'required' });

    const unknownType = await call(admin, 'POST', '/api/v1/custom-fields', { object: 'contact', key: 'z', label: 'Z', type: 'hologram' });
    expect(unknownType.statusCode).toBe(400);
    expect(fieldsOf(unknownType.json())[0].field).toBe('type');
  });
});
