import { loadEnv, migrateDatabase, type Env } from '@voyage/kernel';
import { openConfiguredDatabase } from '../../apps/server/src/runtime';
import { isScale, SCALES } from './scales';
import { seedScale } from './seed-scale';

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) return argv[i + 1];
  return argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

/**
 * `voyage seed --scale 10k|100k|1m [--seed <text>]`: migrates the configured database
 * (DATABASE_URL, or the PGlite data directory) and loads a scale workspace into it.
 */
export async function seedScaleCommand(argv: string[], env: Env = loadEnv()): Promise<void> {
  const scale = option(argv, 'scale') ?? '10k';
  if (!isScale(scale)) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
  const seed = option(argv, 'seed') ?? '1';
  const { database, release } = await openConfiguredDatabase(env);
  try {
    await migrateDatabase(database);
    const t0 = performance.now();
    const result = await seedScale(database, { scale, seed, log: (line) => console.log(line) });
    const seconds = (performance.now() - t0) / 1000;
    const { ownerIds, ...summary } = result;
    console.log(JSON.stringify({ scale, seed, database: database.kind, seconds: Number(seconds.toFixed(1)), owners: ownerIds.length, ...summary }, null, 2));
  } finally {
    await database.close();
    release();
  }
}
