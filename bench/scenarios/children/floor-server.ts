// The floor for HTTP scenarios: a bare Fastify with no plugins, no logging, no auth. With a
// database it also serves the record scenario's SQL through the bare driver.
import Fastify from 'fastify';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { GET_RECORD_SQL } from '../queries';

const port = Number(process.env.PORT ?? 0);
const startedAt = Date.now();
const app = Fastify({ logger: false });

app.get('/api/health', async () => ({ status: 'ok', uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) }));

let close = async () => undefined as unknown;
if (process.env.DATABASE_URL || process.env.PGLITE_DIR) {
  let query: (text: string, params: unknown[]) => Promise<unknown[]>;
  if (process.env.DATABASE_URL) {
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
    query = async (text, params) => (await pool.query(text, params)).rows;
    close = () => pool.end();
  } else {
    const db = await PGlite.create({ dataDir: process.env.PGLITE_DIR, extensions: { pg_trgm } });
    query = async (text, params) => (await db.query(text, params)).rows;
    close = () => db.close();
  }
  const workspaceId = process.env.WORKSPACE_ID;
  app.get<{ Params: { id: string } }>('/floor/contacts/:id', async (request, reply) => {
    const rows = await query(GET_RECORD_SQL, [workspaceId, request.params.id]);
    if (!rows.length) return reply.status(404).send({ error: 'not_found' });
    return { data: rows[0] };
  });
}

await app.listen({ port, host: '127.0.0.1' });
const stop = async () => {
  await app.close();
  await close();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
