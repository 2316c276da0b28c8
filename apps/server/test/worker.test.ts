import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '@voyage/kernel';
import { createTestApp, type TestApp } from '../../../test/app';
import { createWorkspaceWithAdmin, signIn, type SignedIn } from '../../../test/users';
import { runsEmbeddedWorker, startWorker } from '../src/runtime';
import { login } from './auth-helpers';

let t: TestApp;
let admin: SignedIn;
let roleIds: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  const ws = await createWorkspaceWithAdmin(t.database, { name: 'Northwind 北风贸易' });
  roleIds = ws.roleIds;
  admin = await signIn(t, ws.adminUserId, ws.workspaceId);
  await t.services.jobs.startWorkers();
});
afterAll(() => t.close());

describe('the worker', () => {
  it('turns a change made through the API into a notification within moments, with no manual dispatch', async () => {
    const started = Date.now();
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.headers, payload: { email: 'mei.chen@northwind.example', name: '陈美', roleId: roleIds.manager, password: 'correct horse battery' } });
    expect(res.statusCode).toBe(201);
    const session = await login(t, 'mei.chen@northwind.example', 'correct horse battery');
    expect(session.status).toBe(200);
    let list: { data: Array<{ kind: string; title: string }> } = { data: [] };
    while (list.data.length === 0 && Date.now() - started < 10_000) {
      await new Promise((r) => setTimeout(r, 100));
      list = (await t.app.inject({ method: 'GET', url: '/api/v1/notifications?lang=en', headers: session.headers })).json();
    }
    expect(list.data).toEqual([expect.objectContaining({ kind: 'member_added', title: 'You were added to Northwind 北风贸易', body: 'Your role is Sales manager.' })]);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('runs inside `voyage serve` on PGlite, and inside it on PostgreSQL unless switched off', () => {
    expect(runsEmbeddedWorker(loadEnv({}, {}))).toBe(true);
    expect(runsEmbeddedWorker(loadEnv({}, { VOYAGE_EMBEDDED_WORKER: 'false' }))).toBe(true);
    expect(runsEmbeddedWorker(loadEnv({}, { DATABASE_URL: 'postgres://db/voyage' }))).toBe(true);
    expect(runsEmbeddedWorker(loadEnv({}, { DATABASE_URL: 'postgres://db/voyage', VOYAGE_EMBEDDED_WORKER: 'false' }))).toBe(false);
  });

  it('refuses `voyage worker` on the embedded database, saying why', async () => {
    await expect(startWorker(loadEnv({}, { VOYAGE_DATA_DIR: '/nonexistent' }))).rejects.toThrow(/needs PostgreSQL: set DATABASE_URL.*runs inside `voyage serve`/);
  });
});
