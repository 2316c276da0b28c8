import { type FileStorage } from '@voyage/kernel';
import { importFileKey, type ImportRecord } from './load-import';
import type { SourceRow } from './plan-import-batch';
import { readRows, type ImportFormat } from './read-rows';

/** Rows handled per transaction: large enough for multi-row statements, small enough to retry cheaply. */
export const IMPORT_BATCH_SIZE = 1000;

/** The data rows of an import's file in batches, numbered from 1, starting after `skip` rows. */
export async function* importBatches(storage: FileStorage, row: ImportRecord, skip = 0, size = IMPORT_BATCH_SIZE): AsyncGenerator<SourceRow[]> {
  let rowNumber = 0;
  let batch: SourceRow[] = [];
  let header = true;
  for await (const cells of readRows(storage.get(importFileKey(row.workspaceId, row.id)), row.format as ImportFormat)) {
    if (header) {
      header = false;
      continue;
    }
    rowNumber += 1;
    if (rowNumber <= skip) continue;
    batch.push({ rowNumber, cells });
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
