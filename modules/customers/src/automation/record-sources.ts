import { and, eq, inArray, isNull } from 'drizzle-orm';
import { LIFECYCLE_STAGES } from '@voyage/contracts';
import { AppError, localized, workflowInput, workflowValues, type Context, type Queryable, type WorkflowDeclarations, type WorkflowFieldInfo, type WorkflowRecordSource } from '@voyage/kernel';
import { accountKind, contactKind, toWire, type RecordKind } from '../record-kinds';
import { createRecords } from '../use-cases/create-records';
import { updateRecords } from '../use-cases/update-records';
import type { contacts } from '../db/schema';

const LIFECYCLE_LABELS: Record<(typeof LIFECYCLE_STAGES)[number], [string, string, string]> = {
  subscriber: ['订阅者', '訂閱者', 'Subscriber'],
  lead: ['线索', '潛在客戶', 'Lead'],
  mql: ['市场认可线索', '行銷認可名單', 'Marketing qualified'],
  sql: ['销售认可线索', '銷售認可名單', 'Sales qualified'],
  opportunity: ['商机', '商機', 'Opportunity'],
  customer: ['客户', '客戶', 'Customer'],
  advocate: ['推荐者', '推薦者', 'Advocate'],
  churned: ['已流失', '已流失', 'Churned'],
};

const field = (key: string, kind: WorkflowFieldInfo['kind'], zhCN: string, zhTW: string, en: string, extra: Partial<WorkflowFieldInfo> = {}): WorkflowFieldInfo =>
  ({ key, kind, labels: localized(zhCN, zhTW, en), ...extra });

const commonFields = (): WorkflowFieldInfo[] => [
  field('name', 'text', '名称', '名稱', 'Name', { writable: true }),
  field('ownerId', 'user', '负责人', '負責人', 'Owner', { writable: true }),
  field('tags', 'tags', '标签', '標籤', 'Tags', { writable: true }),
  field('lifecycleStage', 'picklist', '生命周期阶段', '生命週期階段', 'Lifecycle stage', {
    writable: true,
    options: LIFECYCLE_STAGES.map((value) => ({ value, labels: localized(...LIFECYCLE_LABELS[value]) })),
  }),
  field('lastFollowUpAt', 'datetime', '最近跟进时间', '最近跟進時間', 'Last follow-up'),
  field('nextContactAt', 'datetime', '下次联系时间', '下次聯絡時間', 'Next contact'),
  field('followUpCount', 'number', '跟进次数', '跟進次數', 'Follow-ups'),
  field('createdAt', 'datetime', '创建时间', '建立時間', 'Created'),
  field('updatedAt', 'datetime', '更新时间', '更新時間', 'Updated'),
];

async function loadRows(kind: RecordKind, db: Queryable, workspaceId: string, ids: string[]): Promise<Map<string, Record<string, unknown>>> {
  if (ids.length === 0) return new Map();
  const t = kind.table as typeof contacts;
  const rows = await db.select().from(t).where(and(eq(t.workspaceId, workspaceId), inArray(t.id, [...new Set(ids)]), isNull(t.deletedAt)));
  return new Map(rows.map((r) => [r.id, workflowValues(toWire(r as Record<string, unknown>))]));
}

function source(kind: RecordKind, labels: WorkflowRecordSource['labels'], fields: WorkflowFieldInfo[]): WorkflowRecordSource {
  const t = kind.table as typeof contacts;
  return {
    object: kind.object,
    labels,
    events: { created: kind.events.created, updated: kind.events.updated, deleted: kind.events.deleted },
    list: kind.list,
    table: kind.table,
    columns: { workspaceId: t.workspaceId, id: t.id, deletedAt: t.deletedAt, ownerId: t.ownerId },
    fields,
    dateFields: { nextContactAt: t.nextContactAt, lastFollowUpAt: t.lastFollowUpAt, createdAt: t.createdAt },
    load: (db, workspaceId, ids) => loadRows(kind, db, workspaceId, ids),
    // The system acts without a read-modify-write race of its own: it sends the version it just read.
    async update(ctx: Context, id: string, values: Record<string, unknown>) {
      const [row] = await ctx.db.select({ version: t.version }).from(t).where(and(eq(t.workspaceId, ctx.workspaceId), eq(t.id, id), isNull(t.deletedAt)));
      if (!row) throw new AppError('not_found', { params: { what: kind.object } });
      await updateRecords(ctx, kind, [{ ...workflowInput(ctx.locale, values), id, version: row.version }]);
    },
    async updateMany(ctx: Context, changes: Array<{ id: string; values: Record<string, unknown> }>) {
      if (changes.length === 0) return;
      const rows = await ctx.db.select({ id: t.id, version: t.version }).from(t).where(and(eq(t.workspaceId, ctx.workspaceId), inArray(t.id, changes.map((c) => c.id)), isNull(t.deletedAt)));
      const versions = new Map(rows.map((r) => [r.id, r.version]));
      if (changes.some((c) => !versions.has(c.id))) throw new AppError('not_found', { params: { what: kind.object } });
      await updateRecords(ctx, kind, changes.map((c) => ({ ...workflowInput(ctx.locale, c.values), id: c.id, version: versions.get(c.id)! })));
    },
    async create(ctx: Context, values: Record<string, unknown>) {
      const [row] = await createRecords(ctx, kind, [workflowInput(ctx.locale, values)]);
      return { id: row.id as string };
    },
  };
}

/** Accounts and contacts as workflow triggers and targets (A1). */
export const customerAutomation: WorkflowDeclarations = {
  records: [
    source(accountKind, localized('客户公司', '客戶公司', 'Account'), [
      ...commonFields(),
      field('legalName', 'text', '法定名称', '法定名稱', 'Legal name', { writable: true }),
      field('industry', 'text', '行业', '產業', 'Industry', { writable: true }),
      field('region', 'text', '地区', '地區', 'Region', { writable: true }),
      field('size', 'text', '规模', '規模', 'Size', { writable: true }),
      field('website', 'text', '网站', '網站', 'Website', { writable: true }),
      field('phone', 'text', '电话', '電話', 'Phone', { writable: true }),
      field('parentAccountId', 'record', '上级公司', '上層公司', 'Parent account', { writable: true, object: 'account' }),
    ]),
    source(contactKind, localized('联系人', '聯絡人', 'Contact'), [
      ...commonFields(),
      field('email', 'text', '邮箱', '電子郵件', 'Email', { writable: true }),
      field('phone', 'text', '电话', '電話', 'Phone', { writable: true }),
      field('mobile', 'text', '手机', '手機', 'Mobile', { writable: true }),
      field('title', 'text', '职位', '職稱', 'Job title', { writable: true }),
      field('accountId', 'record', '所属公司', '所屬公司', 'Account', { writable: true, object: 'account' }),
    ]),
  ],
};
