import { PassThrough, type Readable } from 'node:stream';
import type { TExportRequest } from '@voyage/contracts';
import {
  assertCan, assertScope, chooseExportColumns, countRecordExport, loadCustomFieldDefs, recordTitles, writeAudit, writeRecordExport,
  localized, type Context, type ExportColumn, type Locale, type RecordExportSpec,
} from '@voyage/kernel';
import { deals } from '../db/pipelines';
import { loadPipelines, stageLabel } from '../pipelines/load-pipelines';
import { dealListSpec } from './list-deals';
import { dealColumns, dealToWire } from './deal-wire';

type Labels = Record<Locale, string>;
const l = localized;

/** Export columns of a deal, in order, with their headers in the reader's language. */
const COLUMNS: Array<{ key: string; labels: Labels }> = [
  { key: 'name', labels: l('商机名称', '商機名稱', 'Name') },
  { key: 'pipelineId', labels: l('销售流程', '銷售流程', 'Pipeline') },
  { key: 'stageId', labels: l('阶段', '階段', 'Stage') },
  { key: 'status', labels: l('状态', '狀態', 'Status') },
  { key: 'amountMinor', labels: l('金额', '金額', 'Amount') },
  { key: 'currency', labels: l('币种', '幣別', 'Currency') },
  { key: 'closeDate', labels: l('预计成交日期', '預計成交日期', 'Close date') },
  { key: 'probability', labels: l('赢率', '贏率', 'Probability') },
  { key: 'forecastCategory', labels: l('预测类别', '預測類別', 'Forecast category') },
  { key: 'ownerId', labels: l('负责人', '負責人', 'Owner') },
  { key: 'accountId', labels: l('客户公司', '客戶公司', 'Account') },
  { key: 'primaryContactId', labels: l('主要联系人', '主要聯絡人', 'Primary contact') },
  { key: 'source', labels: l('来源', '來源', 'Source') },
  { key: 'tags', labels: l('标签', '標籤', 'Tags') },
  { key: 'closedAt', labels: l('关闭时间', '關閉時間', 'Closed') },
  { key: 'createdAt', labels: l('创建时间', '建立時間', 'Created') },
  { key: 'updatedAt', labels: l('更新时间', '更新時間', 'Updated') },
];
const STATUS: Record<string, Labels> = { open: l('进行中', '進行中', 'Open'), won: l('赢单', '贏單', 'Won'), lost: l('输单', '輸單', 'Lost') };
const CATEGORY: Record<string, Labels> = {
  commit: l('承诺', '承諾', 'Commit'), best_case: l('最佳情况', '最佳情況', 'Best case'), pipeline: l('管道', '管道', 'Pipeline'), omitted: l('不计入', '不計入', 'Omitted'),
};

/**
 * Exports deals of a list view (its filter, sort and columns) as CSV or XLSX, streamed,
 * within the actor's data scope and field rules: stages, pipelines, accounts and contacts by
 * name, amounts in major units. Needs the deal export right; audited with the row count.
 */
export async function exportDeals(ctx: Context, request: TExportRequest): Promise<{ fileName: string; contentType: string; stream: Readable }> {
  assertCan(ctx.actor, 'deal', 'export');
  assertScope(ctx.actor, 'deal:read');
  const defs = await loadCustomFieldDefs(ctx.db, ctx.workspaceId, 'deal');
  const all: ExportColumn[] = [
    ...COLUMNS.map((c) => ({ key: c.key, label: c.labels[ctx.locale] })),
    ...defs.map((def) => ({ key: `custom.${def.key}`, label: def.labels?.[ctx.locale] ?? def.label, def })),
  ];
  const pipelines = await loadPipelines(ctx.db, ctx.workspaceId);
  const pipelineName = new Map(pipelines.map((p) => [p.id, p.labels[ctx.locale] ?? p.name]));
  const stageName = new Map(pipelines.flatMap((p) => p.stages.map((s) => [s.id, stageLabel(s, ctx.locale)] as const)));
  // Account and contact names of each page, looked up before the page is written through the kernel's record tables.
  const names = new Map<string, string>();
  const lookUp = async (object: 'account' | 'contact', ids: unknown[]) => {
    const missing = ids.filter((v): v is string => typeof v === 'string' && !names.has(v));
    for (const [id, title] of await recordTitles(ctx.db, ctx.workspaceId, object, missing)) names.set(id, title);
  };
  const spec: RecordExportSpec = {
    object: 'deal', table: deals, list: dealListSpec, select: dealColumns(), defs,
    toWire: (row) => dealToWire(row),
    sheetName: l('商机', '商機', 'Deals')[ctx.locale],
    columns: chooseExportColumns(ctx.actor, 'deal', all, request.fields),
    cell(record, column) {
      const value = record[column.key];
      if (value === null || value === undefined) return undefined;
      switch (column.key) {
        case 'pipelineId': return pipelineName.get(value as string) ?? '';
        case 'stageId': return stageName.get(value as string) ?? '';
        case 'status': return STATUS[value as string]?.[ctx.locale] ?? String(value);
        case 'forecastCategory': return CATEGORY[value as string]?.[ctx.locale] ?? String(value);
        case 'amountMinor': return typeof value === 'number' ? value / 100 : String(value);
        case 'accountId':
        case 'primaryContactId': return names.get(value as string) ?? '';
        default: return undefined;
      }
    },
    async beforePage(records) {
      await lookUp('account', records.map((r) => r.accountId));
      await lookUp('contact', records.map((r) => r.primaryContactId));
    },
  };
  const total = await countRecordExport(ctx, spec, request);
  await writeAudit(ctx.db, {
    workspaceId: ctx.workspaceId, action: 'export', object: 'deal', summary: `${total}`, newValues: { rows: total, format: request.format, filter: request.filter ?? {}, sort: request.sort ?? null, fields: request.fields ?? null },
    actorUserId: ctx.actor.userId, actorApiKeyId: ctx.actor.apiKey?.id, ip: ctx.ip, requestId: ctx.requestId,
  });
  const stream = new PassThrough();
  writeRecordExport(ctx, spec, request, stream).catch((error: unknown) => stream.destroy(error as Error));
  const date = new Date().toISOString().slice(0, 10);
  return {
    fileName: `deals-${date}.${request.format}`,
    contentType: request.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    stream,
  };
}
