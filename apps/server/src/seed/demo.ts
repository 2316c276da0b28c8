import { and, eq, sql } from 'drizzle-orm';
import { createWorkspace, hashPassword, newId, schema } from '@voyage/kernel';
import type { Services } from '../services';
import { DEMO_DEPARTMENTS, DEMO_LOGIN, DEMO_PEOPLE, DEMO_WORKSPACE_NAME, DEMO_WORKSPACE_SLUG } from './demo-org';
import { DEMO_SEED_STEPS, type DemoSeedContext } from './steps';

export type DemoSeedResult = { created: boolean; workspaceId: string };

/**
 * Creates the demo workspace "远航科技 Voyage Demo": the department tree, eight people with
 * titles, supervisors and roles, then every registered seed step. Does nothing when it exists.
 */
export async function seedDemo(services: Services): Promise<DemoSeedResult> {
  const { database, registry } = services;
  const { db } = database;
  const [existing] = await db.select({ id: schema.workspaces.id }).from(schema.workspaces).where(eq(schema.workspaces.slug, DEMO_WORKSPACE_SLUG));
  if (existing) return { created: false, workspaceId: existing.id };
  const [admin, ...others] = DEMO_PEOPLE;
  const objects = registry.ordered().flatMap((m) => (m.objects ?? []).map((o) => o.key));
  const { workspaceId, adminUserId, roleIds } = await createWorkspace(database, {
    name: DEMO_WORKSPACE_NAME,
    slug: DEMO_WORKSPACE_SLUG,
    locale: 'zh-CN',
    timezone: 'Asia/Shanghai',
    currency: 'CNY',
    objects,
    admin: { email: admin.email, name: admin.name, password: DEMO_LOGIN.password },
  });
  // One hash for every demo account: they share the documented demo password.
  const passwordHash = await hashPassword(DEMO_LOGIN.password);
  const userIds: Record<string, string> = { [admin.key]: adminUserId };
  for (const person of others) userIds[person.key] = newId();
  const departmentIds = Object.fromEntries(DEMO_DEPARTMENTS.map((d) => [d.key, newId()]));
  const headOf = Object.fromEntries(DEMO_PEOPLE.filter((p) => p.heads).map((p) => [p.heads, userIds[p.key]]));
  await db.transaction(async (tx) => {
    // Parents come before children in DEMO_DEPARTMENTS, so one insert satisfies the tree's foreign key.
    await tx.insert(schema.departments).values(
      DEMO_DEPARTMENTS.map((d, position) => ({ workspaceId, id: departmentIds[d.key], name: d.name, parentId: d.parent ? departmentIds[d.parent] : null, headUserId: headOf[d.key] ?? null, position, createdBy: adminUserId, updatedBy: adminUserId })),
    );
    await tx.insert(schema.users).values(others.map((p) => ({ id: userIds[p.key], email: p.email, name: p.name, passwordHash, locale: p.locale ?? null, lastWorkspaceId: workspaceId })));
    // Foreign keys are checked at the end of the statement, so supervisors may be rows of the same insert.
    await tx.insert(schema.memberships).values(
      others.map((p) => ({ workspaceId, userId: userIds[p.key], roleId: roleIds[p.role], departmentId: departmentIds[p.department], supervisorId: p.supervisor ? userIds[p.supervisor] : null, title: p.title, createdBy: adminUserId, updatedBy: adminUserId })),
    );
    await tx
      .update(schema.memberships)
      .set({ departmentId: departmentIds[admin.department], title: admin.title })
      .where(and(eq(schema.memberships.workspaceId, workspaceId), eq(schema.memberships.userId, adminUserId)));
  });
  const ctx: DemoSeedContext = { env: services.env, database, services, workspaceId, adminUserId, roleIds, departmentIds, userIds };
  for (const step of DEMO_SEED_STEPS) await step.run(ctx);
  return { created: true, workspaceId };
}

/** On a database without any workspace, seeds the demo (VOYAGE_DEMO=true on first start). */
export async function seedDemoIfEmpty(services: Services): Promise<DemoSeedResult | null> {
  const rows = await services.database.db.select({ one: sql<number>`1` }).from(schema.workspaces).limit(1);
  if (rows.length > 0) return null;
  return seedDemo(services);
}

/** Whether the demo login exists, so the start banner can show it. */
export async function demoLoginExists(services: Services): Promise<boolean> {
  const rows = await services.database.db.select({ id: schema.users.id }).from(schema.users).where(sql`lower(${schema.users.email}) = ${DEMO_LOGIN.email}`).limit(1);
  return rows.length > 0;
}
