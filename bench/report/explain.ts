import type { BenchRun, ScenarioResult } from './results';

const fmt = (n: number) => Math.round(n).toLocaleString('en');

/**
 * A short explanation of a missed target, from what the run measured (above all the floor,
 * which tells the machine's share of a miss from the product's).
 */
export function explainMiss(s: ScenarioResult, run: BenchRun): string {
  const load = `Load average at the start was ${run.machine.loadAverage.join(' / ')} on ${run.machine.cores} cores, so other processes competed for the CPU.`;
  const r = s.result!;
  const f = s.floor;
  switch (s.id) {
    case 'http.health': {
      const floorMisses = f && f.value.median < s.target!.limit;
      return floorMisses
        ? `The bare Fastify floor itself reaches only ${fmt(f!.value.median)} req/s here: the load generator and the server share the same ${run.machine.cores} cores, so the machine caps the result below ${fmt(s.target!.limit)} before any product code runs. Voyage runs at ${Math.round((s.ratio ?? 0) * 100)}% of the floor; the rest is per-request work every route pays: helmet's headers, the rate-limit hook, the request-id, locale, auth and module-gate hooks, and zod response serialisation (health checks are not logged). ${load}`
        : `The bare Fastify floor reaches ${fmt(f?.value.median ?? 0)} req/s on the same load, so the machine can serve the target; the gap is per-request work in the app: helmet's headers, the rate-limit hook, the request-id, locale, auth and module-gate hooks, and zod response serialisation (health checks are not logged). ${load}`;
    }
    case 'server.start':
      return `Start covers Node's boot, loading the bundled server (\`dist/server/voyage.mjs\`, what \`npm start\` runs), opening the database and checking migrations. On PGlite, opening the WebAssembly Postgres and its data directory dominates. ${load}`;
    case 'server.rss_idle':
      return `The server runs bundled by esbuild under plain Node, as \`npm start\` runs it. What stays resident at idle is V8's heap with every module loaded (Fastify, the zod schemas and the OpenAPI document, drizzle, pg, pg-boss with its workers and sweeps)${run.database === 'pglite' ? ', and here the WebAssembly PostgreSQL with its shared buffers and catalog caches' : ''}; the OpenAPI reference is already built lazily. ${load}`;
    case 'seed.load':
      return `${r.label ?? ''}; see the step timings above. COPY itself is not the cost: the customers tables compute \`search_grams\` (a SQL function over the name, measured by hand at 237 µs per account and 52 µs per contact, see "Findings" above) and \`phone_digits\` as generated columns on every row, the load then builds about ten indexes per table, several of them GIN, and the timeline adds about ten entries per contact with a history (three more indexes to build). ${load}`;
    case 'search.latin_prefix':
    case 'search.two_hanzi':
    case 'search.phone_digits':
      return f && f.value.p95 >= s.target!.limit
        ? `The recorded statements alone take ${f.value.p95} ms at p95 through a bare client, so the queries are the cause, not the HTTP layer: see the plans with SLOW_QUERY_MS. ${load}`
        : `The recorded statements take ${f?.value.p95} ms at p95 through a bare client; the rest is the request path (session and actor lookups, the module switch, field security, zod serialisation). ${load}`;
    case 'page.360':
      return `The page is ${r.label?.match(/\d+ requests/)?.[0] ?? 'several requests'} in two waves, and each request pays the request path on its own (session and actor lookups, module switch, zod serialisation): the recorded statements of the whole page take ${f?.value.p95} ms at p95 through bare clients. ${load}`;
    case 'import.100k_csv':
      return f && f.value.median < s.target!.limit
        ? `Even COPY of the same rows into an empty copy of the contacts table reaches only ${fmt(f.value.median)} rows/s here: every contact row computes the generated search columns (\`voyage_search_grams\`, \`search_name\`, \`phone_digits\`) and updates 13 indexes, four of them GIN (the indexes are some 85% of a contact's write cost, see "Where a contact's write time goes" above), so the target is above what this machine can write into this schema, before any import work. The import adds to that, per batch of 1,000 rows: reading and decoding the CSV, the request schema and checkRecordInput (libphonenumber parses each phone), the lookups of companies, owners and duplicates by email and phone, and the trail in \`import_rows\` that undo and the rejected-rows file read; the next batch is planned while the previous one is written, so Node and PostgreSQL work at the same time. ${load}`
        : `COPY into a copy of the table reaches ${fmt(f?.value.median ?? 0)} rows/s, so the gap is the import's own work per row: CSV decoding, validation (request schema, checkRecordInput, libphonenumber), lookups of companies, owners and duplicates, and the \`import_rows\` trail. ${load}`;
    case 'http.list_by_tag':
      return f && f.value.p95 >= s.target!.limit
        ? `The same SQL through the bare driver already takes ${f.value.p95} ms at p95, so the query plan is the cause, not the HTTP layer: the tag filter has no index of its own and the page walks the updated_at index until it finds 51 tagged rows. ${load}`
        : `The same SQL takes ${f?.value.p95} ms at p95 through the bare driver; the rest is the request path: the session lookup, loading the actor and role, the module switch, the data-scope and custom-field definition queries, and serialising 50 rows through the zod response schema. ${load}`;
    case 'automation.events':
    case 'automation.event_latency': {
      const floor = s.id === 'automation.events' && f ? ` The floor, the same two writes per event through a bare client, reaches ${fmt(f.value.median)} events/s.` : '';
      return `Each event passes three stages on the same ${run.machine.cores} cores: the write (the bulk stage endpoint, 500 contacts per call in one set-based update with their stage history, audit and outbox rows), the outbox dispatch (rounds of 500 events: the trigger subscriber and the timeline each take a round in one transaction, then the engine is woken), and the runner (runs that reach the same action together run it at once: one update for their tags, one insert for their notifications; the tag is itself a contact update whose event is dispatched again). While the writer is still producing events the three share the CPU, so a run's latency is mostly its wait in the dispatcher's and the runner's queues behind the burst; the notes give the share of the dispatch.${floor} ${load}`;
    }
    case 'automation.timer_lag':
      return `Waits are fired by the engine job's timer sweep (every second, in the server's worker, one pass at a time) with the partial index on due_at; a pass that is busy advancing ready runs delays the next sweep. ${load}`;
    case 'sales.kanban_admin':
    case 'sales.kanban_rep':
    case 'sales.forecast_admin':
    case 'sales.forecast_rep':
    case 'sales.leaderboard_admin':
    case 'sales.leaderboard_rep':
      return f && f.value.p95 >= s.target!.limit
        ? `The recorded statements alone take ${f.value.p95} ms at p95 through a bare client (median ${f.value.median} ms), so the query is the cause, not the HTTP layer: see its plan with SLOW_QUERY_MS. ${load}`
        : `The recorded statements take ${f?.value.p95} ms at p95 through a bare client; the rest is the request path and the machine's load. ${load}`;
    default:
      return `${r.value.median} ${r.unit} against ${s.target!.text}. ${load}`;
  }
}
