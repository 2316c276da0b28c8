import type { Writable } from 'node:stream';
import type { TExportRequest } from '@voyage/contracts';
import { chooseExportColumns, countRecordExport, loadCustomFieldDefs, writeRecordExport, type Context, type CustomFieldDef, type ExportColumn, type RecordExportSpec } from '@voyage/kernel';
import type { contacts } from '../db/schema';
import { customerObjects } from '../objects';
import { publicColumns, toWire, type RecordKind } from '../record-kinds';

const INTERNAL = new Set(['version', 'deletedAt', 'createdBy', 'updatedBy']);
// List fields that are not editable fields of the object, so the object's labels lack them.
const EXTRA_LABELS: Record<string, Record<string, string>> = {
  id: { 'zh-CN': 'ID', 'zh-TW': 'ID', en: 'ID' },
  createdAt: { 'zh-CN': '创建时间', 'zh-TW': '建立時間', en: 'Created' },
  updatedAt: { 'zh-CN': '更新时间', 'zh-TW': '更新時間', en: 'Updated' },
};

/** Columns in the order asked (default: every list field), without the ones hidden from the actor, labelled in their language. */
export function exportColumns(ctx: Context, kind: RecordKind, defs: CustomFieldDef[], fields: string[] | undefined): ExportColumn[] {
  const labels = customerObjects.find((o) => o.key === kind.object)!.fields;
  const builtIn = Object.keys(kind.list.fields).filter((k) => !INTERNAL.has(k));
  const all: ExportColumn[] = [
    ...builtIn.map((key) => ({ key, label: labels.find((f) => f.key === key)?.labels[ctx.locale] ?? EXTRA_LABELS[key]?.[ctx.locale] ?? key })),
    ...defs.map((def) => ({ key: `custom.${def.key}`, label: def.labels?.[ctx.locale] ?? def.label, def })),
  ];
  return chooseExportColumns(ctx.actor, kind.object, all, fields);
}

/** The kernel's record export of accounts or contacts. */
async function exportSpec(ctx: Context, kind: RecordKind, request: TExportRequest): Promise<RecordExportSpec> {
  const defs = await loadCustomFieldDefs(ctx.db, ctx.workspaceId, kind.object);
  const t = kind.table as typeof contacts;
  return {
    object: kind.object, table: t, list: kind.list, select: publicColumns(t), toWire, defs,
    sheetName: customerObjects.find((o) => o.key === kind.object)!.labels[ctx.locale],
    columns: exportColumns(ctx, kind, defs, request.fields),
  };
}

/** Rows the export request matches within the actor's data scope. */
export async function countExportRows(ctx: Context, kind: RecordKind, request: TExportRequest): Promise<number> {
  return countRecordExport(ctx, await exportSpec(ctx, kind, request), request);
}

/** Writes the records of a list view to `sink` (kernel `writeRecordExport`); returns the rows written. */
export async function writeExport(ctx: Context, kind: RecordKind, request: TExportRequest, sink: Writable, onPage?: (rows: number) => Promise<void>): Promise<number> {
  return writeRecordExport(ctx, await exportSpec(ctx, kind, request), request, sink, onPage);
}
