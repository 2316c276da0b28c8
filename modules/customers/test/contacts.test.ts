import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from './helpers';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.t.close());

const inject = (who: { headers: Record<string, string> }, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, extra: Record<string, string> = {}) =>
  w.t.app.inject({ method, url, headers: { ...who.headers, ...extra }, payload: payload as never });

describe('contacts', () => {
  it('creates, reads, updates with a version, and refuses a stale version', async () => {
    const created = await inject(w.admin, 'POST', '/api/v1/contacts', { name: '张伟', email: 'zhang@example.com', phone: '13812345678', tags: ['vip'] });
    expect(created.statusCode).toBe(201);
    const c = created.json();
    expect(c).toMatchObject({ name: '张伟', email: 'zhang@example.com', ownerId: w.admin.userId, version: 1, accountId: null, tags: ['vip'], custom: {} });

    const got = await inject(w.admin, 'GET', `/api/v1/contacts/${c.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json().name).toBe('张伟');

    const patched = await inject(w.admin, 'PATCH', `/api/v1/contacts/${c.id}`, { version: 1, title: 'CTO' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ title: 'CTO', version: 2 });

    const stale = await inject(w.admin, 'PATCH', `/api/v1/contacts/${c.id}`, { version: 1, title: 'CEO' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');

    const audit = await w.t.database.query<{ action: string; old_values: unknown; new_values: unknown }>(`select action, old_values, new_values from audit_log where workspace_id = $1 and object = 'contact' and record_id = $2 order by at`, [w.workspaceId, c.id]);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(audit[1]).toMatchObject({ old_values: { title: null }, new_values: { title: 'CTO' } });
    const events = await w.t.database.query<{ event: string }>(`select event from outbox where workspace_id = $1 and payload->>'id' = $2 order by occurred_at`, [w.workspaceId, c.id]);
    expect(events.map((e) => e.event)).toEqual(['customers.contact.created', 'customers.contact.updated']);
  });
});
