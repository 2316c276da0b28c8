import type { Database } from '@voyage/kernel';
import type { InProcessApp, Statement } from './in-process-app';

/** The search box entries of each kind, drawn from the data set so that they find something. */
export interface SearchQueries {
  latin: string[];
  hanzi: string[];
  digits: string[];
}
export type SearchKind = keyof SearchQueries;

/** Rotated queries per kind: enough to average over the index, few enough to record each once for the floor. */
const QUERIES_PER_KIND = 20;

/**
 * Latin prefixes (the first four letters of English names: thousands of matches at 1m, names
 * and email prefixes), two-character Chinese names (张伟), and the last four digits of mobiles,
 * taken from contacts spread over the table.
 */
export async function pickSearchQueries(database: Database, workspaceId: string): Promise<SearchQueries> {
  const spread = async (where: string, expression: string) =>
    (await database.query<{ q: string }>(
      `select q from (select ${expression} as q, row_number() over (order by id) as r, count(*) over () as n from contacts where workspace_id = $1 and deleted_at is null and ${where}) s
        where r % greatest(1, n / ${QUERIES_PER_KIND * 3}) = 0 limit ${QUERIES_PER_KIND * 3}`,
      [workspaceId],
    )).map((r) => r.q);
  const distinct = (items: string[]) => [...new Set(items)].slice(0, QUERIES_PER_KIND);
  return {
    latin: distinct(await spread(`name ~ '^[A-Za-z]{4}'`, `lower(left(name, 4))`)),
    hanzi: distinct(await spread(`char_length(name) = 2 and name !~ '[A-Za-z0-9 ]'`, 'name')),
    digits: distinct(await spread(`mobile is not null`, `right(regexp_replace(mobile, '[^0-9]', '', 'g'), 4)`)),
  };
}

export const searchPath = (q: string) => `/api/v1/search?q=${encodeURIComponent(q)}`;

/** The requests the contact page (the 360° view) sends as it opens, in the order the browser can send them. */
export function page360Requests(id: string, accountId: string | null): string[][] {
  return [
    // The record and the custom-field definitions its form needs (members and settings are cached across pages).
    [`/api/v1/contacts/${id}`, '/api/v1/custom-fields?object=contact'],
    // Once the record is there: the timeline's first page, the related account, and the panels.
    [
      `/api/v1/contacts/${id}/timeline?limit=30`,
      ...(accountId ? [`/api/v1/accounts/${accountId}`] : []),
      `/api/v1/contacts/${id}/accounts`,
      `/api/v1/contacts/${id}/ownership`,
      `/api/v1/contacts/${id}/ownership-history`,
      `/api/v1/contacts/${id}/lifecycle`,
    ],
  ];
}

/** Contacts with a history (follow-ups and timeline), spread over the table, and their accounts. */
export async function pickPageContacts(database: Database, workspaceId: string, count: number): Promise<Array<{ id: string; accountId: string | null }>> {
  const rows = await database.query<{ id: string; account_id: string | null }>(
    `select id, account_id from (select id, account_id, row_number() over (order by id) as r, count(*) over () as n from contacts
      where workspace_id = $1 and deleted_at is null and follow_up_count > 0) s where r % greatest(1, n / $2) = 0 limit $2`,
    [workspaceId, count],
  );
  return rows.map((r) => ({ id: r.id, accountId: r.account_id }));
}

/** The dynamic segment the count scenario counts: behaviour and fields together (C3). */
export const BENCH_SEGMENT = {
  name: '基准：高价值客户待跟进',
  description: 'VIP 或重点客户，处于商机或成交阶段，90 天内没有跟进',
  object: 'contact',
  kind: 'dynamic',
  shared: true,
  rules: {
    op: 'and',
    rules: [
      { field: 'tags', operator: 'has_any', value: ['VIP', '重点客户'] },
      { field: 'lifecycleStage', operator: 'in', value: ['opportunity', 'customer', 'advocate'] },
      { op: 'or', rules: [{ field: 'lastFollowUpAt', operator: 'more_than_days_ago', value: 90 }, { field: 'lastFollowUpAt', operator: 'is_empty' }] },
    ],
  },
} as const;

/** Times one page load: each stage's requests at once, stages one after another. */
export async function loadPage(baseUrl: string, headers: Record<string, string>, stages: string[][]): Promise<void> {
  for (const stage of stages) {
    await Promise.all(stage.map(async (path) => {
      const res = await fetch(`${baseUrl}${path}`, { headers });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${path} answered ${res.status}`);
    }));
  }
}

/**
 * The statements a request runs after authentication (session and actor lookups, which every
 * request pays, are left out), recorded from the server's own code in this process.
 */
export async function recordRequest(app: InProcessApp, headers: Record<string, string>, path: string, auth: ReadonlySet<string>): Promise<Statement[]> {
  const { status, statements } = await app.request('GET', path, headers);
  if (status !== 200) throw new Error(`${path} answered ${status} in process`);
  return statements.filter((s) => !auth.has(s.text) && !s.text.includes('pgboss.'));
}

/** The texts of the statements authentication runs: those of a request that does nothing else. */
export async function authStatements(app: InProcessApp, headers: Record<string, string>): Promise<Set<string>> {
  // The first request after start also sets up the job queue's schema: warm up, then record.
  await app.request('GET', '/api/v1/account/whoami', headers);
  const { statements } = await app.request('GET', '/api/v1/account/whoami', headers);
  return new Set(statements.map((s) => s.text));
}

/** A recorded page load: stages, each the requests sent at once, each its statements. */
export type RecordedPage = Statement[][][];

/**
 * Replays recorded page loads through bare clients, stage by stage as the browser sends them:
 * on PostgreSQL each request's statements on a client of its own, at once; PGlite has one
 * connection, so there they run one after another.
 */
export async function replayer(app: InProcessApp, pages: RecordedPage[]): Promise<{ run(page: number): Promise<void>; close(): Promise<void> }> {
  const width = Math.max(1, ...pages.flatMap((stages) => stages.map((requests) => requests.length)));
  const clients = await Promise.all(Array.from({ length: width }, () => app.bareClient()));
  return {
    async run(page) {
      for (const requests of pages[page]) await Promise.all(requests.map((statements, j) => clients[j].run(statements)));
    },
    async close() {
      await Promise.all(clients.map((c) => c.close()));
    },
  };
}
