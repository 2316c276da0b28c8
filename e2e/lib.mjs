// Shared by the runner (e2e/run.mjs) and the journey files (e2e/tests/*.mjs): the test registry,
// page tracking for failure screenshots, and the helpers journeys use (sign in, wait, assert, shoot).
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDecoder } from 'node:util';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WEB = path.join(ROOT, 'apps/web');
export const ARTIFACTS = path.join(ROOT, 'e2e/artifacts');
export const DEMO = { email: 'admin@voyage.demo', password: 'voyage-demo-2026' };
export const LOCALES = ['zh-CN', 'zh-TW', 'en'];
/** The longest a single step (a click's effect, a page load, a search) may take. */
export const STEP_TIMEOUT_MS = 20_000;
/** The longest one whole test may take before it is failed, so a hang cannot eat the run. */
export const TEST_TIMEOUT_MS = 90_000;

mkdirSync(ARTIFACTS, { recursive: true });

// ---------- registry ----------

/** Tests in registration order; the runner imports e2e/tests/*.mjs in file-name order. */
export const registry = [];
let currentFile = '';

/** Set by the runner before it imports a test file, so each test knows where it came from. */
export function setCurrentFile(file) {
  currentFile = file;
}

/**
 * Registers a test. `fn` receives `{ browser, url }`.
 * With `{ server: false }` the test needs neither the server nor a browser; such tests run first,
 * before the web app is built and the server started.
 */
export function test(name, fn, { server = true } = {}) {
  registry.push({ name, fn, server, file: currentFile });
}

// ---------- pages ----------

/** What the test that is running has open: photographed and closed by the runner. */
export const current = { pages: [], contexts: [], errors: [] };

/**
 * A new browser context and page, tracked so the runner photographs it on failure and closes it
 * afterwards. Page errors and console errors are collected in `errors` (assert on them at the end).
 */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', ...options });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  current.contexts.push(context);
  current.pages.push(page);
  current.errors = errors;
  return { context, page, errors };
}

/** Closes what the test left open and forgets it. */
export async function releasePages() {
  for (const context of current.contexts) await context.close().catch(() => undefined);
  current.pages = [];
  current.contexts = [];
  current.errors = [];
}

// ---------- helpers ----------

export function expect(condition, message) {
  if (!condition) throw new Error(message);
}

/** Polls `check` every 250 ms until it returns a truthy value (which is returned). */
export async function waitFor(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const result = await check();
      if (result) return result;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`);
}

export async function signIn(page, url) {
  await page.goto(`${url}/login`);
  await page.locator('input[name=email]').fill(DEMO.email);
  await page.locator('input[name=password]').fill(DEMO.password);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('home-title').waitFor({ timeout: STEP_TIMEOUT_MS });
}

export async function chooseLanguage(page, locale) {
  await page.getByTestId('language-menu').click();
  await page.locator(`[data-locale="${locale}"]`).click();
}

/** Signs in and switches the account to `locale`, so labels read the same on every run. */
export async function signInAs(page, url, locale = 'en') {
  await signIn(page, url);
  const lang = await page.evaluate(() => document.documentElement.lang);
  if (lang !== locale) {
    await chooseLanguage(page, locale);
    await page.waitForFunction((l) => document.documentElement.lang === l, locale);
  }
}

/** Calls the API with the page's session (cookie and CSRF token), for arranging data and reading ids. */
export async function apiFromPage(page, method, apiPath, body) {
  return page.evaluate(async ({ method, apiPath, body }) => {
    const session = await fetch('/api/v1/auth/session').then((r) => r.json());
    const res = await fetch(`/api/v1${apiPath}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken ?? '' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${apiPath} answered ${res.status}: ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : null;
  }, { method, apiPath, body });
}

/** True when the element is laid out on screen (a collapsed AppShell navbar is moved off-screen, not hidden). */
export async function onScreen(locator) {
  const box = await locator.boundingBox();
  return Boolean(box && box.width > 0 && box.x + box.width > 1 && box.x < 375);
}

export async function shoot(page, name) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: false });
}

/** A suffix that keeps names and numbers made by one run apart from another run's. */
export const RUN_ID = String(Date.now()).slice(-6);

/** A Mantine Select or search input by its label (a textbox or a combobox, by version). */
export const pick = (scope, name) => scope.getByRole('textbox', { name }).or(scope.getByRole('combobox', { name })).first();

/** Opens a select and picks an option; clicks again while a dialog is still settling (focus moves close the list). */
export async function choose(scope, label, option) {
  await waitFor(async () => {
    if (!(await scope.getByRole('option', { name: option }).isVisible())) await pick(scope, label).click();
    return scope.getByRole('option', { name: option }).isVisible();
  }, 15_000, `the option ${option}`);
  await scope.getByRole('option', { name: option }).click();
}

// ---------- files ----------

let gbkTable = null;

/**
 * `text` encoded as GBK, the way Excel in China saves a CSV. Uses iconv-lite when it is installed;
 * otherwise inverts the runtime's own GBK decoder (Node's TextDecoder decodes GBK but TextEncoder
 * only writes UTF-8) over the double-byte range once.
 */
export function encodeGbk(text) {
  try {
    return createRequire(import.meta.url)('iconv-lite').encode(text, 'gbk');
  } catch {
    // not installed: fall through
  }
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gbk');
    for (let lead = 0x81; lead <= 0xfe; lead += 1) {
      for (let trail = 0x40; trail <= 0xfe; trail += 1) {
        if (trail === 0x7f) continue;
        const char = decoder.decode(Uint8Array.of(lead, trail));
        if (char.length === 1 && char !== '\ufffd' && !gbkTable.has(char)) gbkTable.set(char, [lead, trail]);
      }
    }
  }
  const bytes = [];
  for (const char of text) {
    const code = char.codePointAt(0);
    if (code < 0x80) bytes.push(code);
    else if (gbkTable.has(char)) bytes.push(...gbkTable.get(char));
    else throw new Error(`"${char}" has no GBK encoding`);
  }
  return Buffer.from(bytes);
}
