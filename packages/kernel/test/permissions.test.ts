import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { AppError, applyFieldSecurity, assertWritableFields, createWorkspace, loadActor, newId, schema, scopedWhere, type Actor, type Database, type DataScope, type RoleSnapshot } from '@voyage/kernel';
import { createTestDatabase } from '../../../test/database';

// A throwaway record table with the columns every scoped table has.
const widgets = pgTable('test_widgets', {
  workspaceId: uuid('workspace_id').notNull(),
  id: uuid('id').notNull(),
  ownerId: uuid('owner_id').notNull(),
  name: text('name').notNull(),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
}, (t) => [primaryKey({ columns: [t.workspaceId, t.id] })]);

let database: Database;
let ws: string;
const users: Record<string, string> = {};
const records: Record<string, string> = {};
let deptRoot: string;
let deptChild: string;
let deptOther: string;
let baseActor: Actor;

async function member(name: string, roleId: string, departmentId: string | null, supervisorId: string | null): Promise<string> {
  const id = newId();
  await database.db.insert(schema.users).values({ id, email: `${name}-${id.slice(-6)}@example.com`, name });
  await database.db.insert(schema.memberships).values({ workspaceId: ws, userId: id, roleId, departmentId, supervisorId });
  return id;
}

async function widget(owner: string, name: string, opts: { workspaceId?: string; deleted?: boolean } = {}): Promise<string> {
  const id = newId();
  await database.db.insert(widgets).values({ workspaceId: opts.workspaceId ?? ws, id, ownerId: owner, name, deletedAt: opts.deleted ? new Date() : null });
  return id;
}

function actorWith(role: Partial<RoleSnapshot>, base: Actor = baseActor): Actor {
  return { ...base, role: { ...base.role, isAdmin: false, permissions: { widget: { read: true, update: true } }, fieldRules: {}, ...role } };
}

async function visible(actor: Actor, options: Parameters<typeof scopedWhere>[3] = {}): Promise<string[]> {
  const where = await scopedWhere({ db: database.db, actor, workspaceId: actor.workspaceId }, widgets, 'widget', options);
  const rows = await database.db.select({ name: widgets.name }).from(widgets).where(where);
  return rows.map((r) => r.name).sort();
}

beforeAll(async () => {
  database = await createTestDatabase();
  await database.exec(`create table test_widgets (workspace_id uuid not null, id uuid not null, owner_id uuid not null, name text not null, deleted_at timestamptz, primary key (workspace_id, id))`);
  const created = await createWorkspace(database, { name: 'Scopes', locale: 'en', admin: { email: 'scopes-admin@example.com', name: 'Admin', password: 'correct horse battery' } });
  ws = created.workspaceId;
  const rep = created.roleIds.rep;
  [deptRoot, deptChild, deptOther] = [newId(), newId(), newId()];
  await database.db.insert(schema.departments).values([
    { workspaceId: ws, id: deptRoot, name: 'Sales' },
    { workspaceId: ws, id: deptOther, name: 'Support' },
  ]);
  await database.db.insert(schema.departments).values({ workspaceId: ws, id: deptChild, name: 'Sales East', parentId: deptRoot });
  users.boss = await member('boss', rep, deptRoot, null);
  users.peer = await member('peer', rep, deptRoot, null);
  users.sub = await member('sub', rep, deptChild, users.boss);
  users.subsub = await member('subsub', rep, deptChild, users.sub);
  users.outsider = await member('outsider', rep, deptOther, null);
  for (const name of ['boss', 'peer', 'sub', 'subsub', 'outsider']) records[name] = await widget(users[name], name);
  records.trashed = await widget(users.boss, 'boss-trashed', { deleted: true });
  const elsewhere = await createWorkspace(database, { name: 'Elsewhere', locale: 'en', admin: { email: 'scopes-admin@example.com', name: 'Admin' } });
  records.foreign = await widget(users.boss, 'foreign', { workspaceId: elsewhere.workspaceId });
  baseActor = (await loadActor(database.db, ws, users.boss))!;
});
afterAll(() => database.close());

