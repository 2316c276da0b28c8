import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { and, eq, isNull } from 'drizzle-orm';
import { describeEnv, openDatabase, schema } from '@voyage/kernel';
import { createTestApp, type TestApp } from '../../../test/app';
import { registerWebApp } from '../src/static';
import { demoLoginExists, seedDemo, seedDemoIfEmpty } from '../src/seed/demo';
import { DEMO_LOGIN } from '../src/seed/demo-org';
import { login } from './auth-helpers';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../../..');
const bin = path.join(root, 'apps/server/bin/voyage.mjs');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('README', () => {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

  it('starts with a two-line quick start', () => {
    const block = /## Quick start[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block?.trim().split('\n')).toEqual(['npm install && npm start', 'npm test']);
    expect(readme).toContain(DEMO_LOGIN.email);
    expect(readme).toContain(DEMO_LOGIN.password);
  });

  it('lists every environment variable the kernel reads', () => {
    const table = readme.slice(readme.indexOf('<!-- env-table:start -->'), readme.indexOf('<!-- env-table:end -->'));
    for (const v of describeEnv()) expect(table, v.name).toContain(`| \`${v.name}\` |`);
  });
});

describe('demo seed', () => {
  it('creates 远航科技 Voyage Demo with its department tree, people, supervisors and roles, once', async () => {
    expect(await demoLoginExists(t.services)).toBe(false);
    const seeded = await seedDemoIfEmpty(t.services);
    expect(seeded?.created).toBe(true);
    const workspaceId = seeded!.workspaceId;
    const [ws] = await t.database.db.select().from(schema.workspaces).where(eq(schema.workspaces.id, workspaceId));
    expect(ws).toMatchObject({ name: '远航科技 Voyage Demo', defaultLocale: 'zh-CN', currency: 'CNY' });

    const departments = await t.database.db.select().from(schema.departments).where(eq(schema.departments.workspaceId, workspaceId));
    const byId = new Map(departments.map((d) => [d.id, d]));
    const tree = departments.map((d) => `${d.parentId ? byId.get(d.parentId)!.name : '-'} > ${d.name}`).sort();
    expect(tree).toEqual(['- > 总经办', '总经办 > 客服部', '总经办 > 市场部', '总经办 > 销售部', '销售部 > 华东销售组', '销售部 > 华南销售组'].sort());

    const people = await t.database.db
      .select({ userId: schema.memberships.userId, name: schema.users.name, title: schema.memberships.title, role: schema.roles.key, supervisorId: schema.memberships.supervisorId, departmentId: schema.memberships.departmentId })
      .from(schema.memberships)
      .innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId))
      .innerJoin(schema.roles, and(eq(schema.roles.workspaceId, schema.memberships.workspaceId), eq(schema.roles.id, schema.memberships.roleId)))
      .where(eq(schema.memberships.workspaceId, workspaceId));
    expect(people).toHaveLength(8);
    expect(new Set(people.map((p) => p.role))).toEqual(new Set(['admin', 'manager', 'rep', 'viewer']));
    const nameOf = new Map(people.map((p) => [p.userId, p.name]));
    const zhang = people.find((p) => p.name === '张婷')!;
    expect(zhang).toMatchObject({ title: '销售代表', role: 'rep' });
    expect(nameOf.get(zhang.supervisorId!)).toBe('李俊');
    expect(byId.get(zhang.departmentId!)!.name).toBe('华东销售组');
    expect(people.filter((p) => !p.supervisorId).map((p) => p.name)).toEqual(['陈思远']);
    expect(people.some((p) => /^[A-Za-z]/.test(p.name))).toBe(true);
    const heads = departments.filter((d) => d.headUserId).map((d) => `${d.name}:${nameOf.get(d.headUserId!)}`);
    expect(heads).toContain('销售部:王晓燕');

    expect(await seedDemo(t.services)).toEqual({ created: false, workspaceId });
    expect(await seedDemoIfEmpty(t.services)).toBeNull();
    expect(await demoLoginExists(t.services)).toBe(true);
    const session = await login(t, DEMO_LOGIN.email, DEMO_LOGIN.password);
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ workspace: { name: '远航科技 Voyage Demo' } });
    const rep = await login(t, 'ting.zhang@voyage.demo', DEMO_LOGIN.password);
    expect(rep.status).toBe(200);
  });
});

