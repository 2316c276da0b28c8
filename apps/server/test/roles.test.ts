import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModuleRegistry, validateRoleInput } from '@voyage/kernel';
import { createTestApp, type TestApp } from '../../../test/app';
import { addMember, createWorkspaceWithAdmin, signIn, type SignedIn } from '../../../test/users';

let t: TestApp;
let ws: Awaited<ReturnType<typeof createWorkspaceWithAdmin>>;
let admin: SignedIn;
let rep: SignedIn;
let manager: SignedIn;

const call = (who: SignedIn, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { ...who.headers, 'accept-language': 'en' }, payload: payload as Record<string, unknown> });

beforeAll(async () => {
  t = await createTestApp();
  ws = await createWorkspaceWithAdmin(t.database, { name: 'Roles Co' });
  admin = await signIn(t, ws.adminUserId, ws.workspaceId);
  rep = await signIn(t, await addMember(t.database, ws.workspaceId, ws.roleIds.rep, { name: 'Rep' }), ws.workspaceId);
  manager = await signIn(t, await addMember(t.database, ws.workspaceId, ws.roleIds.manager, { name: 'Manager' }), ws.workspaceId);
});
afterAll(() => t.close());

describe('permission catalog', () => {
  it('lists the registered objects with fields, actions, scopes and capabilities in every locale', async () => {
    const res = await call(rep, 'GET', '/api/v1/permissions/catalog');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const registered = t.services.registry.all().flatMap((m) => m.objects ?? []).map((o) => o.key);
    expect(body.objects.map((o: { key: string }) => o.key)).toEqual(registered);
    expect(body.objectsRestricted).toBe(registered.length > 0);
    expect(body.actions.map((a: { key: string }) => a.key)).toEqual(['create', 'read', 'update', 'delete', 'export']);
    expect(body.scopes.find((s: { key: string }) => s.key === 'department_tree').labels).toEqual({ 'zh-CN': '本部门及下级部门', 'zh-TW': '本部門及下級部門', en: 'Department and sub-departments' });
    expect(body.capabilities.map((c: { key: string }) => c.key)).toContain('settings.roles');
  });
});

