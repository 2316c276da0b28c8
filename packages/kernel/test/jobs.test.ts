import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { defineJob, JobQueue, loadEnv, openDatabase, type Database } from '@voyage/kernel';
import { createTestDatabase } from '../../../test/database';

const env = loadEnv({}, { NODE_ENV: 'test', LOG_LEVEL: 'silent' });

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A database that can be closed and opened again: a PGlite data directory, or one PostgreSQL database. */
async function restartableDatabase(): Promise<{ open(): Promise<Database>; dispose(): Promise<void> }> {
  const tpl = inject('dbTemplate');
  if (tpl.kind === 'pglite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'voyage-jobs-'));
    let first = true;
    return {
      async open() {
        const loadDataDir = first ? new Blob([readFileSync(tpl.file)]) : undefined;
        first = false;
        return openDatabase({ dataDir: dir, loadDataDir });
      },
      async dispose() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const owner = await createTestDatabase();
  return {
    open: () => openDatabase({ url: owner.url!, poolSize: 3 }),
    dispose: () => owner.close(),
  };
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('job queue (pg-boss on the same database)', () => {
  it('runs a delayed job after the process and the database were closed and reopened', async () => {
    const ran: Array<{ note: string; at: number }> = [];
    const timer = defineJob<{ note: string }>({ name: 'test.timer', pollingIntervalSeconds: 0.5, handler: async (data) => void ran.push({ note: data.note, at: Date.now() }) });
    const store = await restartableDatabase();
    cleanups.push(() => store.dispose());

    let database = await store.open();
    let jobs = new JobQueue({ env, database });
    await jobs.register([timer]);
    await jobs.start();
    const sentAt = Date.now();
    expect(await jobs.send('test.timer', { note: '72 hours later, in miniature' }, { startAfter: 2 })).toMatch(/^[0-9a-f-]{36}$/);
    await jobs.stop();
    await database.close();

    database = await store.open();
    jobs = new JobQueue({ env, database });
    cleanups.push(async () => {
      await jobs.stop();
      await database.close();
    });
    await jobs.register([timer]);
    await jobs.startWorkers();
    await waitFor(() => ran.length === 1);
    expect(ran[0].note).toBe('72 hours later, in miniature');
    expect(ran[0].at - sentAt).toBeGreaterThanOrEqual(1900);
  });

  it('enqueues inside a transaction: a rolled-back job never exists, a committed one runs', async () => {
    const database = await createTestDatabase();
    const seen: string[] = [];
    const jobs = new JobQueue({ env, database });
    cleanups.push(async () => {
      await jobs.stop();
      await database.close();
    });
    await jobs.register([defineJob<{ which: string }>({ name: 'test.tx', pollingIntervalSeconds: 0.5, handler: async (d) => void seen.push(d.which) })]);
    await jobs.start();
    await expect(
      database.db.transaction(async (tx) => {
        await jobs.send('test.tx', { which: 'rolled back' }, { tx });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await database.db.transaction(async (tx) => {
      await jobs.send('test.tx', { which: 'committed' }, { tx });
    });
    await jobs.startWorkers();
    await waitFor(() => seen.length >= 1);
    await new Promise((r) => setTimeout(r, 1200));
    expect(seen).toEqual(['committed']);
  });

  it('retries a failing handler and tells it when the last attempt comes', async () => {
    const database = await createTestDatabase();
    const attempts: Array<{ retryCount: number; last: boolean }> = [];
    const jobs = new JobQueue({ env, database });
    cleanups.push(async () => {
      await jobs.stop();
      await database.close();
    });
    await jobs.register([
      defineJob({
        name: 'test.flaky',
        retryLimit: 2,
        retryDelay: 1,
        retryBackoff: false,
        pollingIntervalSeconds: 0.5,
        handler: async (_data, ctx) => {
          attempts.push({ retryCount: ctx.retryCount, last: ctx.isLastAttempt });
          if (attempts.length < 3) throw new Error('SMTP server busy');
        },
      }),
    ]);
    await jobs.startWorkers();
    await jobs.send('test.flaky', {});
    await waitFor(() => attempts.length === 3, 20_000);
    expect(attempts).toEqual([
      { retryCount: 0, last: false },
      { retryCount: 1, last: false },
      { retryCount: 2, last: true },
    ]);
  });

  it('refuses unknown queues and duplicate definitions', async () => {
    const database = await createTestDatabase();
    const jobs = new JobQueue({ env, database });
    cleanups.push(async () => {
      await jobs.stop();
      await database.close();
    });
    const job = defineJob({ name: 'test.once', handler: async () => undefined });
    await jobs.register([job]);
    await expect(jobs.register([job])).rejects.toThrow('defined twice');
    await expect(jobs.send('test.nothing', {})).rejects.toThrow('Unknown job test.nothing');
  });
});
