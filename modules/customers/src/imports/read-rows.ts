import type ExcelJS from 'exceljs';
import type { Readable } from 'node:stream';
import { decodeTextStream, loadExcel, parseCsv } from '@voyage/kernel';

export type ImportFormat = 'csv' | 'xlsx';

/** The format a file name says, or null when it is neither. */
export function formatOf(fileName: string): ImportFormat | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  return null;
}

/**
 * Rows of a file as cell texts, the header row first. CSV is streamed; a UTF-8 BOM is
 * dropped. XLSX reads the first worksheet with the streaming reader.
 */
export async function* readRows(stream: Readable, format: ImportFormat): AsyncGenerator<string[]> {
  if (format === 'csv') {
    // Decoded first: UTF-8, UTF-16 or GBK/GB18030 (Excel's default for Chinese CSV).
    for await (const rows of parseCsv(decodeTextStream(stream).setEncoding('utf8'))) yield* rows;
    return;
  }
  const reader = new (await loadExcel()).stream.xlsx.WorkbookReader(stream, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'emit' });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = (row as ExcelJS.Row).values as unknown[];
      // exceljs rows are 1-based: values[0] is always empty.
      const cells = values.slice(1).map(cellText);
      if (cells.some((c) => c !== '')) yield cells;
    }
    return;
  }
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { text?: unknown; result?: unknown; richText?: Array<{ text: string }>; hyperlink?: string };
    if (v.richText) return v.richText.map((r) => r.text).join('').trim();
    if (v.text !== undefined) return cellText(v.text);
    if (v.result !== undefined) return cellText(v.result);
    return '';
  }
  return String(value).trim();
}
