import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { and, count, inArray } from 'drizzle-orm';
import type { Writable } from 'node:stream';
import type { TExportRequest } from '@voyage/contracts';
import { applyFieldSecurity, buildListQuery, fieldRule, loadCustomFieldDefs, schema, scopedWhere, type Context, type CustomFieldDef } from '@voyage/kernel';
import type { contacts } from '../db/schema';
import { customerObjects } from '../objects';
import { publicColumns, toWire, type RecordKind } from '../record-kinds';

const PAGE_SIZE = 200;
const INTERNAL = new Set(['version', 'deletedAt', 'createdBy', 'updatedBy']);
// List fields that are not editable fields of the object, so the object's labels lack them.
const EXTRA_LABELS: Record<string, Record<string, string>> = {
  id: { 'zh-CN': 'ID', 'zh-TW': 'ID', en: 'ID' },
  createdAt: { 'zh-CN': '创建时间', 'zh-TW': '建立時間', en: 'Created' },
  updatedAt: { 'zh-CN': '更新时间', 'zh-TW': '更新時間', en: 'Updated' },
};

/** The list query of an export request, as the list endpoint reads it (`filter[name][contains]`). */
export function exportListQuery(request: TExportRequest): Record<string, unknown> {
  const query: Record<string, unknown> = { limit: String(PAGE_SIZE) };
  for (const [key, value] of Object.entries(request.filter ?? {})) {
    const m = /^([\w.]+)(\[\w+\])?$/.exec(key);
    query[key.startsWith('filter[') || !m ? key : `filter[${m[1]}]${m[2] ?? ''}`] = value;
  }
  if (request.sort) query.sort = request.sort;
  return query;
}

interface ExportColumn {
  key: string;
  label: string;
  def?: CustomFieldDef;
}

/** Columns in the order asked (default: every list field), without the ones hidden from the actor, labelled in their language. */
export function exportColumns(ctx: Context, kind: RecordKind, defs: CustomFieldDef[], fields: string[] | undefined): ExportColumn[] {
  const labels = customerObjects.find((o) => o.key === kind.object)!.fields;
  const builtIn = Object.keys(kind.list.fields).filter((k) => !INTERNAL.has(k));
  const all: ExportColumn[] = [
    ...builtIn.map((key) => ({ key, label: labels.find((f) => f.key === key)?.labels[ctx.locale] ?? EXTRA_LABELS[key]?.[ctx.locale] ?? key })),
    ...defs.map((def) => ({ key: `custom.${def.key}`, label: def.labels?.[ctx.locale] ?? def.label, def })),
  ];
  const chosen = fields?.length ? fields.map((f) => all.find((c) => c.key === f)).filter((c): c is ExportColumn => !!c) : all;
  return chosen.filter((c) => fieldRule(ctx.actor, kind.object, c.key) !== 'hidden');
}

function cellOf(record: Record<string, unknown>, column: ExportColumn, owners: Map<string, string>): string | number {
  const value = column.def ? (record.custom as Record<string, unknown> | undefined)?.[column.def.key] : record[column.key];
  if (value === null || value === undefined) return '';
  if (column.key === 'ownerId' && typeof value === 'string') return owners.get(value) ?? value;
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object' && 'amount' in (value as object)) {
    const money = value as { amount: number; currency?: string };
    return `${(money.amount / 100).toFixed(2)} ${money.currency ?? ''}`.trim();
  }
  if (typeof value === 'boolean') return value ? '✓' : '';
  return typeof value === 'number' ? value : String(value);
}

/** Rows the export request matches within the actor's data scope. */
export async function countExportRows(ctx: Context, kind: RecordKind, request: TExportRequest): Promise<number> {
  const t = kind.table as typeof contacts;
  const defs = await loadCustomFieldDefs(ctx.db, ctx.workspaceId, kind.object);
  const plan = buildListQuery(kind.list, exportListQuery(request), { defs, locale: ctx.locale, actor: ctx.actor, object: kind.object });
  const [row] = await ctx.db.select({ n: count() }).from(t).where(and(await scopedWhere(ctx, t, kind.object), plan.where));
  return Number(row.n);
}

/**
 * Writes the records of a list view to `sink` page by page through the list-query builder
 * and the data scope; masked fields come out masked. CSV starts with a BOM so Excel reads
 * Chinese. Returns the number of rows written.
 */
export async function writeExport(ctx: Context, kind: RecordKind, request: TExportRequest, sink: Writable, onPage?: (rows: number) => Promise<void>): Promise<number> {
  const t = kind.table as typeof contacts;
  const defs = await loadCustomFieldDefs(ctx.db, ctx.workspaceId, kind.object);
  const columns = exportColumns(ctx, kind, defs, request.fields);
  const scope = await scopedWhere(ctx, t, kind.object);
  const csv = request.format === 'csv' ? stringify({ bom: true }) : null;
  const workbook = request.format === 'xlsx' ? new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: false, useStyles: false }) : null;
  const sheet = workbook?.addWorksheet(customerObjects.find((o) => o.key === kind.object)!.labels[ctx.locale]);
  if (csv) csv.pipe(sink);
  const header = columns.map((c) => c.label);
  if (csv) csv.write(header);
  else sheet!.addRow(header).commit();
  const query = exportListQuery(request);
  let written = 0;
  for (;;) {
    const plan = buildListQuery(kind.list, query, { defs, locale: ctx.locale, actor: ctx.actor, object: kind.object });
    const rows = await ctx.db.select({ ...publicColumns(t), ...plan.cursorColumns }).from(t).where(and(scope, plan.where)).orderBy(...plan.orderBy).limit(plan.limit + 1);
    const { rows: pageRows, nextCursor } = plan.page(rows as Array<Record<string, unknown>>);
    const secured = applyFieldSecurity(ctx.actor, kind.object, pageRows.map(toWire));
    const ownerIds = [...new Set(secured.map((r) => r.ownerId).filter((v): v is string => typeof v === 'string'))];
    const owners = new Map(ownerIds.length ? (await ctx.db.select({ id: schema.users.id, name: schema.users.name }).from(schema.users).where(inArray(schema.users.id, ownerIds))).map((u) => [u.id, u.name ?? '']) : []);
    for (const record of secured) {
      const cells = columns.map((c) => cellOf(record, c, owners));
      if (csv) csv.write(cells);
      else sheet!.addRow(cells).commit();
    }
    written += secured.length;
    await onPage?.(written);
    if (!nextCursor) break;
    query.cursor = nextCursor;
  }
  if (csv) {
    csv.end();
    await new Promise<void>((resolve, reject) => sink.on('finish', resolve).on('error', reject));
  } else {
    sheet!.commit();
    await workbook!.commit();
  }
  return written;
}
