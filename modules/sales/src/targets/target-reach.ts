import { and, asc, eq, isNull } from 'drizzle-orm';
import { can, schema, translate, type Context } from '@voyage/kernel';

export type TargetScope = 'company' | 'department' | 'user';

/** A row of the targets grid: the company, a department or a rep. */
export interface ScopeRow {
  scope: TargetScope;
  /** Null for the company. */
  scopeId: string | null;
  name: string;
  parentId: string | null;
  depth: number;
  editable: boolean;
  /** Users whose won deals count toward the row; 'all' for the company. */
  owners: string[] | 'all';
}

export interface TargetReach {
  rows: ScopeRow[];
  departmentIds: Set<string>;
  memberIds: Set<string>;
  canEdit: boolean;
  /** The row of a scope, visible to the reader, or undefined. */
  find(scope: TargetScope, scopeId: string | null): ScopeRow | undefined;
  /** A row's display name, also for rows the reader cannot see (for error messages). */
  nameOf(scope: TargetScope, scopeId: string | null): string;
}

interface Department { id: string; name: string; parentId: string | null }
interface Member { userId: string; name: string; departmentId: string | null; supervisorId: string | null }

function subtree(departments: Department[], rootId: string): Set<string> {
  const ids = new Set([rootId]);
  for (let grew = true; grew;) {
    grew = false;
    for (const d of departments) if (d.parentId && ids.has(d.parentId) && !ids.has(d.id)) { ids.add(d.id); grew = true; }
  }
  return ids;
}

function subordinates(members: Member[], userId: string): Set<string> {
  const ids = new Set<string>();
  for (let grew = true; grew;) {
    grew = false;
    for (const m of members) if (m.supervisorId && (m.supervisorId === userId || ids.has(m.supervisorId)) && !ids.has(m.userId) && m.userId !== userId) { ids.add(m.userId); grew = true; }
  }
  return ids;
}

/**
 * Which targets the actor may read and set. Admins (and roles seeing all data) reach the
 * company, every department and rep. A department-tree manager reaches their department's
 * subtree and its reps; a department-scope role their own department; own + subordinates
 * their subordinates. Everyone reads their own row and their department's. Setting needs
 * the `target` object's update right besides the reach, and nobody sets their own target
 * except admins.
 */
export async function loadTargetReach(ctx: Context): Promise<TargetReach> {
  const { actor } = ctx;
  const [departments, members] = await Promise.all([
    ctx.db.select({ id: schema.departments.id, name: schema.departments.name, parentId: schema.departments.parentId }).from(schema.departments)
      .where(and(eq(schema.departments.workspaceId, ctx.workspaceId), isNull(schema.departments.deletedAt)))
      .orderBy(asc(schema.departments.position), asc(schema.departments.name)),
    ctx.db.select({ userId: schema.memberships.userId, name: schema.users.name, departmentId: schema.memberships.departmentId, supervisorId: schema.memberships.supervisorId })
      .from(schema.memberships).innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId))
      .where(and(eq(schema.memberships.workspaceId, ctx.workspaceId), eq(schema.memberships.status, 'active')))
      .orderBy(asc(schema.users.name)),
  ]);
  const scope = actor.role.isAdmin ? 'all' : actor.role.dataScope;
  const mayUpdate = can(actor, 'target', 'update');
  const all = scope === 'all';
  let managedDepartments = new Set<string>();
  let managedUsers = new Set<string>();
  if (all) {
    managedDepartments = new Set(departments.map((d) => d.id));
    managedUsers = new Set(members.map((m) => m.userId));
  } else if ((scope === 'department_tree' || scope === 'department') && actor.departmentId) {
    managedDepartments = scope === 'department' ? new Set([actor.departmentId]) : subtree(departments, actor.departmentId);
    managedUsers = new Set(members.filter((m) => m.departmentId && managedDepartments.has(m.departmentId)).map((m) => m.userId));
  } else if (scope === 'own_subordinates') {
    managedUsers = subordinates(members, actor.userId);
  }
  const visibleDepartments = new Set(managedDepartments);
  if (actor.departmentId) visibleDepartments.add(actor.departmentId);
  const visibleUsers = new Set([...managedUsers, actor.userId]);
  const editDepartment = (id: string) => mayUpdate && managedDepartments.has(id);
  const editUser = (id: string) => mayUpdate && managedUsers.has(id) && (actor.role.isAdmin || id !== actor.userId);

  const rows: ScopeRow[] = [];
  const company = translate(ctx.locale, 'sales.targets.company');
  if (all) rows.push({ scope: 'company', scopeId: null, name: company, parentId: null, depth: 0, editable: mayUpdate, owners: 'all' });
  const base = all ? 1 : 0;
  const placed = new Set<string>();
  const addDepartment = (d: Department, depth: number) => {
    placed.add(d.id);
    const tree = subtree(departments, d.id);
    rows.push({ scope: 'department', scopeId: d.id, name: d.name, parentId: d.parentId, depth, editable: editDepartment(d.id), owners: members.filter((m) => m.departmentId && tree.has(m.departmentId)).map((m) => m.userId) });
    for (const m of members) if (m.departmentId === d.id && visibleUsers.has(m.userId)) addUser(m, depth + 1);
    for (const child of departments) if (child.parentId === d.id && visibleDepartments.has(child.id)) addDepartment(child, depth + 1);
  };
  const addUser = (m: Member, depth: number) => {
    rows.push({ scope: 'user', scopeId: m.userId, name: m.name, parentId: m.departmentId, depth, editable: editUser(m.userId), owners: [m.userId] });
  };
  // Roots: visible departments whose parent the reader does not see.
  for (const d of departments) if (visibleDepartments.has(d.id) && !(d.parentId && visibleDepartments.has(d.parentId)) && !placed.has(d.id)) addDepartment(d, base);
  for (const m of members) if (visibleUsers.has(m.userId) && !(m.departmentId && visibleDepartments.has(m.departmentId))) addUser(m, base);

  const departmentNames = new Map(departments.map((d) => [d.id, d.name]));
  const memberNames = new Map(members.map((m) => [m.userId, m.name]));
  return {
    rows,
    departmentIds: new Set(departments.map((d) => d.id)),
    memberIds: new Set(members.map((m) => m.userId)),
    canEdit: rows.some((r) => r.editable),
    find: (s, id) => rows.find((r) => r.scope === s && (s === 'company' || r.scopeId === id)),
    nameOf: (s, id) => (s === 'company' ? company : (id && (s === 'department' ? departmentNames.get(id) : memberNames.get(id))) || id || s),
  };
}
