import { randomUUID } from 'node:crypto';
import type { Database } from '@voyage/kernel';
import { loadRows } from '../seed/load-rows';
import type { ApiClient } from './api-client';
import { pollUntil } from './api-client';
import { EXPECTED_MAPPING, type ImportFile } from './import-file';
import { rssMb } from './machine';
import { summarize, type Summary } from './stats';

interface ImportView {
  id: string;
  status: string;
  mapping: Array<string | null>;
  progress: number;
  error: string | null;
  counts: { total: number; created: number; updated: number; skipped: number; rejected: number };
}

export interface ImportMeasurement {
  rows: number;
  uploadMs: number;
  /** From the run request to the import reading `done`. */
  runMs: number;
  rowsPerSecond: number;
  /** Rows per second between progress polls (one a second). */
  progressRates: Summary | null;
  counts: ImportView['counts'];
  peakRssMb: number | null;
}

/**
 * Imports the file through the real API as the web wizard does: upload (multipart), the
 * suggested mapping with duplicates skipped on email, run, then poll until done.
 */
export async function runImportScenario(api: ApiClient, file: ImportFile, serverPid: number): Promise<ImportMeasurement> {
  const form = new FormData();
  form.append('object', 'contact');
  form.append('file', new Blob([file.csv], { type: 'text/csv' }), 'bench-contacts.csv');
  const t0 = performance.now();
  const uploaded = await api.call<ImportView>('POST', '/api/v1/imports', form, 201);
  const uploadMs = performance.now() - t0;
  if (JSON.stringify(uploaded.mapping) !== JSON.stringify(EXPECTED_MAPPING)) throw new Error(`the upload suggested ${JSON.stringify(uploaded.mapping)}, expected ${JSON.stringify(EXPECTED_MAPPING)}`);
  await api.call('PUT', `/api/v1/imports/${uploaded.id}/mapping`, { mapping: uploaded.mapping, options: { duplicates: 'skip' } });

  let peak: number | null = null;
  const samples: Array<{ at: number; done: number }> = [];
  const t1 = performance.now();
  await api.call('POST', `/api/v1/imports/${uploaded.id}/run`, undefined, 202);
  let lastSample = 0;
  const done = await pollUntil(
    () => api.call<ImportView>('GET', `/api/v1/imports/${uploaded.id}`),
    (v) => v.status === 'done' || v.status === 'failed',
    {
      intervalMs: 100,
      timeoutMs: 30 * 60_000,
      onValue: (v) => {
        const rss = rssMb(serverPid);
        if (rss !== null && (peak === null || rss > peak)) peak = rss;
        const now = performance.now();
        if (now - lastSample >= 1000) {
          lastSample = now;
          samples.push({ at: now, done: (v.progress / 100) * file.rows });
        }
      },
    },
  );
  const runMs = performance.now() - t1;
  if (done.status !== 'done') throw new Error(`the import failed: ${done.error}`);
  const rates = samples.slice(1).map((s, i) => (s.done - samples[i].done) / ((s.at - samples[i].at) / 1000)).filter((r) => r > 0);
  return { rows: file.rows, uploadMs, runMs, rowsPerSecond: file.rows / (runMs / 1000), progressRates: rates.length ? summarize(rates) : null, counts: done.counts, peakRssMb: peak };
}

/**
 * The floor: the same rows, in their stored form, written by COPY (PGlite: multi-row INSERT)
 * into an empty copy of the contacts table with all its indexes and generated columns.
 */
export async function importCopyFloor(database: Database, file: ImportFile): Promise<{ rowsPerSecond: number; ms: number }> {
  await database.exec('DROP TABLE IF EXISTS bench_import_floor; CREATE TABLE bench_import_floor (LIKE contacts INCLUDING ALL)');
  try {
    const t0 = performance.now();
    const written = await loadRows(database, 'bench_import_floor', file.stored.map((r) => ({ id: randomUUID(), ...r })));
    const ms = performance.now() - t0;
    return { rowsPerSecond: written / (ms / 1000), ms };
  } finally {
    await database.exec('DROP TABLE IF EXISTS bench_import_floor');
  }
}
