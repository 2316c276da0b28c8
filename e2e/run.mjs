#!/usr/bin/env node
// Browser journeys of the web app in a real Chromium (ARCHITECTURE §7: Debian's /usr/bin/chromium).
// Loads every e2e/tests/*.mjs in file-name order (each registers its tests with `test()` from
// e2e/lib.mjs), runs the tests that need no server first, then builds the web app when its sources
// are newer than the build, starts `voyage serve` on a fresh embedded database with the demo
// workspace and runs the rest one after another. Ends with one line `N passed, N failed`.
// Screenshots go to e2e/artifacts/ (a failing test leaves `failure-<file>-<n>.png`).
//
// To add journeys, add a file e2e/tests/NN-topic.mjs (NN orders the files) that calls
// `test(name, async ({ browser, url }) => { const { page } = await openPage(browser); … })` with
// the helpers of e2e/lib.mjs (signIn/signInAs, expect, waitFor, shoot, apiFromPage, encodeGbk…).
// Pages opened with openPage are photographed on failure and closed after the test.
//
//   npm run test:e2e                       every test
//   npm run test:e2e -- customers search   only tests whose file or name contains one of the words
//   E2E_URL=http://127.0.0.1:3000 npm run test:e2e -- …   against a server already running (no build)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { DEMO, ROOT, TEST_TIMEOUT_MS, WEB, current, registry, releasePages, setCurrentFile, shoot, waitFor } from './lib.mjs';

const TESTS = path.join(ROOT, 'e2e/tests');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const START_TIMEOUT_MS = 120_000;

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function buildWebIfStale() {
  const built = path.join(WEB, 'dist/index.html');
  const sourcesChanged = Math.max(newestMtime(path.join(WEB, 'src')), newestMtime(path.join(WEB, 'public')), statSync(path.join(WEB, 'index.html')).mtimeMs);
  if (existsSync(built) && statSync(built).mtimeMs >= sourcesChanged) return;
  console.log('building the web app…');
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', WEB, '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('vite build failed');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts `voyage serve` on a fresh data directory; returns its URL and a stop function. */
async function startServer() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'voyage-e2e-'));
  const port = await freePort();
  const log = [];
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'apps/server/src/cli.ts'), 'serve'], {
    cwd: ROOT,
    // Every journey signs in afresh from 127.0.0.1, more than the default 10 logins a minute per IP
    // allow (that limit has its own test in apps/server/test/auth-rate-limit.test.ts).
    env: { ...process.env, VOYAGE_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', VOYAGE_DEMO: 'true', LOG_LEVEL: 'warn', DATABASE_URL: '', LOGIN_RATE_LIMIT_PER_MINUTE: '600' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout.on('data', (d) => log.push(String(d)));
  child.stderr.on('data', (d) => log.push(String(d)));
  let exited = false;
  child.once('exit', () => { exited = true; });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (!exited) {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      await waitFor(() => exited, 15_000, 'the server to stop').catch(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } });
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForDemo(url, () => {
      if (exited) throw new Error(`the server exited:\n${log.join('').slice(-2000)}`);
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

/** Waits until the server answers, its demo admin can sign in and it serves the built web app. */
async function waitForDemo(url, stillAlive = () => undefined) {
  await waitFor(async () => {
    stillAlive();
    const res = await fetch(`${url}/api/health`);
    return res.ok;
  }, START_TIMEOUT_MS, 'the server to start');
  // The demo workspace is seeded on first start; wait until its admin can sign in.
  await waitFor(async () => {
    stillAlive();
    const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(DEMO) });
    return res.ok;
  }, START_TIMEOUT_MS, 'the demo login');
  const index = await fetch(`${url}/`).then((r) => r.text());
  if (!index.includes('<div id="root">')) throw new Error('the server does not serve the built web app at /');
}

async function loadTests() {
  const files = readdirSync(TESTS).filter((f) => f.endsWith('.mjs')).sort();
  for (const file of files) {
    setCurrentFile(file);
    await import(pathToFileURL(path.join(TESTS, file)).href);
  }
  const words = process.argv.slice(2).map((w) => w.toLowerCase());
  return words.length === 0 ? registry : registry.filter((t) => words.some((w) => t.file.toLowerCase().includes(w) || t.name.toLowerCase().includes(w)));
}

let passed = 0;
let failed = 0;
let server;
let browser;
const runStarted = Date.now();

async function runOne(t, context) {
  const started = Date.now();
  let timer;
  try {
    const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`the test took longer than ${TEST_TIMEOUT_MS / 1000} s`)), TEST_TIMEOUT_MS); });
    const run = t.fn(context);
    run.catch(() => undefined); // after a timeout the test's own failure is of no interest
    await Promise.race([run, timeout]);
    passed += 1;
    console.log(`✓ ${t.name} (${Date.now() - started} ms)`);
  } catch (error) {
    failed += 1;
    const where = error.stack?.split('\n').find((l) => l.includes('/e2e/tests/') || l.includes('/e2e/lib.mjs'))?.trim() ?? '';
    console.log(`✗ ${t.name}: ${error.message.split('\n')[0]} ${where}`);
    for (const e of current.errors.slice(0, 5)) console.log(`    browser: ${e.split('\n')[0]}`);
    const shotName = `failure-${t.file.replace(/\.mjs$/, '')}-${registry.indexOf(t)}`;
    for (const [i, page] of current.pages.entries()) await shoot(page, i === 0 ? shotName : `${shotName}-${i}`).catch(() => undefined);
  } finally {
    clearTimeout(timer);
    await releasePages();
  }
}

try {
  const tests = await loadTests();
  // Tests such as the locale parity check need neither a server nor a browser: they run first.
  for (const t of tests.filter((x) => !x.server)) await runOne(t, {});
  const rest = tests.filter((x) => x.server);
  if (rest.length > 0) {
    let url = process.env.E2E_URL?.replace(/\/$/, '');
    if (url) {
      await waitForDemo(url);
    } else {
      buildWebIfStale();
      server = await startServer();
      url = server.url;
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    for (const t of rest) await runOne(t, { browser, url });
  }
} catch (error) {
  failed += 1;
  console.log(`✗ setup: ${error.message}`);
} finally {
  await browser?.close().catch(() => undefined);
  await server?.stop().catch(() => undefined);
}
console.log(`(${Math.round((Date.now() - runStarted) / 1000)} s)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
