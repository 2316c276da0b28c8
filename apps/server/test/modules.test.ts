import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { defineModule, emitEvents, isModuleEnabled } from '@voyage/kernel';
import type { TestApp } from '../../../test/app';
import { addMember, createWorkspaceWithAdmin, signIn, type SignedIn } from '../../../test/users';
import { createFixtureApp } from './permissions-fixture';

const labels = (en: string) => ({ 'zh-CN': `${en}（中）`, 'zh-TW': `${en}（繁）`, en });
const alpha = defineModule({ key: 'alpha', labels: labels('Alpha'), enabledByDefault: false });
const beta = defineModule({
  key: 'beta',
  labels: labels('Beta'),
  dependsOn: ['alpha'],
  enabledByDefault: false,
  nav: [{ key: 'beta-home', path: '/beta', labels: labels('Beta home') }, { key: 'beta-admin', path: '/beta/admin', labels: labels('Beta admin'), capability: 'settings.modules' }],
  routes: (app: FastifyInstance) => {
    app.get('/api/v1/test-beta', { config: { module: 'beta' } }, async () => ({ ok: true }));
  },
});

let t: TestApp;
let ws: Awaited<ReturnType<typeof createWorkspaceWithAdmin>>;
let admin: SignedIn;
let rep: SignedIn;

const call = (who: SignedIn, method: 'GET' | 'PATCH', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { ...who.headers, 'accept-language': 'en' }, payload: payload as Record<string, unknown> });
const toggle = (who: SignedIn, key: string, enabled: boolean) => call(who, 'PATCH', `/api/v1/modules/${key}`, { enabled });

beforeAll(async () => {
  t = await createFixtureApp([alpha, beta]);
  ws = await createWorkspaceWithAdmin(t.database, { name: 'Modules Co' });
  admin = await signIn(t, ws.adminUserId, ws.workspaceId);
  rep = await signIn(t, await addMember(t.database, ws.workspaceId, ws.roleIds.rep), ws.workspaceId);
});
afterAll(() => t.close());

