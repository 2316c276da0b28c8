#!/usr/bin/env node
// Browser journeys of the web app in a real Chromium (ARCHITECTURE §7: Debian's /usr/bin/chromium).
// Builds the web app when its sources are newer than the build, starts `voyage serve` on a fresh
// embedded database with the demo workspace, runs the tests one after another, and ends with one
// line `N passed, N failed`. Screenshots go to e2e/artifacts/.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEB = path.join(ROOT, 'apps/web');
const ARTIFACTS = path.join(ROOT, 'e2e/artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const DEMO = { email: 'admin@voyage.demo', password: 'voyage-demo-2026' };
const LOCALES = ['zh-CN', 'zh-TW', 'en'];
const START_TIMEOUT_MS = 120_000;
const STEP_TIMEOUT_MS = 20_000;

mkdirSync(ARTIFACTS, { recursive: true });

// ---------- helpers ----------

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

async function waitFor(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`);
}

/** Starts `voyage serve` on a fresh data directory; returns its URL and a stop function. */
async function startServer() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'voyage-e2e-'));
  const port = await freePort();
  const log = [];
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'apps/server/src/cli.ts'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, VOYAGE_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', VOYAGE_DEMO: 'true', LOG_LEVEL: 'warn', DATABASE_URL: '' },
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
    await waitFor(async () => {
      if (exited) throw new Error(`the server exited:\n${log.join('').slice(-2000)}`);
      const res = await fetch(`${url}/api/health`);
      return res.ok;
    }, START_TIMEOUT_MS, 'the server to start');
    // The demo workspace is seeded on first start; wait until its admin can sign in.
    await waitFor(async () => {
      const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(DEMO) });
      return res.ok;
    }, START_TIMEOUT_MS, 'the demo login');
    const index = await fetch(`${url}/`).then((r) => r.text());
    if (!index.includes('<div id="root">')) throw new Error('the server does not serve the built web app at /');
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

function flattenKeys(value, prefix = '') {
  return Object.entries(value).flatMap(([key, v]) => (v && typeof v === 'object' ? flattenKeys(v, `${prefix}${key}.`) : [[`${prefix}${key}`, v]]));
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

async function signIn(page, url) {
  await page.goto(`${url}/login`);
  await page.locator('input[name=email]').fill(DEMO.email);
  await page.locator('input[name=password]').fill(DEMO.password);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('home-title').waitFor({ timeout: STEP_TIMEOUT_MS });
}

async function chooseLanguage(page, locale) {
  await page.getByTestId('language-menu').click();
  await page.locator(`[data-locale="${locale}"]`).click();
}

/** The page a test is on, so a failure can be photographed. */
let currentPage = null;
let currentErrors = [];

/** True when the element is laid out on screen (a collapsed AppShell navbar is moved off-screen, not hidden). */
async function onScreen(locator) {
  const box = await locator.boundingBox();
  return Boolean(box && box.width > 0 && box.x + box.width > 1 && box.x < 375);
}

async function shoot(page, name) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: false });
}

function featureLocaleDirs(root) {
  const found = [];
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (entry.isDirectory() && entry.name === 'locales') found.push(path.join(entry.parentPath ?? entry.path, entry.name));
  }
  return found;
}

// ---------- tests ----------

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

test('i18n: zh-CN, zh-TW and en locale files have the same keys and placeholders, none empty', async () => {
  // The shared files plus every feature's own locales/<locale>.json (merged at start-up).
  const dirs = [path.join(WEB, 'src/i18n/locales'), ...featureLocaleDirs(path.join(WEB, 'src/features'))];
  const maps = Object.fromEntries(LOCALES.map((l) => [l, new Map(dirs.flatMap((dir) => flattenKeys(JSON.parse(readFileSync(path.join(dir, `${l}.json`), 'utf8')))))]));
  for (const dir of dirs) for (const l of LOCALES) expect(existsSync(path.join(dir, `${l}.json`)), `${dir} lacks ${l}.json`);
  const problems = [];
  const allKeys = new Set(LOCALES.flatMap((l) => [...maps[l].keys()]));
  const placeholders = (s) => [...String(s).matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort().join(',');
  for (const key of allKeys) {
    for (const l of LOCALES) {
      if (!maps[l].has(key)) problems.push(`${l} lacks ${key}`);
      else if (typeof maps[l].get(key) !== 'string' || !maps[l].get(key).trim()) problems.push(`${l}.${key} is empty`);
    }
    const expected = placeholders(maps.en.get(key) ?? '');
    for (const l of LOCALES) if (maps[l].has(key) && placeholders(maps[l].get(key)) !== expected) problems.push(`${l}.${key} has placeholders {${placeholders(maps[l].get(key))}} instead of {${expected}}`);
  }
  expect(problems.length === 0, problems.slice(0, 20).join('; '));
  expect(allKeys.size > 100, `only ${allKeys.size} keys found`);
});

test('sign-in: a wrong password shows the server message and no session starts', async ({ browser, url }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  await page.locator('input[name=email]').fill(DEMO.email);
  await page.locator('input[name=password]').fill('not-the-password');
  await page.locator('button[type=submit]').click();
  const alert = page.getByTestId('login-error');
  await alert.waitFor({ timeout: STEP_TIMEOUT_MS });
  const text = (await alert.textContent()) ?? '';
  expect(/incorrect|不正确|不正確/i.test(text), `unexpected error text: ${text}`);
  expect(new URL(page.url()).pathname === '/login', `left the sign-in page: ${page.url()}`);
  await shoot(page, 'login-error');
  await context.close();
});

test('journey: sign in, switch language, add a custom field, find it in the audit log', async ({ browser, url }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const page = await context.newPage();
  currentPage = page;
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  currentErrors = errors;
  await signIn(page, url);
  await shoot(page, 'home');

  const settingsLink = page.getByTestId('nav-settings');
  await chooseLanguage(page, 'zh-CN');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  expect((await settingsLink.textContent())?.includes('设置'), `zh-CN label is "${await settingsLink.textContent()}"`);
  await chooseLanguage(page, 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.getByTestId('nav-settings').filter({ hasText: 'Settings' }).waitFor({ timeout: STEP_TIMEOUT_MS });
  // The choice is stored on the account, so the next session opens in English too.
  const session = await page.evaluate(() => fetch('/api/v1/auth/session').then((r) => r.json()));
  expect(session.user.locale === 'en', `account locale is ${session.user.locale}`);

  await settingsLink.click();
  await page.getByTestId('settings-nav').getByText('Custom fields', { exact: true }).click();
  await page.waitForURL(/\/settings\/custom-fields$/);
  await page.getByTestId('custom-field-object').click();
  await page.getByRole('option', { name: 'Contact', exact: true }).click();
  await page.getByTestId('add-custom-field').click();
  const label = page.locator('input[name=label]');
  await label.waitFor();
  await label.fill('Budget code');
  expect((await page.locator('input[name=key]').inputValue()) === 'budget_code', 'the key was not derived from the label');
  await shoot(page, 'custom-field-form');
  await page.getByTestId('save-custom-field').click();
  await page.getByTestId('custom-fields-table').getByText('Budget code').waitFor({ timeout: STEP_TIMEOUT_MS });
  await shoot(page, 'custom-fields');

  await page.getByTestId('settings-nav').getByText('Audit log', { exact: true }).click();
  await page.waitForURL(/\/settings\/audit$/);
  const row = page.getByTestId('audit-table').locator('tr[data-object="custom_field"][data-action="create"]').first();
  await row.waitFor({ timeout: STEP_TIMEOUT_MS });
  expect((await row.textContent())?.includes('contact.budget_code'), `audit row reads "${await row.textContent()}"`);
  await row.click();
  await page.getByTestId('audit-diff').getByText('Budget code').first().waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.waitForTimeout(400); // let the drawer finish sliding in before the screenshot
  await shoot(page, 'audit-entry');
  expect(errors.length === 0, `page errors: ${errors.join(' | ')}`);
  await context.close();
});

test('phone (375 px): the burger opens the navigation, which leads to Settings', async ({ browser, url }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'en-US' });
  const page = await context.newPage();
  currentPage = page;
  await signIn(page, url);
  const nav = page.getByTestId('main-nav');
  expect(!(await onScreen(nav)), 'the navigation is on screen before the burger is pressed');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width <= 375, `the page is ${width}px wide: it scrolls sideways`);
  await shoot(page, 'phone-home');
  await page.getByTestId('burger').click();
  await waitFor(() => onScreen(nav), STEP_TIMEOUT_MS, 'the navigation to slide in');
  await shoot(page, 'phone-nav-open');
  await page.getByTestId('nav-settings').click();
  await page.waitForURL(/\/settings\//);
  await waitFor(async () => !(await onScreen(nav)), STEP_TIMEOUT_MS, 'the navigation to close after choosing a link');
  await shoot(page, 'phone-settings');
  await context.close();
});

test('PWA: the manifest and its icons are served', async ({ url }) => {
  const manifest = await fetch(`${url}/manifest.webmanifest`).then((r) => r.json());
  expect(manifest.display === 'standalone' && manifest.theme_color, 'manifest lacks display or theme colour');
  for (const icon of manifest.icons) {
    const res = await fetch(new URL(icon.src, url));
    expect(res.ok, `${icon.src} answers ${res.status}`);
  }
  expect(manifest.icons.some((i) => i.sizes === '512x512'), 'no 512x512 icon');
});

// ---------- runner ----------

let passed = 0;
let failed = 0;
let server;
let browser;
try {
  const [first, ...rest] = tests;
  // The locale check needs neither a server nor a browser.
  await runOne(first, {});
  buildWebIfStale();
  server = await startServer();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  for (const t of rest) await runOne(t, { browser, url: server.url });
} catch (error) {
  failed += 1;
  console.log(`✗ setup: ${error.message}`);
} finally {
  await browser?.close().catch(() => undefined);
  await server?.stop().catch(() => undefined);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

async function runOne(t, context) {
  const started = Date.now();
  try {
    await t.fn(context);
    passed += 1;
    console.log(`✓ ${t.name} (${Date.now() - started} ms)`);
  } catch (error) {
    failed += 1;
    const where = error.stack?.split('\n').find((l) => l.includes('run.mjs:'))?.trim() ?? '';
    console.log(`✗ ${t.name}: ${error.message.split('\n')[0]} ${where}`);
    for (const e of currentErrors.slice(0, 5)) console.log(`    browser: ${e.split('\n')[0]}`);
    if (currentPage) await shoot(currentPage, `failure-${tests.indexOf(t)}`).catch(() => undefined);
  } finally {
    currentPage = null;
    currentErrors = [];
  }
}
