#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { createWorkspace, describeEnv, loadEnv, type Env } from '@voyage/kernel';
import { createServices, migrateWithLock, openConfiguredDatabase, startServer, startWorker, type Runtime } from './runtime';
import { seedDemo } from './seed/demo';
import { DEMO_LOGIN } from './seed/demo-org';

const USAGE = `Usage: voyage <command> [options]

Commands:
  serve          Start the HTTP server. The job worker runs inside it on the embedded database,
                 and on PostgreSQL unless VOYAGE_EMBEDDED_WORKER=false.
  worker         Run job handlers only (PostgreSQL; run as many as you need)
  migrate        Apply database migrations
  seed           Create the demo workspace (远航科技 Voyage Demo) if it does not exist
  create-admin   Create a workspace and its administrator:
                   --email <email> --name <name> --password <password> [--workspace "<name>"]
  env            List every environment variable with its default
`;

function runUntilSignal(runtime: Runtime): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received, stopping…`);
    await runtime.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

/** Opens the database and the services for a one-off command, then closes everything. */
async function withServices<T>(env: Env, run: (services: Awaited<ReturnType<typeof createServices>>) => Promise<T>): Promise<T> {
  const { database, release } = await openConfiguredDatabase(env);
  try {
    await migrateWithLock(database);
    const services = await createServices(env, database);
    try {
      return await run(services);
    } finally {
      await services.jobs.stop();
    }
  } finally {
    await database.close();
    release();
  }
}

async function createAdmin(env: Env, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' }, workspace: { type: 'string' } }, strict: true });
  const missing = (['email', 'name', 'password'] as const).filter((k) => !values[k]);
  if (missing.length) throw new Error(`create-admin needs ${missing.map((k) => `--${k}`).join(', ')}\n\n${USAGE}`);
  if (values.password!.length < 8) throw new Error('The password must have at least 8 characters.');
  await withServices(env, async (services) => {
    const objects = services.registry.ordered().flatMap((m) => (m.objects ?? []).map((o) => o.key));
    const created = await createWorkspace(services.database, { name: values.workspace ?? 'Voyage CRM', objects, admin: { email: values.email!, name: values.name!, password: values.password! } });
    console.log(`Workspace "${values.workspace ?? 'Voyage CRM'}" created (${created.workspaceId}); administrator ${values.email!.toLowerCase()} can sign in.`);
  });
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'env') {
    for (const v of describeEnv()) console.log(`${v.name}=${v.default ?? ''}\t# ${v.description}`);
    return;
  }
  const env = loadEnv();
  switch (command) {
    case 'serve':
      return runUntilSignal(await startServer(env));
    case 'worker':
      return runUntilSignal(await startWorker(env));
    case 'migrate': {
      const { database, release } = await openConfiguredDatabase(env);
      try {
        await migrateWithLock(database);
      } finally {
        await database.close();
        release();
      }
      console.log('Migrations applied.');
      return;
    }
    case 'seed': {
      if (rest.includes('--scale')) {
        // Scale data for benchmarks: deterministic, loaded through COPY on PostgreSQL.
        const { seedScaleCommand } = await import('../../../bench/seed/seed-command');
        await seedScaleCommand(rest, env);
        return;
      }
      const result = await withServices(env, (services) => seedDemo(services));
      console.log(result.created ? `Demo workspace created. Sign in as ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}` : 'The demo workspace already exists.');
      return;
    }
    case 'create-admin':
      return createAdmin(env, rest);
    default:
      console.log(USAGE);
      process.exitCode = command && command !== 'help' && command !== '--help' ? 1 : 0;
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
