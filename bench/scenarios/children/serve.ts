// A `voyage serve` process for the benchmark: the real server, built by startServer from the
// environment the parent passes (DATABASE_URL or VOYAGE_DATA_DIR, PORT, …).
import { loadEnv } from '@voyage/kernel';
import { startServer } from '../../../apps/server/src/runtime';

const runtime = await startServer(loadEnv());
const stop = async () => {
  await runtime.stop();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
