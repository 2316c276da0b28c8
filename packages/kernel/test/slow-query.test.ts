import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '@voyage/kernel';
import { installSlowQueryLog } from '../src/db/slow-query';
import { createTestDatabase } from '../../../test/database';

interface Entry { details: Record<string, unknown>; message: string }

async function waitForEntries(entries: Entry[], count: number): Promise<void> {
  const until = Date.now() + 10_000;
  while (entries.length < count && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
}

describe('slow-query log', () => {
  let database: Database;
  const entries: Entry[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
    installSlowQueryLog(database, { thresholdMs: 40, logger: { warn: (details, message) => entries.push({ details, message }) } });
  });
  afterAll(async () => {
    await database?.close();
  });

  it('logs a slow raw query with its plan, and not a fast one', async () => {
    entries.length = 0;
    await database.query('select 1 as fast');
    await database.query('select pg_sleep($1::float8 / 1000) as slow', [80]);
    await waitForEntries(entries, 1);
    expect(entries.filter((e) => e.details.sql === 'select 1 as fast')).toHaveLength(0);
    const entry = entries.find((e) => String(e.details.sql).includes('as slow'))!;
    expect(entry.message).toBe('slow query');
    expect(entry.details.sql).toBe('select pg_sleep($1::float8 / 1000) as slow');
    expect(entry.details.durationMs).toBeGreaterThanOrEqual(40);
    expect(entry.details.paramCount).toBe(1);
    expect(entry.details.plan).toMatch(/Result/);
  });

  it('logs slow drizzle queries, inside transactions too', async () => {
    entries.length = 0;
    await database.db.execute(sql`select pg_sleep(0.06)`);
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_sleep(0.06), 'in transaction' as t`);
    });
    await waitForEntries(entries, 2);
    expect(entries.map((e) => e.details.sql)).toEqual(expect.arrayContaining(['select pg_sleep(0.06)', "select pg_sleep(0.06), 'in transaction' as t"]));
    expect(entries.every((e) => typeof e.details.plan === 'string')).toBe(true);
  });

  it('does not run a slow write twice to explain it', async () => {
    entries.length = 0;
    await database.exec('create table slow_probe (n int)');
    await database.query('insert into slow_probe select 1 from pg_sleep(0.06)');
    await waitForEntries(entries, 1);
    const rows = await database.query<{ n: number }>('select count(*)::int as n from slow_probe');
    expect(rows[0].n).toBe(1);
    expect(entries.find((e) => String(e.details.sql).startsWith('insert'))?.details.plan).toMatch(/Insert on slow_probe/);
  });
});
