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
      return `Start covers Node's boot, tsx compiling the TypeScript sources on the fly (no build step), opening the database and checking migrations. On PGlite, opening the WebAssembly Postgres and its data directory dominates. ${load}`;
    case 'server.rss_idle':
      return `The server runs as \`npm run voyage serve\` runs it, through tsx, whose loader keeps its own thread, heap and compiled sources: measured by hand on 2026-11-23, the same server bundled with esbuild and run by plain Node idled at 147 MB on PostgreSQL, against about 240 MB through tsx. The rest is V8's heap with every module loaded (Fastify, the zod schemas and OpenAPI document, drizzle, pg, pg-boss with its worker)${run.database === 'pglite' ? ', and here the WebAssembly PostgreSQL with its shared buffers and catalog caches' : ''}. A build step for production would meet the PostgreSQL target.`;
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
        ? `Even COPY of the same rows into an empty copy of the contacts table reaches only ${fmt(f.value.median)} rows/s here: every contact row computes the generated search columns (\`voyage_search_grams\`, \`search_name\`, \`phone_digits\`) and updates 14 indexes, four of them GIN (\`voyage_search_grams\` alone is about half of the insert's cost, see "Findings" above), so the target is above what this machine can write into this schema, before any import work. The import adds to that, per batch of 1,000 rows: reading and decoding the CSV, the request schema and checkRecordInput (libphonenumber parses each phone), the lookups of companies, owners and duplicates by email and phone, and the trail in \`import_rows\` that undo and the rejected-rows file read; the next batch is planned while the previous one is written, so Node and PostgreSQL work at the same time. ${load}`
        : `COPY into a copy of the table reaches ${fmt(f?.value.median ?? 0)} rows/s, so the gap is the import's own work per row: CSV decoding, validation (request schema, checkRecordInput, libphonenumber), lookups of companies, owners and duplicates, and the \`import_rows\` trail. ${load}`;
    case 'http.list_by_tag':
      return f && f.value.p95 >= s.target!.limit
        ? `The same SQL through the bare driver already takes ${f.value.p95} ms at p95, so the query plan is the cause, not the HTTP layer: the tag filter has no index of its own and the page walks the updated_at index until it finds 51 tagged rows. ${load}`
        : `The same SQL takes ${f?.value.p95} ms at p95 through the bare driver; the rest is the request path: the session lookup, loading the actor and role, the module switch, the data-scope and custom-field definition queries, and serialising 50 rows through the zod response schema. ${load}`;
    case 'automation.events':
    case 'automation.event_latency': {
      const floor = s.id === 'automation.events' && f ? ` The floor, the same two writes per event through a bare client, reaches ${fmt(f.value.median)} events/s.` : '';
      return `Each event passes three stages, each paid per event: the write (the bulk stage endpoint updates every contact through the ordinary update: stage history, audit, timeline, outbox event), the outbox dispatch (the trigger subscriber has no batch handler, so every event is a transaction of its own with its delivery row, a loop-protection count and the run's insert; the tag the workflow adds is a contact update whose event is dispatched the same way), and the runner (the engine job, every second: each step a transaction of its own, the tag through the contacts' full update path, then the notification).${floor} The notes give the share of the dispatch. ${load}`;
    }
    case 'automation.timer_lag':
      return `Waits are fired by the engine job's timer sweep (every second, in the server's worker, one pass at a time) with the partial index on due_at; a pass that is busy advancing ready runs delays the next sweep. ${load}`;
    default:
      return `${r.value.median} ${r.unit} against ${s.target!.text}. ${load}`;
  }
}