describe('scopedWhere: data scopes (P4)', () => {
  const cases: Array<[DataScope, string[]]> = [
    ['own', ['boss']],
    ['own_subordinates', ['boss', 'sub', 'subsub']],
    ['department', ['boss', 'peer']],
    ['department_tree', ['boss', 'peer', 'sub', 'subsub']],
    ['all', ['boss', 'outsider', 'peer', 'sub', 'subsub']],
  ];
  for (const [scope, expected] of cases) {
    it(`${scope} shows ${expected.join(', ')}`, async () => {
      expect(await visible(actorWith({ dataScope: scope }))).toEqual(expected);
    });
  }

  it('never shows another workspace or the trash, unless the trash is asked for', async () => {
    const all = actorWith({ dataScope: 'all' });
    expect(await visible(all)).not.toContain('foreign');
    expect(await visible(all, { onlyDeleted: true })).toEqual(['boss-trashed']);
    expect(await visible(all, { includeDeleted: true })).toContain('boss-trashed');
  });

  it('treats admins as seeing all', async () => {
    expect(await visible({ ...baseActor, role: { ...baseActor.role, isAdmin: true, dataScope: 'own' } })).toHaveLength(5);
  });

  it('refuses an object right the role lacks with 403 forbidden', async () => {
    const readOnly = actorWith({ dataScope: 'all', permissions: { widget: { read: true } } });
    await expect(visible(readOnly, { access: 'update' })).rejects.toMatchObject({ code: 'forbidden', status: 403 });
    await expect(visible(actorWith({ permissions: {} }))).rejects.toBeInstanceOf(AppError);
  });

  it('holds an API key to its scopes', async () => {
    const keyed = { ...actorWith({ dataScope: 'all' }), apiKey: { id: newId(), scopes: ['widget:read'] } };
    expect(await visible(keyed)).toHaveLength(5);
    await expect(visible(keyed, { access: 'update' })).rejects.toMatchObject({ code: 'scope_missing' });
  });
});

describe('scopedWhere: sharing (P4)', () => {
  it('a read share grants read but not update; an edit share grants both', async () => {
    const own = actorWith({ dataScope: 'own' });
    const shareId = newId();
    await database.db.insert(schema.recordShares).values({ workspaceId: ws, id: shareId, object: 'widget', recordId: records.outsider, userId: users.boss, access: 'read' });
    expect(await visible(own)).toEqual(['boss', 'outsider']);
    expect(await visible(actorWith({ dataScope: 'own' }), { access: 'update' })).toEqual(['boss']);
    await database.db.update(schema.recordShares).set({ access: 'edit' }).where(eq(schema.recordShares.id, shareId));
    expect(await visible(actorWith({ dataScope: 'own' }), { access: 'update' })).toEqual(['boss', 'outsider']);
    await database.db.delete(schema.recordShares).where(eq(schema.recordShares.id, shareId));
  });

  it('a share with a department reaches its members, and only for that object', async () => {
    await database.db.insert(schema.recordShares).values({ workspaceId: ws, id: newId(), object: 'widget', recordId: records.subsub, departmentId: deptRoot, access: 'read' });
    await database.db.insert(schema.recordShares).values({ workspaceId: ws, id: newId(), object: 'gadget', recordId: records.peer, userId: users.boss, access: 'edit' });
    expect(await visible(actorWith({ dataScope: 'own' }))).toEqual(['boss', 'subsub']);
    const outsider = actorWith({ dataScope: 'own' }, (await loadActor(database.db, ws, users.outsider))!);
    expect(await visible(outsider)).toEqual(['outsider']);
  });
});

describe('field security (P4)', () => {
  const rules = { widget: { phone: 'masked', idNumber: 'hidden', name: 'readonly', 'custom.budget': 'masked' } } as RoleSnapshot['fieldRules'];
  const record = { id: '1', name: 'Acme', phone: '13812345678', idNumber: '110101199003078888', custom: { budget: 50000, note: 'ok' } };

  it('masks and hides fields on read', () => {
    const [out] = applyFieldSecurity(actorWith({ fieldRules: rules }), 'widget', [record]);
    expect(out.phone).toBe('138****5678');
    expect(out).not.toHaveProperty('idNumber');
    expect(out.name).toBe('Acme');
    expect(out.custom).toEqual({ budget: '****', note: 'ok' });
    expect(record.phone).toBe('13812345678');
  });

  it('leaves admins and objects without rules untouched', () => {
    expect(applyFieldSecurity({ ...baseActor, role: { ...baseActor.role, isAdmin: true, fieldRules: rules } }, 'widget', [record])[0]).toEqual(record);
    expect(applyFieldSecurity(actorWith({ fieldRules: rules }), 'gadget', [record])[0]).toEqual(record);
  });

  it('refuses writes to masked, hidden and read-only fields, naming them', () => {
    const actor = actorWith({ fieldRules: rules });
    expect(() => assertWritableFields(actor, 'widget', { phone: '139' })).toThrow(AppError);
    try {
      assertWritableFields(actor, 'widget', { name: 'New', custom: { budget: 1, note: 'x' } });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'forbidden', status: 403, details: { fields: [expect.objectContaining({ field: 'name' }), expect.objectContaining({ field: 'custom.budget' })] } });
    }
    expect(() => assertWritableFields(actor, 'widget', { title: 'ok', custom: { note: 'fine' } })).not.toThrow();
  });
});
