import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Database } from '@voyage/kernel';
import { pollUntil, type ApiClient } from './api-client';
import { rssMb } from './machine';

interface ExportJob {
  id: string;
  status: string;
  total: number;
  error: string | null;
  downloadUrl: string | null;
}

export interface ExportMeasurement {
  rows: number;
  ms: number;
  rowsPerSecond: number;
  bytes: number;
  /** Streamed in the request (up to 10,000 rows) or built by the export job. */
  path: 'stream' | 'job';
  peakRssMb: number | null;
}

/**
 * The newest `rows` contacts: a list view filtered on the creation time, as a user would
 * export "this year's", in the list's default order (newest change first).
 */
export async function exportFilter(database: Database, workspaceId: string, rows: number): Promise<{ since: string; rows: number }> {
  const [row] = await database.query<{ since: Date; n: number }>(
    `select min(created_at) as since, count(*)::int as n from (select created_at from contacts where workspace_id = $1 and deleted_at is null order by created_at desc limit $2) s`,
    [workspaceId, rows],
  );
  return { since: row.since.toISOString(), rows: row.n };
}

/** Counts lines and bytes of a download without keeping it. */
async function drain(res: Response): Promise<{ bytes: number; lines: number }> {
  let bytes = 0;
  let lines = 0;
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    for (let i = 0; i < value.length; i++) if (value[i] === 10) lines++;
  }
  return { bytes, lines };
}

/**
 * Exports the list view as CSV through the real API: a request that streams the file (up to
 * 10,000 rows) or queues the export job, then polls it and downloads the file.
 */
export async function runExportScenario(api: ApiClient, headers: Record<string, string>, since: string, serverPid: number): Promise<ExportMeasurement> {
  let peak: number | null = null;
  const sample = () => {
    const rss = rssMb(serverPid);
    if (rss !== null && (peak === null || rss > peak)) peak = rss;
  };
  const t0 = performance.now();
  const res = await fetch(`${api.baseUrl}/api/v1/contacts/export`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ format: 'csv', filter: { 'createdAt[gte]': since }, sort: '-updatedAt' }),
  });
  let path: ExportMeasurement['path'] = 'stream';
  let file: { bytes: number; lines: number };
  if (res.status === 202) {
    path = 'job';
    const job = (await res.json()) as ExportJob;
    const done = await pollUntil(() => api.call<ExportJob>('GET', `/api/v1/exports/${job.id}`), (j) => j.status === 'done' || j.status === 'failed', { intervalMs: 100, timeoutMs: 30 * 60_000, onValue: sample });
    if (done.status !== 'done') throw new Error(`the export failed: ${done.error}`);
    const download = await fetch(`${api.baseUrl}${done.downloadUrl}`, { headers });
    if (!download.ok) throw new Error(`the export download answered ${download.status}`);
    file = await drain(download);
  } else if (res.ok) {
    file = await drain(res);
  } else throw new Error(`POST /api/v1/contacts/export answered ${res.status}: ${await res.text()}`);
  sample();
  const ms = performance.now() - t0;
  // One header line; a value with a line break would add lines, and the generator writes none.
  const rows = file.lines - 1;
  return { rows, ms, rowsPerSecond: rows / (ms / 1000), bytes: file.bytes, path, peakRssMb: peak };
}

/**
 * The floor: the same rows written as CSV by the database itself (COPY … TO STDOUT) and read
 * by a bare client; on PGlite, which has no COPY TO STDOUT here, the same rows through a SELECT.
 */
export async function exportCopyFloor(database: Database, url: string | undefined, workspaceId: string, since: string): Promise<{ ms: number; rowsPerSecond: number; rows: number }> {
  const select = `select * from contacts where workspace_id = '${workspaceId}' and deleted_at is null and created_at >= '${since}' order by updated_at desc, id`;
  const t0 = performance.now();
  let rows = 0;
  if (url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const counter = new Writable({
        write(chunk: Buffer, _encoding, callback) {
          for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) rows++;
          callback();
        },
      });
      await pipeline(client.query(copyTo(`COPY (${select}) TO STDOUT WITH (FORMAT csv, HEADER)`)), counter);
      rows -= 1;
    } finally {
      await client.end();
    }
  } else {
    rows = (await database.query(select)).length;
  }
  const ms = performance.now() - t0;
  return { ms, rowsPerSecond: rows / (ms / 1000), rows };
}
