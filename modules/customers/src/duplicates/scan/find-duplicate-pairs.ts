import { sql, type SQL } from 'drizzle-orm';
import type { Database, Queryable, Tx } from '@voyage/kernel';
import type { TDuplicateMatch } from '@voyage/contracts';
import { accounts, contacts } from '../../db/schema';

type Reason = TDuplicateMatch['reasons'][number];

/** A pair found by the finder, ids in ascending order. */
export interface FoundPair {
  a: string;
  b: string;
  score: number;
  reasons: Set<Reason>;
}

/** Records sharing one value beyond this many are paired with the oldest of them only. */
const FULL_GROUP = 8;
/** At most this many pairs from one shared value (a switchboard number shared by hundreds). */
const MAX_PAIRS_PER_GROUP = 50;
/** Accounts with more contacts than this compare their contacts' names exactly, not by similarity. */
const FUZZY_ACCOUNT_SIZE = 200;
/** PGlite compares company names pairwise (no usable `%`): only up to this many accounts. */
const PGLITE_FUZZY_ACCOUNTS = 3000;

/** Collects pairs from several rules; a pair found twice keeps every reason and the best score. */
export class PairSet {
  readonly pairs = new Map<string, FoundPair>();

  add(x: string, y: string, score: number, reason: Reason): void {
    if (x === y) return;
    const [a, b] = x < y ? [x, y] : [y, x];
    const key = `${a}|${b}`;
    const pair = this.pairs.get(key) ?? { a, b, score: 0, reasons: new Set<Reason>() };
    pair.score = Math.max(pair.score, score);
    pair.reasons.add(reason);
    this.pairs.set(key, pair);
  }

  /** Pairs within a group of records sharing a value (ids oldest first). */
  addGroup(ids: string[], score: number, reason: Reason): void {
    if (ids.length <= FULL_GROUP) {
      for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) this.add(ids[i], ids[j], score, reason);
      return;
    }
    for (const id of ids.slice(1, MAX_PAIRS_PER_GROUP + 1)) this.add(ids[0], id, score, reason);
  }
}

