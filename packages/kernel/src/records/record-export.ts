import { stringify } from 'csv-stringify';
import { and, count, inArray } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Writable } from 'node:stream';
import type { Context } from '../context';
import type { CustomFieldDef } from '../custom-fields';
import { users } from '../db/schema';
import { scopedWhere, type ScopedTable } from '../permissions/data-scope';
import { applyFieldSecurity, fieldRule } from '../permissions/field-security';
import { loadExcel } from './excel';
import { buildListQuery, type ListSpec } from './list-query';

const PAGE_SIZE = 200;

/** What to export, as a list view holds it: filter and sort in the list endpoint's form, columns in order. */
export interface RecordExportRequest {
  format: 'csv' | 'xlsx';
  filter?: Record<string, string | string[]>;
  sort?: string;
  fields?: string[];
}

export interface ExportColumn {
  key: string;
  label: string;
  def?: CustomFieldDef;
}

/**
 * An object's export: its table and list spec, the columns to write (already without the
 * fields hidden from the actor), how a row goes on the wire, and cells that need more than
 * the stored value (a stage's name for its id, an amount in minor units).
 */
export interface RecordExportSpec {
  object: string;
  table: PgTable & ScopedTable;
  list: ListSpec;
  select: Record<string, PgColumn>;
  toWire(row: Record<string, unknown>): Record<string, unknown>;
  sheetName: string;
  columns: ExportColumn[];
  defs: CustomFieldDef[];
  /** A cell's text when the object shows it its own way; undefined for the usual rendering. */
  cell?(record: Record<string, unknown>, column: ExportColumn): string | number | undefined;
  /** Runs on each page's records before they are written: look up what `cell` needs (names of linked records). */
  beforePage?(records: Array<Record<string, unknown>>): Promise<void>;
}

/** The columns asked for, in their order (default: all), without those hidden from the actor. */
export function chooseExportColumns(actor: Context['actor'], object: string, all: ExportColumn[], fields: string[] | undefined): ExportColumn[] {
  const chosen = fields?.length ? fields.map((f) => all.find((c) => c.key === f)).filter((c): c is ExportColumn => !!c) : all;
  return chosen.filter((c) => fieldRule(actor, object, c.key) !== 'hidden');
}

/** The list query of an export request, as the list endpoint reads it (`filter[name][contains]`). */
export function exportListQuery(request: RecordExportRequest): Record<string, unknown> {
  const query: Record<string, unknown> = { limit: String(PAGE_SIZE) };
  for (const [key, value] of Object.entries(request.filter ?? {})) {
    const m = /^([\w.]+)(\[\w+\])?$/.exec(key);
    query[key.startsWith('filter[') || !m ? key : `filter[${m[1]}]${m[2] ?? ''}`] = value;
  }
  if (request.sort) query.sort = request.sort;
  return query;
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

/** Rows the export request matches within the actor's data scope (the export right is checked). */
export async function countRecordExport(ctx: Context, spec: RecordExportSpec, request: RecordExportRequest): Promise<number> {
  const plan = buildListQuery(spec.list, exportListQuery(request), { defs: spec.defs, locale: ctx.locale, actor: ctx.actor, object: spec.object });
  const [row] = await ctx.db.select({ n: count() }).from(spec.table).where(and(await scopedWhere(ctx, spec.table, spec.object, { access: 'export' }), plan.where));
  return Number(row.n);
}

/**
 * Writes the records of a list view to `sink` page by page through the list-query builder
 * and the data scope; masked fields come out masked, hidden ones are not columns. CSV starts
 * with a BOM so Excel reads Chinese; XLSX is streamed. Returns the number of rows written.
 */
export async function writeRecordExport(ctx: Context, spec: RecordExportSpec, request: RecordExportRequest, sink: Writable, onPage?: (rows: number) => Promise<void>): Promise<number> {
  const scope = await scopedWhere(ctx, spec.table, spec.object, { access: 'export' });
  const csv = request.format === 'csv' ? stringify({ bom: true }) : null;
  const workbook = request.format === 'xlsx' ? new (await loadExcel()).stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: false, useStyles: false }) : null;
  const sheet = workbook?.addWorksheet(spec.sheetName);
  if (csv) csv.pipe(sink);
  const header = spec.columns.map((c) => c.label);
  if (csv) csv.write(header);
  else sheet!.addRow(header).commit();
  const query = exportListQuery(request);
  let written = 0;
  for (;;) {
    const plan = buildListQuery(spec.list, query, { defs: spec.defs, locale: ctx.locale, actor: ctx.actor, object: spec.object });
    const rows = await ctx.db.select({ ...spec.select, ...plan.cursorColumns }).from(spec.table).where(and(scope, plan.where)).orderBy(...plan.orderBy).limit(plan.limit + 1);
    const { rows: pageRows, nextCursor } = plan.page(rows as Array<Record<string, unknown>>);
    const secured = applyFieldSecurity(ctx.actor, spec.object, pageRows.map((r) => spec.toWire(r)));
    const ownerIds = [...new Set(secured.map((r) => r.ownerId).filter((v): v is string => typeof v === 'string'))];
    const owners = new Map(ownerIds.length ? (await ctx.db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ownerIds))).map((u) => [u.id, u.name ?? '']) : []);
    await spec.beforePage?.(secured);
    for (const record of secured) {
      const cells = spec.columns.map((c) => spec.cell?.(record, c) ?? cellOf(record, c, owners));
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
