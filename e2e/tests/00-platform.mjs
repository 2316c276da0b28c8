// Platform journeys: locale parity, sign-in, language switch, custom fields and audit, phone layout, PWA.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO, LOCALES, STEP_TIMEOUT_MS, WEB, chooseLanguage, expect, onScreen, openPage, shoot, signIn, test, waitFor } from '../lib.mjs';

function flattenKeys(value, prefix = '') {
  return Object.entries(value).flatMap(([key, v]) => (v && typeof v === 'object' ? flattenKeys(v, `${prefix}${key}.`) : [[`${prefix}${key}`, v]]));
}

function featureLocaleDirs(root) {
  const found = [];
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (entry.isDirectory() && entry.name === 'locales') found.push(path.join(entry.parentPath ?? entry.path, entry.name));
  }
  return found;
}

test('i18n: zh-CN, zh-TW and en locale files have the same keys and placeholders, none empty', async () => {
  // The shared files plus every feature's own locales/<locale>.json (merged at start-up).
  const dirs = [path.join(WEB, 'src/i18n/locales'), ...featureLocaleDirs(path.join(WEB, 'src/features'))];
  for (const dir of dirs) for (const l of LOCALES) expect(existsSync(path.join(dir, `${l}.json`)), `${dir} lacks ${l}.json`);
  const maps = Object.fromEntries(LOCALES.map((l) => [l, new Map(dirs.flatMap((dir) => flattenKeys(JSON.parse(readFileSync(path.join(dir, `${l}.json`), 'utf8')))))]));
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
}, { server: false });

test('sign-in: a wrong password shows the server message and no session starts', async ({ browser, url }) => {
  const { page } = await openPage(browser);
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
});

test('journey: sign in, switch language, add a custom field, find it in the audit log', async ({ browser, url }) => {
  const { page, errors } = await openPage(browser, { locale: 'zh-CN' });
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
});

test('phone (375 px): the burger opens the navigation, which leads to Settings', async ({ browser, url }) => {
  const { page } = await openPage(browser, { viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
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