describe('roles (P4)', () => {
  it('needs settings.roles: a rep and a manager get 403', async () => {
    expect((await call(rep, 'GET', '/api/v1/roles')).statusCode).toBe(403);
    const res = await call(manager, 'POST', '/api/v1/roles', { name: 'Sneaky', dataScope: 'all', capabilities: ['settings.users'] });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
  });

  it('validates objects, fields and capabilities, naming each bad one', async () => {
    const objects = t.services.registry.all().flatMap((m) => m.objects ?? []);
    const object = objects[0];
    const permissions = object ? { [object.key]: { read: true }, spaceship: { read: true } } : { spaceship: { read: true } };
    const res = await call(admin, 'POST', '/api/v1/roles', {
      name: 'Bad',
      dataScope: 'own',
      permissions,
      fieldRules: object ? { [object.key]: { nonsense: 'masked', 'custom.budget': 'hidden' } } : {},
      capabilities: ['settings.users', 'launch.rockets'],
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toContain('capabilities.1');
    if (object) expect(fields).toEqual(expect.arrayContaining(['permissions.spaceship', `fieldRules.${object.key}.nonsense`]));
    const badScope = await call(admin, 'POST', '/api/v1/roles', { name: 'Bad', dataScope: 'galaxy' });
    expect(badScope.statusCode).toBe(400);
    expect(badScope.json().error.details.fields[0]).toMatchObject({ field: 'dataScope' });
  });

  it('accepts any lower-case object key while no module registers objects', () => {
    const empty = new ModuleRegistry();
    expect(() => validateRoleInput('en', empty, { permissions: { lead: { read: true } }, fieldRules: { lead: { phone: 'masked' } } })).not.toThrow();
    expect(() => validateRoleInput('en', empty, { capabilities: ['nope'] })).toThrow();
  });

  it('creates, reads, changes (with a version check) and deletes a role, auditing each change', async () => {
    const object = t.services.registry.all().flatMap((m) => m.objects ?? [])[0]?.key ?? 'lead';
    const created = await call(admin, 'POST', '/api/v1/roles', { name: 'Field sales', description: 'Reps on the road', dataScope: 'own_subordinates', permissions: { [object]: { read: true, create: true } }, capabilities: ['audit.read', 'audit.read'] });
    expect(created.statusCode).toBe(201);
    const role = created.json();
    expect(role).toMatchObject({ name: 'Field sales', isAdmin: false, dataScope: 'own_subordinates', capabilities: ['audit.read'], memberCount: 0, version: 1 });
    expect((await call(admin, 'GET', `/api/v1/roles/${role.id}`)).json().permissions).toEqual({ [object]: { read: true, create: true } });

    const changed = await call(admin, 'PATCH', `/api/v1/roles/${role.id}`, { dataScope: 'department', permissions: { [object]: { read: true } }, version: 1 });
    expect(changed.json()).toMatchObject({ dataScope: 'department', version: 2 });
    const stale = await call(admin, 'PATCH', `/api/v1/roles/${role.id}`, { name: 'Late', version: 1 });
    expect(stale.statusCode).toBe(409);

    const audit = await t.database.query<{ action: string; old_values: Record<string, unknown> | null; new_values: Record<string, unknown> }>(`select action, old_values, new_values from audit_log where workspace_id = $1 and object = 'role' and record_id = $2 order by at, id`, [ws.workspaceId, role.id]);
    expect(audit.map((a) => a.action)).toEqual(['permission_change', 'permission_change']);
    expect(audit[1].old_values).toEqual({ dataScope: 'own_subordinates', permissions: { [object]: { read: true, create: true } } });
    expect(audit[1].new_values).toEqual({ dataScope: 'department', permissions: { [object]: { read: true } } });

    const holder = await addMember(t.database, ws.workspaceId, role.id);
    const inUse = await call(admin, 'DELETE', `/api/v1/roles/${role.id}`);
    expect(inUse.statusCode).toBe(422);
    expect(inUse.json().error).toMatchObject({ code: 'tenancy.role_in_use', message: '1 users still hold this role. Give them another role first.' });
    await call(admin, 'PATCH', `/api/v1/users/${holder}`, { roleId: ws.roleIds.rep, version: 1 });
    expect((await call(admin, 'DELETE', `/api/v1/roles/${role.id}`)).statusCode).toBe(204);
    expect((await call(admin, 'GET', `/api/v1/roles/${role.id}`)).statusCode).toBe(404);
    expect((await call(admin, 'GET', '/api/v1/roles')).json().data.map((r: { id: string }) => r.id)).not.toContain(role.id);
  });

  it('gives a capability through a role, and only admins may grant admin rights', async () => {
    const hr = (await call(admin, 'POST', '/api/v1/roles', { name: 'HR', dataScope: 'own', capabilities: ['settings.users', 'settings.roles'] })).json();
    const person = await addMember(t.database, ws.workspaceId, hr.id, { name: 'Hana HR' });
    const session = await signIn(t, person, ws.workspaceId);
    expect((await call(session, 'GET', '/api/v1/roles')).statusCode).toBe(200);
    const escalate = await call(session, 'PATCH', `/api/v1/roles/${hr.id}`, { isAdmin: true, version: hr.version });
    expect(escalate.statusCode).toBe(403);
    const promote = await call(session, 'PATCH', `/api/v1/users/${person}`, { roleId: ws.roleIds.admin, version: 1 });
    expect(promote.statusCode).toBe(403);
    const demoteAdmin = await call(session, 'PATCH', `/api/v1/users/${ws.adminUserId}`, { status: 'disabled', version: 1 });
    expect(demoteAdmin.statusCode).toBe(403);
  });

  it('keeps an admin role: the last one cannot lose admin rights', async () => {
    const admins = (await call(admin, 'GET', `/api/v1/roles/${ws.roleIds.admin}`)).json();
    const res = await call(admin, 'PATCH', `/api/v1/roles/${ws.roleIds.admin}`, { isAdmin: false, version: admins.version });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('tenancy.last_admin');
    const inUse = await call(admin, 'DELETE', `/api/v1/roles/${ws.roleIds.admin}`);
    expect(inUse.statusCode).toBe(422);
  });

  it('answers 404 for a role of another workspace', async () => {
    const other = await createWorkspaceWithAdmin(t.database, { name: 'Elsewhere' });
    expect((await call(admin, 'GET', `/api/v1/roles/${other.roleIds.rep}`)).statusCode).toBe(404);
    expect((await call(admin, 'PATCH', `/api/v1/roles/${other.roleIds.rep}`, { name: 'Mine', version: 1 })).statusCode).toBe(404);
    expect((await call(admin, 'DELETE', `/api/v1/roles/${other.roleIds.rep}`)).statusCode).toBe(404);
  });
});