describe('static web app', () => {
  const dist = mkdtempSync(path.join(os.tmpdir(), 'voyage-dist-'));
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('serves the built app, falls back to index.html for app routes, and leaves /api alone', async () => {
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Voyage CRM</title>');
    writeFileSync(path.join(dist, 'assets/index-abc123.js'), 'console.log("voyage")');
    const app = Fastify();
    await registerWebApp(app, dist);
    try {
      const home = await app.inject({ url: '/' });
      expect(home.statusCode).toBe(200);
      expect(home.body).toContain('<title>Voyage CRM</title>');
      const deep = await app.inject({ url: '/contacts/01a2066d-1e21-78b8-918c-2aa74dd21445?tab=timeline' });
      expect(deep.statusCode).toBe(200);
      expect(deep.headers['content-type']).toMatch(/text\/html/);
      expect(deep.headers['cache-control']).toBe('no-cache');
      const asset = await app.inject({ url: '/assets/index-abc123.js' });
      expect(asset.body).toBe('console.log("voyage")');
      expect(asset.headers['cache-control']).toContain('immutable');
      expect((await app.inject({ url: '/api/v1/nothing' })).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });

  it('serves nothing when the web app has not been built', async () => {
    const app = Fastify();
    await registerWebApp(app, path.join(dist, 'missing'));
    expect((await app.inject({ url: '/' })).statusCode).toBe(404);
    await app.close();
  });
});

describe('voyage CLI (bin/voyage.mjs through tsx)', () => {
  it('prints its usage and the environment variables', async () => {
    const help = await run(process.execPath, [bin, 'help']);
    expect(help.stdout).toContain('create-admin');
    const env = await run(process.execPath, [bin, 'env']);
    expect(env.stdout).toContain('VOYAGE_DATA_DIR=./data');
  });

  it('create-admin makes a workspace and its administrator in the embedded database of the current folder', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'voyage-cli-'));
    try {
      const out = await run(process.execPath, [bin, 'create-admin', '--email', 'Founder@Example.com', '--name', '林晓', '--password', 'long enough pass', '--workspace', '晓风工作室'], { cwd: dir, timeout: 120_000 });
      expect(out.stdout).toMatch(/Workspace "晓风工作室" created .*founder@example\.com can sign in/);
      const refused = await run(process.execPath, [bin, 'create-admin', '--email', 'x@example.com'], { cwd: dir }).catch((e: { code: number; stderr: string }) => e);
      expect(refused).toMatchObject({ code: 1 });
      expect((refused as { stderr: string }).stderr).toContain('create-admin needs --name, --password');
      const database = await openDatabase({ dataDir: path.join(dir, 'data/pglite') });
      try {
        const rows = await database.db
          .select({ name: schema.users.name, workspace: schema.workspaces.name, role: schema.roles.key })
          .from(schema.users)
          .innerJoin(schema.memberships, eq(schema.memberships.userId, schema.users.id))
          .innerJoin(schema.workspaces, eq(schema.workspaces.id, schema.memberships.workspaceId))
          .innerJoin(schema.roles, and(eq(schema.roles.workspaceId, schema.memberships.workspaceId), eq(schema.roles.id, schema.memberships.roleId)))
          .where(and(eq(schema.users.email, 'founder@example.com'), isNull(schema.users.deletedAt)));
        expect(rows).toEqual([{ name: '林晓', workspace: '晓风工作室', role: 'admin' }]);
      } finally {
        await database.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
