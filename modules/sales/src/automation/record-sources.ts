import { and, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import { LEAD_EVENTS, LEAD_SOURCES, LEAD_STATUSES, TASK_PRIORITIES, TASK_STATUSES, DEAL_EVENTS, ZCreateDealRequest, ZCreateLeadRequest, ZUpdateDealRequest, ZUpdateLeadRequest } from '@voyage/contracts';
import { AppError, localized, workflowInput, workflowValues, type Context, type Labels, type WorkflowFieldInfo, type WorkflowRecordSource } from '@voyage/kernel';
import { deals } from '../db/pipelines';
import { leads } from '../db/leads';
import { tasks } from '../db/tasks';
import { dealListSpec } from '../deals/list-deals';
import { discountAboveMaxSql } from '../deal-lines/discount-above-max';
import { leadListSpec } from '../leads/list-leads';
import { TASK_LIST } from '../tasks/list-tasks';
import { dealToWire } from '../deals/deal-wire';
import { leadToWire } from '../leads/lead-wire';
import { createDeal } from '../deals/create-deal';
import { updateDeal } from '../deals/update-deal';
import { moveDeal } from '../deals/move-deal';
import { createLead } from '../leads/create-leads';
import { updateLead } from '../leads/update-lead';
import { TASK_EVENTS } from '../tasks/task-events';

const field = (key: string, kind: WorkflowFieldInfo['kind'], labels: [string, string, string], extra: Partial<WorkflowFieldInfo> = {}): WorkflowFieldInfo =>
  ({ key, kind, labels: localized(...labels), ...extra });
const options = (values: readonly string[], labels: Record<string, [string, string, string]>) => values.map((value) => ({ value, labels: localized(...(labels[value] ?? [value, value, value])) }));

const created: [string, string, string] = ['创建时间', '建立時間', 'Created'];
const updated: [string, string, string] = ['更新时间', '更新時間', 'Updated'];

/** Whole days since the deal's last activity (or since it entered its stage), as of the query. */
const idleDaysSql = sql<number>`floor(extract(epoch from (now() - coalesce(deals.last_activity_at, deals.stage_entered_at))) / 86400)::int`;

const dealSource: WorkflowRecordSource = {
  object: 'deal',
  labels: localized('商机', '商機', 'Deal'),
  events: { created: DEAL_EVENTS.created, updated: DEAL_EVENTS.updated, deleted: DEAL_EVENTS.deleted },
  // The deals list's spec, plus what the stalled-deal and large-deal rules look at.
  list: {
    ...dealListSpec,
    fields: {
      ...dealListSpec.fields,
      lastActivityAt: { column: deals.lastActivityAt, kind: 'datetime', sortable: true },
      stalledAt: { column: deals.stalledAt, kind: 'datetime', sortable: true },
      idleDays: { expr: idleDaysSql, kind: 'number' },
      discountAboveMax: { expr: discountAboveMaxSql, kind: 'boolean' },
    },
  },
  table: deals,
  columns: { workspaceId: deals.workspaceId, id: deals.id, deletedAt: deals.deletedAt, ownerId: deals.ownerId },
  fields: [
    field('name', 'text', ['名称', '名稱', 'Name'], { writable: true }),
    field('amountMinor', 'money', ['金额', '金額', 'Amount'], { writable: true }),
    field('currency', 'text', ['币种', '幣別', 'Currency'], { writable: true }),
    field('stageId', 'text', ['阶段', '階段', 'Stage'], { writable: true }),
    field('pipelineId', 'text', ['销售流程', '銷售流程', 'Pipeline']),
    field('status', 'picklist', ['状态', '狀態', 'Status'], { options: options(['open', 'won', 'lost'], { open: ['进行中', '進行中', 'Open'], won: ['赢单', '贏單', 'Won'], lost: ['输单', '輸單', 'Lost'] }) }),
    field('closeDate', 'date', ['预计成交日期', '預計成交日期', 'Close date'], { writable: true }),
    field('probability', 'number', ['赢率', '贏率', 'Probability'], { writable: true }),
    field('ownerId', 'user', ['负责人', '負責人', 'Owner'], { writable: true }),
    field('accountId', 'record', ['客户公司', '客戶公司', 'Account'], { writable: true, object: 'account' }),
    field('primaryContactId', 'record', ['主要联系人', '主要聯絡人', 'Primary contact'], { writable: true, object: 'contact' }),
    field('source', 'text', ['来源', '來源', 'Source'], { writable: true }),
    field('tags', 'tags', ['标签', '標籤', 'Tags'], { writable: true }),
    field('lastActivityAt', 'datetime', ['最近活动时间', '最近活動時間', 'Last activity']),
    // Last activity + the pipeline's stall days; empty when closed or the pipeline's alert is off.
    field('stalledAt', 'datetime', ['停滞起始时间', '停滯起始時間', 'Stalled since']),
    field('idleDays', 'number', ['无活动天数', '無活動天數', 'Days without activity']),
    field('discountAboveMax', 'boolean', ['折扣超过价格表上限', '折扣超過價格表上限', 'Discount above the price book\'s maximum']),
    field('stageEnteredAt', 'datetime', ['进入阶段时间', '進入階段時間', 'In stage since']),
    field('closedAt', 'datetime', ['关闭时间', '關閉時間', 'Closed']),
    field('createdAt', 'datetime', created),
    field('updatedAt', 'datetime', updated),
  ],
  dateFields: { closeDate: deals.closeDate, lastActivityAt: deals.lastActivityAt, stageEnteredAt: deals.stageEnteredAt, stalledAt: deals.stalledAt, createdAt: deals.createdAt },
  async load(db, workspaceId, ids) {
    if (ids.length === 0) return new Map();
    const rows = await db.select({ ...getTableColumns(deals), idleDays: idleDaysSql, discountAboveMax: discountAboveMaxSql })
      .from(deals).where(and(eq(deals.workspaceId, workspaceId), inArray(deals.id, [...new Set(ids)]), isNull(deals.deletedAt)));
    return new Map(rows.map((r) => {
      const { workspaceId: _w, idleDays, discountAboveMax, ...rest } = r;
      return [r.id, { ...workflowValues(dealToWire(rest)), idleDays: Number(idleDays), discountAboveMax: Boolean(discountAboveMax) }];
    }));
  },
  async update(ctx, id, values) {
    const { stageId, ...rest } = values;
    if (typeof stageId === 'string') await moveDeal(ctx, id, { stageId, version: await dealVersion(ctx, id) });
    if (Object.keys(rest).length === 0) return;
    await updateDeal(ctx, id, workflowInput(ctx.locale, { ...rest, version: await dealVersion(ctx, id) }, ZUpdateDealRequest));
  },
  async create(ctx, values) {
    const row = await createDeal(ctx, workflowInput(ctx.locale, values, ZCreateDealRequest));
    return { id: row.id as string };
  },
};

async function dealVersion(ctx: Context, id: string): Promise<number> {
  const [row] = await ctx.db.select({ version: deals.version }).from(deals).where(and(eq(deals.workspaceId, ctx.workspaceId), eq(deals.id, id), isNull(deals.deletedAt)));
  if (!row) throw new AppError('not_found', { params: { what: 'deal' } });
  return row.version;
}

const LEAD_STATUS_LABELS: Record<string, [string, string, string]> = {
  new: ['新线索', '新名單', 'New'], working: ['跟进中', '跟進中', 'Working'], qualified: ['已认可', '已認可', 'Qualified'],
  disqualified: ['已排除', '已排除', 'Disqualified'], converted: ['已转化', '已轉換', 'Converted'],
};
const LEAD_SOURCE_LABELS: Record<string, [string, string, string]> = {
  web_form: ['网站表单', '網站表單', 'Web form'], referral: ['转介绍', '轉介紹', 'Referral'], trade_show: ['展会', '展覽', 'Trade show'],
  ad: ['广告', '廣告', 'Advertising'], cold_call: ['陌生拜访', '陌生開發', 'Cold call'], partner: ['合作伙伴', '合作夥伴', 'Partner'], other: ['其他', '其他', 'Other'],
};

const leadSource: WorkflowRecordSource = {
  object: 'lead',
  labels: localized('线索', '潛在客戶', 'Lead'),
  events: { created: LEAD_EVENTS.created, updated: LEAD_EVENTS.updated, deleted: LEAD_EVENTS.deleted },
  list: leadListSpec,
  table: leads,
  columns: { workspaceId: leads.workspaceId, id: leads.id, deletedAt: leads.deletedAt, ownerId: leads.ownerId },
  fields: [
    field('name', 'text', ['姓名', '姓名', 'Name'], { writable: true }),
    field('company', 'text', ['公司', '公司', 'Company'], { writable: true }),
    field('title', 'text', ['职位', '職稱', 'Job title'], { writable: true }),
    field('email', 'text', ['邮箱', '電子郵件', 'Email'], { writable: true }),
    field('phone', 'text', ['电话', '電話', 'Phone'], { writable: true }),
    field('mobile', 'text', ['手机', '手機', 'Mobile'], { writable: true }),
    field('region', 'text', ['地区', '地區', 'Region'], { writable: true }),
    field('industry', 'text', ['行业', '產業', 'Industry'], { writable: true }),
    field('source', 'picklist', ['来源', '來源', 'Source'], { writable: true, options: options(LEAD_SOURCES, LEAD_SOURCE_LABELS) }),
    field('status', 'picklist', ['状态', '狀態', 'Status'], { options: options(LEAD_STATUSES, LEAD_STATUS_LABELS) }),
    field('ownerId', 'user', ['负责人', '負責人', 'Owner'], { writable: true }),
    field('convertedAt', 'datetime', ['转化时间', '轉換時間', 'Converted']),
    field('createdAt', 'datetime', created),
    field('updatedAt', 'datetime', updated),
  ],
  dateFields: { createdAt: leads.createdAt, convertedAt: leads.convertedAt },
  async load(db, workspaceId, ids) {
    if (ids.length === 0) return new Map();
    const rows = await db.select().from(leads).where(and(eq(leads.workspaceId, workspaceId), inArray(leads.id, [...new Set(ids)]), isNull(leads.deletedAt)));
    return new Map(rows.map((r) => [r.id, workflowValues(leadToWire(r))]));
  },
  async update(ctx, id, values) {
    const [row] = await ctx.db.select({ version: leads.version }).from(leads).where(and(eq(leads.workspaceId, ctx.workspaceId), eq(leads.id, id), isNull(leads.deletedAt)));
    if (!row) throw new AppError('not_found', { params: { what: 'lead' } });
    await updateLead(ctx, id, workflowInput(ctx.locale, { ...values, version: row.version }, ZUpdateLeadRequest));
  },
  async create(ctx, values) {
    const row = await createLead(ctx, workflowInput(ctx.locale, values, ZCreateLeadRequest));
    return { id: row.id };
  },
};

const TASK_PRIORITY_LABELS: Record<string, [string, string, string]> = { low: ['低', '低', 'Low'], normal: ['普通', '普通', 'Normal'], high: ['高', '高', 'High'], urgent: ['紧急', '緊急', 'Urgent'] };
const TASK_STATUS_LABELS: Record<string, [string, string, string]> = { open: ['待办', '待辦', 'Open'], done: ['已完成', '已完成', 'Done'], cancelled: ['已取消', '已取消', 'Cancelled'] };
const taskLabels: Labels = localized('任务', '任務', 'Task');

/** Tasks start workflows and are read by conditions; workflows create them with `sales.create_task`. */
const taskSource: WorkflowRecordSource = {
  object: 'task',
  labels: taskLabels,
  events: { created: TASK_EVENTS.created, updated: TASK_EVENTS.updated, deleted: TASK_EVENTS.deleted },
  list: TASK_LIST,
  table: tasks,
  columns: { workspaceId: tasks.workspaceId, id: tasks.id, deletedAt: tasks.deletedAt, ownerId: tasks.ownerId },
  fields: [
    field('title', 'text', ['标题', '標題', 'Title']),
    field('status', 'picklist', ['状态', '狀態', 'Status'], { options: options(TASK_STATUSES, TASK_STATUS_LABELS) }),
    field('priority', 'picklist', ['优先级', '優先順序', 'Priority'], { options: options(TASK_PRIORITIES, TASK_PRIORITY_LABELS) }),
    field('dueAt', 'datetime', ['截止时间', '截止時間', 'Due']),
    field('ownerId', 'user', ['负责人', '負責人', 'Assignee']),
    field('relatedType', 'text', ['关联类型', '關聯類型', 'Related to (kind)']),
    field('relatedId', 'text', ['关联记录', '關聯記錄', 'Related record']),
    field('completedAt', 'datetime', ['完成时间', '完成時間', 'Completed']),
    field('createdAt', 'datetime', created),
  ],
  dateFields: { dueAt: tasks.dueAt, createdAt: tasks.createdAt },
  async load(db, workspaceId, ids) {
    if (ids.length === 0) return new Map();
    const rows = await db.select().from(tasks).where(and(eq(tasks.workspaceId, workspaceId), inArray(tasks.id, [...new Set(ids)]), isNull(tasks.deletedAt)));
    return new Map(rows.map(({ workspaceId: _w, ...r }) => [r.id, Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]))]));
  },
};

export const salesRecordSources: WorkflowRecordSource[] = [dealSource, leadSource, taskSource];
