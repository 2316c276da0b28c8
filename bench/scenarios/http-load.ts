import { rssMb } from './machine';
import { spawnChild, type Child } from './processes';
import { summarize, type Summary } from './stats';

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
  /** Paths to rotate through on the url's host. */
  paths?: string[];
  /** Server process whose RSS is sampled during the load. */
  serverPid?: number;
}

/** Raw samples of one or more load runs. */
export interface LoadSamples {
  perSecond: number[];
  latencies: number[];
  total: number;
  non2xx: number;
  errors: number;
  peakRssMb: number | null;
}

export interface LoadResult {
  rps: Summary;
  latency: Summary;
  total: number;
  /** Responses that were not 2xx, and socket errors or timeouts. */
  non2xx: number;
  errors: number;
  peakRssMb: number | null;
}

/** A load-generator process (autocannon) that runs one job at a time. */
export class LoadGenerator {
  private child: Child;
  private next = 0;
  private pending = new Map<number, { resolve: (v: RawSamples) => void; reject: (e: Error) => void }>();

  constructor() {
    this.child = spawnChild('load.ts', {}, [], false, true);
    this.child.process.on('message', (m: { id: number; result?: RawSamples; error?: string }) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.error || !m.result) p?.reject(new Error(`load generator: ${m.error}`));
      else p?.resolve(m.result);
    });
    this.child.process.once('exit', (code) => {
      for (const p of this.pending.values()) p.reject(new Error(`load generator exited (${code}): ${this.child.stderr()}`));
      this.pending.clear();
    });
  }

  /** Runs one load against `options.url`, sampling the server's RSS meanwhile. */
  async run(options: LoadOptions): Promise<LoadSamples> {
    let peak: number | null = null;
    const sampler = options.serverPid
      ? setInterval(() => {
          const rss = rssMb(options.serverPid!);
          if (rss !== null && (peak === null || rss > peak)) peak = rss;
        }, 200)
      : undefined;
    try {
      const id = this.next++;
      const raw = await new Promise<RawSamples>((resolve, reject) => {
        this.pending.set(id, { resolve, reject });
        this.child.process.send({ id, url: options.url, connections: options.connections, seconds: options.seconds, headers: options.headers, paths: options.paths });
      });
      // The first second includes connecting; a trailing partial second is never recorded.
      const perSecond = raw.perSecond.length > 2 ? raw.perSecond.slice(1) : raw.perSecond;
      return { perSecond, latencies: raw.latencies, total: raw.total, non2xx: raw.non2xx, errors: raw.errors + raw.timeouts, peakRssMb: peak };
    } finally {
      if (sampler) clearInterval(sampler);
    }
  }

  /**
   * Loads `a` and `b` in alternating rounds after one warm-up each, so that a change in the
   * machine's background load hits both sides alike and their ratio stays meaningful.
   */
  async alternate(rounds: number, warmupSeconds: number, a: LoadOptions, b: LoadOptions | null): Promise<[LoadResult, LoadResult | null]> {
    await this.run({ ...a, seconds: warmupSeconds, serverPid: undefined });
    if (b) await this.run({ ...b, seconds: warmupSeconds, serverPid: undefined });
    const ra: LoadSamples[] = [];
    const rb: LoadSamples[] = [];
    for (let i = 0; i < rounds; i++) {
      ra.push(await this.run(a));
      if (b) rb.push(await this.run(b));
    }
    return [combine(ra), b ? combine(rb) : null];
  }

  close(): Promise<void> {
    this.child.process.disconnect?.();
    return this.child.stop();
  }
}

interface RawSamples {
  perSecond: number[];
  latencies: number[];
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export function combine(runs: LoadSamples[]): LoadResult {
  const peaks = runs.map((r) => r.peakRssMb).filter((p): p is number => p !== null);
  return {
    rps: summarize(runs.flatMap((r) => r.perSecond)),
    latency: summarize(runs.flatMap((r) => r.latencies)),
    total: runs.reduce((s, r) => s + r.total, 0),
    non2xx: runs.reduce((s, r) => s + r.non2xx, 0),
    errors: runs.reduce((s, r) => s + r.errors, 0),
    peakRssMb: peaks.length ? Math.max(...peaks) : null,
  };
}
