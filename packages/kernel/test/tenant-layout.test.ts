import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@voyage/kernel';
import { createTestDatabase } from '../../../test/database';

/** Tables shared by all workspaces (reference tables when sharded by workspace). */
const GLOBAL_TABLES = new Set(['workspaces', 'users', 'sessions', 'password_resets']);

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function tenantTables(): Promise<string[]> {
  const rows = await database.query<{ table_name: string }>(
    `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like '__drizzle%' order by 1`,
  );
  return rows.map((r) => r.table_name).filter((t) => !GLOBAL_TABLES.has(t));
}

describe('multi-tenant layout (ARCHITECTURE §2)', () => {
  it('has tenant tables to check', async () => {
    expect((await tenantTables()).length).toBeGreaterThan(5);
  });

  it('puts workspace_id first in every tenant table', async () => {
    const rows = await database.query<{ table_name: string; column_name: string }>(
      `select table_name, column_name from information_schema.columns where table_schema = 'public' and ordinal_position = 1`,
    );
    const first = new Map(rows.map((r) => [r.table_name, r.column_name]));
    const offenders = (await tenantTables()).filter((t) => first.get(t) !== 'workspace_id');
    expect(offenders).toEqual([]);
  });

  it('leads every primary key with workspace_id', async () => {
    const rows = await database.query<{ table_name: string; column_name: string }>(`
      select tc.table_name, kcu.column_name
      from information_schema.table_constraints tc
      join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
      where tc.table_schema = 'public' and tc.constraint_type = 'PRIMARY KEY' and kcu.ordinal_position = 1`);
    const lead = new Map(rows.map((r) => [r.table_name, r.column_name]));
    const offenders = (await tenantTables()).filter((t) => lead.get(t) !== 'workspace_id');
    expect(offenders).toEqual([]);
  });

  it('includes workspace_id in every foreign key between tenant tables', async () => {
    const rows = await database.query<{ constraint_name: string; table_name: string; ref_table: string; columns: string }>(`
      select c.conname as constraint_name, cl.relname as table_name, rf.relname as ref_table,
             (select string_agg(a.attname, ',' order by a.attnum) from pg_attribute a where a.attrelid = c.conrelid and a.attnum = any(c.conkey)) as columns
      from pg_constraint c
      join pg_class cl on cl.oid = c.conrelid
      join pg_class rf on rf.oid = c.confrelid
      join pg_namespace n on n.oid = cl.relnamespace
      where c.contype = 'f' and n.nspname = 'public'`);
    const tenant = new Set(await tenantTables());
    const offenders = rows
      .filter((r) => tenant.has(r.table_name) && tenant.has(r.ref_table))
      .filter((r) => !r.columns.split(',').includes('workspace_id'))
      .map((r) => `${r.table_name}.${r.constraint_name}`);
    expect(offenders).toEqual([]);
  });

  it('leads every index of a tenant table with workspace_id', async () => {
    const rows = await database.query<{ table_name: string; index_name: string; first_column: string | null }>(`
      select t.relname as table_name, i.relname as index_name,
             (select a.attname from pg_attribute a where a.attrelid = t.oid and a.attnum = ix.indkey[0]) as first_column
      from pg_index ix
      join pg_class t on t.oid = ix.indrelid
      join pg_class i on i.oid = ix.indexrelid
      join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = 'public'`);
    const tenant = new Set(await tenantTables());
    // The workflow engine's once-a-second sweeps look for due work in every workspace at once:
    // partial indexes over pending rows only, led by the time they are due.
    const sweeps = new Set(['workflow_runs.workflow_runs_ready_idx', 'workflow_waits.workflow_waits_due_idx']);
    const offenders = rows.filter((r) => tenant.has(r.table_name) && r.first_column !== 'workspace_id').map((r) => `${r.table_name}.${r.index_name}`).filter((name) => !sweeps.has(name));
    expect(offenders).toEqual([]);
  });
});