describe('module switches (P1)', () => {
  it('lists every module with its state, dependencies and navigation for any member', async () => {
    const res = await call(rep, 'GET', '/api/v1/modules');
    expect(res.statusCode).toBe(200);
    const byKey = Object.fromEntries(res.json().data.map((m: { key: string }) => [m.key, m]));
    expect(byKey.alpha).toMatchObject({ enabled: false, core: false, dependsOn: [] });
    expect(byKey.beta).toMatchObject({ enabled: false, dependsOn: ['alpha'], nav: [{ key: 'beta-home', path: '/beta', icon: null, labels: labels('Beta home') }] });
    const core = res.json().data.filter((m: { core: boolean }) => m.core);
    for (const m of core) expect(m.enabled).toBe(true);
    // A nav item that needs a capability shows only to those who have it.
    const adminView = Object.fromEntries((await call(admin, 'GET', '/api/v1/modules')).json().data.map((m: { key: string }) => [m.key, m]));
    expect(adminView.beta.nav.map((n: { key: string }) => n.key)).toEqual(['beta-home', 'beta-admin']);
  });

  it('needs settings.modules to switch (403)', async () => {
    const res = await toggle(rep, 'alpha', true);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
  });

  it('gates the routes of a module that is off with 403 module_disabled', async () => {
    const res = await call(rep, 'GET', '/api/v1/test-beta');
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'module_disabled', message: 'The module "Beta" is switched off in this workspace.' });
  });

  it('switches on only when the dependencies are on, naming them', async () => {
    const res = await toggle(admin, 'beta', true);
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'tenancy.module_dependencies_off', message: 'Switch on Alpha first: this module depends on it.', details: { modules: ['alpha'] } });
    expect((await toggle(admin, 'alpha', true)).json()).toMatchObject({ key: 'alpha', enabled: true });
    expect((await toggle(admin, 'beta', true)).json()).toMatchObject({ key: 'beta', enabled: true });
    const gated = await call(rep, 'GET', '/api/v1/test-beta');
    expect(gated.statusCode).toBe(200);
    expect(gated.json()).toEqual({ ok: true });
  });

  it('keeps the switch per workspace', async () => {
    const other = await createWorkspaceWithAdmin(t.database, { name: 'Other Co' });
    const otherAdmin = await signIn(t, other.adminUserId, other.workspaceId);
    expect((await call(otherAdmin, 'GET', '/api/v1/test-beta')).statusCode).toBe(403);
    expect(await isModuleEnabled(t.database.db, other.workspaceId, 'beta', t.services.registry)).toBe(false);
    expect(await isModuleEnabled(t.database.db, ws.workspaceId, 'beta', t.services.registry)).toBe(true);
    expect(await isModuleEnabled(t.database.db, ws.workspaceId, 'no-such-module', t.services.registry)).toBe(false);
  });

  it('refuses switching off a module others depend on, and core modules', async () => {
    const res = await toggle(admin, 'alpha', false);
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'tenancy.module_has_dependents', message: 'Switch off Beta first: it depends on this module.' });
    const zh = await t.app.inject({ method: 'PATCH', url: '/api/v1/modules/alpha?lang=zh-CN', headers: admin.headers, payload: { enabled: false } });
    expect(zh.json().error.message).toBe('请先停用 Beta（中）：它依赖此模块。');
    const core = t.services.registry.all().find((m) => m.core);
    if (core) {
      const refused = await toggle(admin, core.key, false);
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.code).toBe('tenancy.module_core');
    }
    expect((await toggle(admin, 'nothing-here', true)).statusCode).toBe(404);
    const invalid = await call(admin, 'PATCH', '/api/v1/modules/alpha', { enabled: 'yes' });
    expect(invalid.statusCode).toBe(400);
  });

  it('switches off in dependency order, closes the routes at once, and audits each switch', async () => {
    expect((await toggle(admin, 'beta', false)).json().enabled).toBe(false);
    expect((await call(rep, 'GET', '/api/v1/test-beta')).statusCode).toBe(403);
    expect((await toggle(admin, 'alpha', false)).json().enabled).toBe(false);
    const audit = await t.database.query<{ record_id: string; old_values: { enabled: boolean }; new_values: { enabled: boolean }; actor_user_id: string }>(
      `select record_id, old_values, new_values, actor_user_id from audit_log where workspace_id = $1 and action = 'setting_change' and object = 'module' order by at, id`, [ws.workspaceId],
    );
    expect(audit.map((a) => [a.record_id, a.old_values.enabled, a.new_values.enabled])).toEqual([['alpha', false, true], ['beta', false, true], ['beta', true, false], ['alpha', true, false]]);
    expect(audit[0].actor_user_id).toBe(ws.adminUserId);
    const events = await t.database.query<{ payload: { moduleKey: string; enabled: boolean } }>(`select payload from outbox where workspace_id = $1 and event = 'platform.module.switched' order by occurred_at, id`, [ws.workspaceId]);
    expect(events.map((e) => e.payload)).toEqual([{ moduleKey: 'alpha', enabled: true }, { moduleKey: 'beta', enabled: true }, { moduleKey: 'beta', enabled: false }, { moduleKey: 'alpha', enabled: false }]);
  });

  it('does not run the event subscribers of a module that is off, and runs them once it is on', async () => {
    const handled: string[] = [];
    const unsubscribe = t.services.outbox.subscribe({ name: 'alpha.test-listener', module: 'alpha', events: ['test.ping'], handle: async (_ctx, event) => void handled.push(String(event.payload.n)) });
    try {
      const ping = async (n: number) => {
        await t.database.db.transaction((tx) => emitEvents(tx, { workspaceId: ws.workspaceId, event: 'test.ping', payload: { n } }));
        await t.services.outbox.dispatch();
      };
      expect((await call(admin, 'GET', '/api/v1/modules')).json().data.find((m: { key: string }) => m.key === 'alpha').enabled).toBe(false);
      await ping(1);
      expect(handled).toEqual([]);
      expect((await toggle(admin, 'alpha', true)).json().enabled).toBe(true);
      await new Promise((r) => setTimeout(r, 10));
      await ping(2);
      expect(handled).toEqual(['2']);
      const pending = await t.database.query<{ n: number }>(`select count(*)::int as n from outbox where workspace_id = $1 and event = 'test.ping' and dispatched_at is null`, [ws.workspaceId]);
      expect(pending[0].n).toBe(0);
    } finally {
      unsubscribe();
      await toggle(admin, 'alpha', false);
    }
  });
});
