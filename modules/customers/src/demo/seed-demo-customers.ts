import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { newId, schema, translate, type Database, type Locale, type Queryable } from '@voyage/kernel';
import { accounts, contacts } from '../db/schema';
import { accountContacts, contactReportsTo } from '../db/relationships';
import { segments, tags } from '../db/segments';
import { followUps, timelineEntries } from '../db/timeline';
import '../timeline/messages';
import { DEMO_SOURCES, DEMO_TAGS } from './demo-catalog';
import { planDemoCustomers, type DemoOwner, type DemoPlan } from './plan-demo-customers';
import { addDemoDuplicates } from './plan-demo-duplicates';
import { duplicateScans } from '../db/duplicates';
import { runDuplicateScan } from '../duplicates/scan/run-duplicate-scan';

const BATCH = 400;

async function insertAll<T>(rows: T[], write: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await write(rows.slice(i, i + BATCH));
}

/** Reps and managers own the demo's customers; a workspace with neither gives them to its admin. */
async function demoOwners(db: Queryable, workspaceId: string, adminUserId: string): Promise<DemoOwner[]> {
  const rows = await db
    .select({ userId: schema.memberships.userId, role: schema.roles.key })
    .from(schema.memberships)
    .innerJoin(schema.roles, and(eq(schema.roles.workspaceId, schema.memberships.workspaceId), eq(schema.roles.id, schema.memberships.roleId)))
    .innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId))
    .where(and(eq(schema.memberships.workspaceId, workspaceId), inArray(schema.roles.key, ['rep', 'manager']), eq(schema.memberships.status, 'active')))
    .orderBy(asc(schema.users.email));
  const owners = rows.map((r) => ({ userId: r.userId, weight: r.role === 'rep' ? 3 : 1 }));
  return owners.length > 0 ? owners : [{ userId: adminUserId, weight: 1 }];
}

/** Timeline entries as the timeline subscriber writes them, so later edits of a follow-up replace them. */
function timelineRows(workspaceId: string, plan: DemoPlan, locale: Locale): Array<typeof timelineEntries.$inferInsert> {
  const created = (type: 'contact' | 'account', r: { id: string; createdAt?: Date; createdBy?: string | null }) => ({
    workspaceId, id: newId(), subjectType: type, subjectId: r.id, kind: 'record_created', occurredAt: r.createdAt!, actorUserId: r.createdBy ?? null,
    title: translate(locale, 'timeline.record_created', { object: translate(locale, `timeline.object.${type}`) }), sourceEventId: `demo:${r.id}:${r.id}`,
  });
  const rows: Array<typeof timelineEntries.$inferInsert> = [...plan.accounts.map((a) => created('account', a)), ...plan.contacts.map((c) => created('contact', c))];
  for (const f of plan.followUps) {
    const subjects: Array<{ type: 'contact' | 'account'; id: string }> = [{ type: f.subject.type, id: f.subject.id }];
    if (f.subject.accountId) subjects.push({ type: 'account', id: f.subject.accountId });
    for (const s of subjects) {
      rows.push({
        workspaceId, id: newId(), subjectType: s.type, subjectId: s.id, kind: 'follow_up', occurredAt: f.occurredAt, actorUserId: f.ownerId,
        title: translate(locale, `timeline.follow_up.${f.type}`), body: f.content,
        data: { followUpId: f.id, type: f.type, nextContactAt: f.nextContactAt?.toISOString() ?? null, ownerId: f.ownerId, ...(s.type !== f.subject.type ? { via: { type: f.subject.type, id: f.subject.id } } : {}) },
        sourceEventId: `follow_up:${f.id}:${s.id}`,
      });
    }
  }
  return rows;
}

/**
 * The demo's customers: ~300 accounts (a few groups with subsidiaries), ~620 contacts with
 * their roles at the accounts, follow-ups with their timeline, custom fields, tags, segments
 * and a public pool. Deterministic (one seed), written in multi-row batches in one
 * transaction; a workspace that already has them is left alone.
 */