async function rows<T>(db: Queryable, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Groups of live records sharing the value `expr` (ids oldest first). */
async function sharedValueGroups(db: Queryable, table: typeof contacts | typeof accounts, workspaceId: string, expr: SQL): Promise<string[][]> {
  const found = await rows<{ ids: string[] }>(db, sql`
    select array_agg(id order by created_at, id) as ids from (
      select id, created_at, ${expr} as v from ${table} where workspace_id = ${workspaceId} and deleted_at is null
    ) x where v is not null and v <> '' group by v having count(*) > 1`);
  return found.map((r) => r.ids);
}

export interface FinderStep {
  /** Share of the scan's work this step stands for (they add up to 100). */
  weight: number;
  run(pairs: PairSet): Promise<void>;
}

/**
 * The finder's rules for contacts: the same email, the same phone (phone or mobile, in
 * E.164), and a similar name at the same account (trigram similarity from the workspace's
 * threshold). Each rule is one set-based query, so a scan of a million contacts is a few
 * index-backed passes rather than a comparison of every record with every other.
 */
export function contactFinderSteps(database: Database, workspaceId: string, threshold: number): FinderStep[] {
  const { db } = database;
  return [
    { weight: 25, run: async (pairs) => { for (const ids of await sharedValueGroups(db, contacts, workspaceId, sql`email`)) pairs.addGroup(ids, 1, 'email'); } },
    {
      weight: 25,
      run: async (pairs) => {
        const found = await rows<{ ids: string[] }>(db, sql`
          select array_agg(distinct id) as ids from (
            select id, phone_e164 as v from ${contacts} where workspace_id = ${workspaceId} and deleted_at is null and phone_e164 is not null
            union all
            select id, mobile_e164 from ${contacts} where workspace_id = ${workspaceId} and deleted_at is null and mobile_e164 is not null
          ) x group by v having count(distinct id) > 1`);
        for (const r of found) pairs.addGroup([...r.ids].sort(), 1, 'phone');
      },
    },
    {
      weight: 50,
      run: async (pairs) => {
        // Exact (normalised) names at one account, whatever its size.
        for (const ids of await sharedValueGroups(db, contacts, workspaceId, sql`account_id::text || '|' || search_name`)) pairs.addGroup(ids, 0.9, 'name_company');
        // Similar names at one account of ordinary size.
        const similar = await rows<{ a: string; b: string; s: number }>(db, sql`
          with sized as (
            select account_id from ${contacts} where workspace_id = ${workspaceId} and deleted_at is null and account_id is not null
            group by account_id having count(*) between 2 and ${FUZZY_ACCOUNT_SIZE}
          )
          select x.id as a, y.id as b, similarity(x.search_name, y.search_name) as s
          from sized
          join ${contacts} x on x.workspace_id = ${workspaceId} and x.account_id = sized.account_id and x.deleted_at is null
          join ${contacts} y on y.workspace_id = ${workspaceId} and y.account_id = sized.account_id and y.deleted_at is null and y.id > x.id
          where x.search_name <> y.search_name and similarity(x.search_name, y.search_name) >= ${threshold}`);
        // The company is the same, so it counts fully: the score is the mean of 1 and the name's.
        for (const r of similar) pairs.add(r.a, r.b, (1 + Number(r.s)) / 2, 'name_company');
      },
    },
  ];
}

/**
 * The finder's rules for accounts: the same name once legal suffixes are removed, the same
 * phone, and trigram-similar names. On PostgreSQL the `%` operator with the trigram index
 * finds the candidates (its threshold set to the workspace's for this transaction); PGlite's
 * `%` is unreliable, so there names are compared pairwise, for workspaces of embedded size.
 */
export function accountFinderSteps(database: Database, workspaceId: string, threshold: number): FinderStep[] {
  const { db } = database;
  return [
    { weight: 25, run: async (pairs) => { for (const ids of await sharedValueGroups(db, accounts, workspaceId, sql`name_key`)) pairs.addGroup(ids, 0.95, 'name'); } },
    { weight: 25, run: async (pairs) => { for (const ids of await sharedValueGroups(db, accounts, workspaceId, sql`phone_e164`)) pairs.addGroup(ids, 1, 'phone'); } },
    {
      weight: 50,
      run: async (pairs) => {
        const live = sql`workspace_id = ${workspaceId} and deleted_at is null and name_key is not null and name_key <> ''`;
        let similar: Array<{ a: string; b: string; s: number }>;
        if (database.kind === 'postgres') {
          // The index finds candidates from pg_trgm.similarity_threshold: set it for this transaction only.
          similar = await db.transaction(async (tx: Tx) => {
            await tx.execute(sql`select set_config('pg_trgm.similarity_threshold', ${String(threshold)}, true)`);
            return rows(tx, sql`
            select x.id as a, y.id as b, similarity(x.name_key, y.name_key) as s
            from ${accounts} x join ${accounts} y on y.workspace_id = x.workspace_id and y.name_key % x.name_key and y.id > x.id and y.deleted_at is null
            where x.workspace_id = ${workspaceId} and x.deleted_at is null and x.name_key <> '' and y.name_key <> x.name_key`);
          });
        } else {
          const [{ n }] = await rows<{ n: number }>(db, sql`select count(*)::int as n from ${accounts} where ${live}`);
          if (n > PGLITE_FUZZY_ACCOUNTS) return;
          similar = await rows(db, sql`
            select x.id as a, y.id as b, similarity(x.name_key, y.name_key) as s
            from ${accounts} x join ${accounts} y on y.workspace_id = x.workspace_id and y.id > x.id and y.deleted_at is null and y.name_key <> x.name_key
            where x.workspace_id = ${workspaceId} and x.deleted_at is null and x.name_key <> '' and y.name_key <> ''
              and similarity(x.name_key, y.name_key) >= ${threshold}`);
        }
        for (const r of similar) pairs.add(r.a, r.b, Number(r.s), 'name');
      },
    },
  ];
}
