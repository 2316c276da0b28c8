#!/usr/bin/env node
import { loadEnv, migrateDatabase } from '@voyage/kernel';
import { openConfiguredDatabase, startServer } from './runtime';

const USAGE = `Usage: voyage <command>

Commands:
  serve          Start the HTTP server (and, on PGlite or with VOYAGE_EMBEDDED_WORKER=true, the worker)
  worker         Start a job worker only (PostgreSQL)
  migrate        Apply database migrations
  seed           Create the demo workspace
  create-admin   Create a workspace and its administrator: --email --name --password [--workspace]
`;

async function main(argv: string[]): Promise<void> {
  const [command] = argv;
  const env = loadEnv();
  switch (command) {
    case 'serve': {
      const runtime = await startServer(env);
      const shutdown = async () => {
        await runtime.stop();
        process.exit(0);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
      return;
    }
    case 'migrate': {
      const { database, release } = await openConfiguredDatabase(env);
      await migrateDatabase(database);
      await database.close();
      release();
      console.log('Migrations applied.');
      return;
    }
    default:
      console.log(USAGE);
      process.exitCode = command ? 1 : 0;
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