export async function seedDemoCustomers(ctx: { database: Database; workspaceId: string; adminUserId: string; now?: number }): Promise<void> {
  const { workspaceId, adminUserId } = ctx;
  const seeded = await ctx.database.db.transaction(async (tx) => {
    const done = await tx.select({ id: schema.customFieldDefs.id }).from(schema.customFieldDefs)
      .where(and(eq(schema.customFieldDefs.workspaceId, workspaceId), eq(schema.customFieldDefs.object, 'contact'), eq(schema.customFieldDefs.key, 'source'), isNull(schema.customFieldDefs.deletedAt)));
    if (done.length > 0) return false;
    const [ws] = await tx.select({ locale: schema.workspaces.defaultLocale }).from(schema.workspaces).where(eq(schema.workspaces.id, workspaceId));
    const plan = planDemoCustomers(workspaceId, await demoOwners(tx, workspaceId, adminUserId), ctx.now ?? Date.now());
    addDemoDuplicates(plan, ctx.now ?? Date.now());
    const by = { createdBy: adminUserId, updatedBy: adminUserId };
    const budget = (object: string, position: number) => ({ workspaceId, id: newId(), object, key: 'budget', label: '预算', labels: { 'zh-CN': '预算', 'zh-TW': '預算', en: 'Budget' }, type: 'currency', config: { currency: 'CNY' }, position, ...by });
    await tx.insert(schema.customFieldDefs).values([
      { workspaceId, id: newId(), object: 'contact', key: 'source', label: '来源渠道', labels: { 'zh-CN': '来源渠道', 'zh-TW': '來源渠道', en: 'Source' }, type: 'single_select', options: [...DEMO_SOURCES], position: 0, ...by },
      budget('contact', 1), budget('account', 0),
    ]);
    const catalogue = [...DEMO_TAGS.map(([name, color, objectScope]) => ({ name, color, objectScope })), { name: '华东', color: 'teal', objectScope: 'account' }, { name: '华南', color: 'green', objectScope: 'account' }];
    await tx.insert(tags).values(catalogue.map((t) => ({ workspaceId, id: newId(), ...t, ...by })));
    await insertAll(plan.accounts, (b) => tx.insert(accounts).values(b));
    await insertAll(plan.contacts, (b) => tx.insert(contacts).values(b));
    await insertAll(plan.links, (b) => tx.insert(accountContacts).values(b));
    await insertAll(plan.reportsTo, (b) => tx.insert(contactReportsTo).values(b));
    await insertAll(plan.followUps, (b) => tx.insert(followUps).values(b.map((f) => ({
      workspaceId, id: f.id, subjectType: f.subject.type, subjectId: f.subject.id, type: f.type, content: f.content, occurredAt: f.occurredAt, nextContactAt: f.nextContactAt,
      ownerId: f.ownerId, createdAt: f.occurredAt, updatedAt: f.occurredAt, createdBy: f.ownerId, updatedBy: f.ownerId,
    }))));
    await insertAll(timelineRows(workspaceId, plan, (ws?.locale ?? 'zh-CN') as Locale), (b) => tx.insert(timelineEntries).values(b));
    await tx.insert(segments).values([
      { workspaceId, id: newId(), name: '华东 VIP 客户', description: '华东区带 VIP 标签的客户公司', object: 'account', kind: 'dynamic', shared: true, ownerId: adminUserId, ...by,
        rules: { op: 'and', rules: [{ field: 'region', operator: 'eq', value: '华东' }, { field: 'tags', operator: 'has_any', value: ['VIP'] }] } },
      { workspaceId, id: newId(), name: '90 天未跟进', description: '最近一次跟进在 90 天以前的联系人', object: 'contact', kind: 'dynamic', shared: true, ownerId: adminUserId, ...by,
        rules: { op: 'and', rules: [{ field: 'lastFollowUpAt', operator: 'more_than_days_ago', value: 90 }] } },
    ]);
    return true;
  });
  if (!seeded) return;
  // The duplicate finder's first run, so the review queue shows the demo's duplicates at once.
  for (const object of ['contact', 'account'] as const) {
    const id = newId();
    await ctx.database.db.insert(duplicateScans).values({ workspaceId, id, object, status: 'queued', requestedBy: adminUserId });
    await runDuplicateScan(ctx.database, workspaceId, id);
  }
}
