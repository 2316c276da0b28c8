import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(here, '../..');

export interface Child {
  pid: number;
  process: ChildProcess;
  /** The last few kilobytes the child wrote to stderr, for error messages. */
  stderr(): string;
  stop(): Promise<void>;
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Runs a TypeScript file of bench/scenarios/children in its own Node process (through tsx). */
export function spawnChild(script: string, env: Record<string, string>, args: string[] = [], capture = false, ipc = false): Child & { stdout(): string } {
  return spawnNode(['--import', 'tsx', path.join(here, 'children', script), ...args], env, capture, ipc);
}

/** Runs Node with `argv` (a script and its arguments) as a benchmark child process. */
export function spawnNode(argv: string[], env: Record<string, string>, capture = false, ipc = false): Child & { stdout(): string } {
  const child = spawn(process.execPath, argv, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    // The server's request log goes nowhere (as behind a log shipper), but it is still written.
    stdio: ['ignore', capture ? 'pipe' : 'ignore', 'pipe', ...(ipc ? (['ipc'] as const) : [])],
  });
  let err = '';
  let out = '';
  child.stderr?.on('data', (d: Buffer) => {
    err = (err + d.toString()).slice(-4000);
  });
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    pid: child.pid ?? -1,
    process: child,
    stderr: () => err,
    stdout: () => out,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Polls `url` until it answers 200; returns the milliseconds since `since`. Fails if the child
 * exits first or `timeoutMs` passes.
 */
export async function waitForHttp(url: string, child: Child, since: number, timeoutMs = 60_000): Promise<number> {
  for (;;) {
    if (child.process.exitCode !== null) throw new Error(`server exited before answering: ${child.stderr()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) {
        await res.arrayBuffer();
        return performance.now() - since;
      }
    } catch {
      // Not listening yet.
    }
    if (performance.now() - since > timeoutMs) throw new Error(`no answer from ${url} within ${timeoutMs} ms: ${child.stderr()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
