// The load generator: a long-lived process of its own, so it never shares an event loop with
// the server it measures. It takes one job at a time over IPC and answers with raw samples.
import autocannon from 'autocannon';

interface LoadJob {
  id: number;
  url: string;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
  /** Paths to rotate through (for example different record ids). */
  paths?: string[];
}

function run(job: LoadJob): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const perSecond: number[] = [];
    let current = 0;
    const tick = setInterval(() => {
      perSecond.push(current);
      current = 0;
    }, 1000);
    const instance = autocannon(
      {
        url: job.url,
        connections: job.connections,
        duration: job.seconds,
        headers: job.headers,
        requests: job.paths ? job.paths.map((path) => ({ method: 'GET' as const, path })) : undefined,
      },
      (error, result) => {
        clearInterval(tick);
        if (error) return reject(error);
        resolve({ perSecond, latencies, total: result.requests.total, non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts });
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      latencies.push(Math.round(responseTime * 100) / 100);
      current++;
    });
  });
}

process.on('message', (job: LoadJob) => {
  run(job).then(
    (result) => process.send!({ id: job.id, result }),
    (error: unknown) => process.send!({ id: job.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
