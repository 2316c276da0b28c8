import type ExcelJS from 'exceljs';

let loaded: Promise<typeof ExcelJS> | null = null;

/**
 * exceljs, loaded on first use: the library holds some 28 MB once loaded, which a server that
 * never reads or writes a workbook should not carry from its start.
 */
export function loadExcel(): Promise<typeof ExcelJS> {
  loaded ??= import('exceljs').then((m) => m.default);
  return loaded;
}
