// Customers journeys (issue 4) against the demo workspace, as a user would: create a contact,
// log a follow-up, import a GBK CSV and undo it, claim from the public pool (公海), global search.
// Labels are read in English (signInAs switches the account's language); the data is Chinese.
import { TextDecoder } from 'node:util';
import { RUN_ID, STEP_TIMEOUT_MS, apiFromPage, encodeGbk, expect, openPage, shoot, signInAs, test, waitFor } from '../lib.mjs';

const CONTACT_PATH = /\/contacts\/([0-9a-f-]{36})$/;
const digits = (text) => String(text ?? '').replace(/\D/g, '');
const isChineseName = (name) => /^[\u4e00-\u9fff]{3}$/.test(name ?? '');

/** A CN mobile number of this run: 139 + six digits of the run id + two more. */
const mobileOf = (n) => `139${RUN_ID}${String(n).padStart(2, '0')}`;

/** The contacts list, opened from the navigation. */
async function openContacts(page) {
  await page.getByTestId('nav-contacts').click();
  await page.waitForURL(/\/contacts$/);
}

/** Links in the list that lead to a contact's 360° page (the nav link is `/contacts` itself). */
const contactLinks = (page, name) => page.locator('a[href^="/contacts/"]').filter(name ? { hasText: new RegExp(`^${name}$`) } : {});

test('customers: create a contact with a Chinese name from the contacts list and open its 360° page', async ({ browser, url }) => {
  const { page, errors } = await openPage(browser);
  await signInAs(page, url);
  const me = (await apiFromPage(page, 'GET', '/auth/session')).user.name;
  const name = '欧阳娜娜';
  const mobile = mobileOf(1);
  await openContacts(page);
  await page.getByRole('button', { name: 'New contact' }).click();
  const form = page.getByTestId('record-form');
  await form.getByTestId('record-field-name').fill(name);
  await form.getByTestId('record-field-title').fill('市场总监');
  await form.getByTestId('record-field-mobile').fill(mobile);
  await form.getByTestId('record-field-email').fill(`ouyang.nana.${RUN_ID}@example.cn`);
  await shoot(page, 'contact-form');
  await form.getByTestId('record-form-save').click();
  await form.waitFor({ state: 'detached' });

  // The list shows the new contact (newest first); its name leads to the 360° page.
  await contactLinks(page, name).first().click();
  await page.waitForURL(CONTACT_PATH);
  await waitFor(async () => (await page.getByTestId('record-title').textContent()) === name, STEP_TIMEOUT_MS, 'the 360° page title');
  const shownMobile = await page.getByTestId('record-value-mobile').textContent();
  expect(digits(shownMobile).endsWith(mobile), `the mobile reads "${shownMobile}", not ${mobile}`);
  expect((await page.getByTestId('record-value-title').textContent())?.includes('市场总监'), 'the title is not shown');
  const created = page.getByTestId('timeline').locator('[data-testid="timeline-entry"][data-kind="record_created"]');
  await created.waitFor();
  expect((await page.getByTestId('record-last-follow-up').textContent())?.includes('Never'), 'a new contact already has a follow-up');
  // Left without an owner in the form, it is mine (the demo has no assignment rules), not in the pool.
  expect((await page.getByTestId('record-owner').textContent())?.includes(me), `the owner reads "${await page.getByTestId('record-owner').textContent()}", not ${me}`);
  await page.getByTestId('ownership-owner').filter({ hasText: me }).waitFor();
  expect((await page.getByTestId('ownership-in-pool').count()) === 0, 'the new contact went to the public pool');
  await shoot(page, 'contact-360');
  expect(errors.length === 0, `page errors: ${errors.join(' | ')}`);
});

test('customers: log a call with a next-contact time and see it on the timeline and as the last follow-up', async ({ browser, url }) => {
  const { page, errors } = await openPage(browser);
  await signInAs(page, url);
  await openContacts(page);
  const first = contactLinks(page).first();
  await first.waitFor();
  const name = (await first.textContent())?.trim();
  await first.click();
  await page.waitForURL(CONTACT_PATH);
  await waitFor(async () => (await page.getByTestId('record-title').textContent()) === name, STEP_TIMEOUT_MS, `the 360° page of ${name}`);
  const countBefore = Number(digits(await page.getByTestId('record-follow-up-count').textContent()));

  const composer = page.getByTestId('follow-up-composer');
  await composer.getByText('Call', { exact: true }).click();
  const content = `电话沟通续约报价，客户希望周五前收到方案 (${RUN_ID})`;
  await composer.getByTestId('follow-up-content').fill(content);
  // Tomorrow at 10:00, typed into the datetime-local field as a user's picker would.
  const tomorrow = new Date(Date.now() + 24 * 3600_000);
  const day = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}`;
  await composer.getByTestId('follow-up-next').fill(`${day}T10:00`);
  await composer.getByTestId('follow-up-submit').click();
  await page.getByText('Follow-up logged').first().waitFor();

  const entry = page.getByTestId('timeline').locator('[data-testid="timeline-entry"][data-kind="follow_up"]').filter({ hasText: content });
  await entry.waitFor();
  const entryText = (await entry.textContent()) ?? '';
  expect(entryText.includes('Call'), `the timeline entry is not titled Call: ${entryText}`);
  expect(/Next contact: .*10:00/.test(entryText), `the timeline entry lacks the next contact time: ${entryText}`);
  const last = page.getByTestId('record-last-follow-up');
  await waitFor(async () => (await last.textContent())?.includes(content.slice(0, 12)), STEP_TIMEOUT_MS, 'the last follow-up summary');
  expect(!(await last.textContent())?.includes('Never'), 'the last follow-up still reads Never');
  expect((await page.getByTestId('record-next-contact').textContent())?.includes('10:00'), 'the next contact time is not shown on the record');
  expect(Number(digits(await page.getByTestId('record-follow-up-count').textContent())) === countBefore + 1, 'the follow-up count did not go up by one');
  await shoot(page, 'follow-up-timeline');
  expect(errors.length === 0, `page errors: ${errors.join(' | ')}`);
});

test('customers: import a GBK CSV with Chinese headers through the wizard, see the rows, undo it', async ({ browser, url }) => {
  const { page, errors } = await openPage(browser);
  await signInAs(page, url);
  // Two demo companies, so the 公司 column links the new contacts to existing accounts.
  const accounts = (await apiFromPage(page, 'GET', '/accounts?limit=2&sort=name')).data.map((a) => a.name);
  expect(accounts.length === 2, 'the demo workspace has no accounts');
  const people = [['上官婉清', accounts[0]], ['司马云飞', accounts[1]], ['诸葛明轩', '']];
  const rows = people.map(([n, company], i) => [n, mobileOf(10 + i), `import.${RUN_ID}.${i}@example.cn`, company]);
  const csv = `姓名,手机,邮箱,公司\r\n${rows.map((r) => r.join(',')).join('\r\n')}\r\n`;
  const bytes = encodeGbk(csv);
  let isUtf8 = true;
  try { new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch { isUtf8 = false; }
  expect(!isUtf8, 'the GBK file happens to be valid UTF-8, so it would not test the encoding detection');

  await openContacts(page);
  await page.getByTestId('import-button').click();
  await page.waitForURL(/\/imports\/new/);
  await page.locator('input[type=file]').setInputFiles({ name: `客户导入-${RUN_ID}.csv`, mimeType: 'text/csv', buffer: bytes });
  await page.getByTestId('import-upload').click();

  // The suggested mapping, from the Chinese headers; the preview shows the names decoded.
  const mapping = page.getByTestId('import-mapping');
  await mapping.waitFor();
  const expected = { 姓名: 'Name', 手机: 'Mobile', 邮箱: 'Email', 公司: 'Account (by name)' };
  for (const [header, field] of Object.entries(expected)) {
    const value = await mapping.locator(`tr[data-header="${header}"] input:not([type=hidden])`).inputValue();
    expect(value.startsWith(field), `${header} is mapped to "${value}", not ${field}`);
  }
  expect((await mapping.locator('tr[data-header="姓名"]').textContent())?.includes(people[0][0]), 'the preview does not show the decoded names');
  await shoot(page, 'import-mapping');

  await page.getByTestId('import-dry-run').click();
  await waitFor(async () => digits(await page.getByTestId('import-count-created').textContent()) === '3', STEP_TIMEOUT_MS, 'the dry run to plan 3 new contacts');
  expect(digits(await page.getByTestId('import-count-rejected').textContent()) === '0', 'the dry run rejects rows');
  await page.getByTestId('import-run').click();
  const status = page.getByTestId('import-status');
  await waitFor(async () => (await status.getAttribute('data-status')) === 'done', 60_000, 'the import to finish');
  expect(digits(await page.getByTestId('import-count-created').textContent()) === '3', 'the import did not create 3 contacts');
  await shoot(page, 'import-done');
  const importPage = page.url();

  await openContacts(page);
  for (const [n] of people) await contactLinks(page, n).first().waitFor();
  await shoot(page, 'import-in-list');

  await page.goto(importPage);
  await page.getByTestId('import-undo').click();
  await page.getByRole('dialog').getByRole('button', { name: 'Undo import' }).click();
  await waitFor(async () => (await status.getAttribute('data-status')) === 'undone', 30_000, 'the import to be undone');

  await openContacts(page);
  await contactLinks(page).first().waitFor();
  await waitFor(async () => {
    for (const [n] of people) if ((await contactLinks(page, n).count()) > 0) return false;
    return true;
  }, STEP_TIMEOUT_MS, 'the imported contacts to leave the list');
  expect(errors.length === 0, `page errors: ${errors.join(' | ')}`);
});

test('customers: claim a contact from the public pool (公海); it leaves the pool and becomes mine', async ({ browser, url }) => {
  const { page, errors } = await openPage(browser);
  await signInAs(page, url);
  const me = (await apiFromPage(page, 'GET', '/auth/session')).user.name;
  await page.getByTestId('nav-pool').click();
  await page.waitForURL(/\/pool$/);
  const row = page.getByTestId('pool-row').filter({ has: page.getByTestId('pool-claim') }).first();
  await row.waitFor();
  const id = await row.getAttribute('data-id');
  const name = (await row.getByRole('link').textContent())?.trim();
  await shoot(page, 'pool-before');
  // A look at the record first: nobody owns it, it is in the pool.
  await row.getByRole('link').click();
  await page.waitForURL(new RegExp(`/contacts/${id}$`));
  await page.getByTestId('ownership-panel').getByTestId('ownership-in-pool').waitFor();
  expect((await page.getByTestId('record-owner').textContent())?.includes('No owner'), `the pool record reads "${await page.getByTestId('record-owner').textContent()}"`);
  await page.goBack();
  await page.waitForURL(/\/pool$/);
  const again = page.locator(`[data-testid="pool-row"][data-id="${id}"]`);
  await again.getByTestId('pool-claim').click();
  await page.getByText('Claimed: it is yours now').first().waitFor();
  await page.locator(`[data-testid="pool-row"][data-id="${id}"]`).waitFor({ state: 'detached' });
  // Searching the pool for it finds it no longer.
  await page.getByTestId('pool-search').fill(name);
  await waitFor(async () => (await page.getByTestId('pool-row').count()) === 0 || (await page.getByTestId('pool-row').first().textContent())?.includes(name), STEP_TIMEOUT_MS, 'the pool search');
  expect((await page.locator(`[data-testid="pool-row"][data-id="${id}"]`).count()) === 0, `${name} is still in the pool`);
  await shoot(page, 'pool-after');

  // Its record now names me as the owner, out of the pool, with the claim in the transfer log.
  await page.getByTestId('global-search').click();
  await page.getByTestId('global-search-input').fill(name);
  await page.locator(`[data-testid="search-result"][data-id="${id}"]`).click();
  await page.waitForURL(new RegExp(`/contacts/${id}$`));
  await waitFor(async () => (await page.getByTestId('record-owner').textContent())?.includes(me), STEP_TIMEOUT_MS, `the owner to read ${me}`);
  const panel = page.getByTestId('ownership-panel');
  await waitFor(async () => (await panel.getByTestId('ownership-owner').textContent()) === me, STEP_TIMEOUT_MS, 'the ownership panel owner');
  expect((await panel.getByTestId('ownership-in-pool').count()) === 0, 'the record still shows the in-pool badge');
  await shoot(page, 'pool-claimed-record');
  expect(errors.length === 0, `page errors: ${errors.join(' | ')}`);
});

/** The Spotlight focuses its input once it has opened; keys typed before that would be lost. */
async function waitForFocus(input) {
  await input.waitFor();
  await waitFor(() => input.evaluate((el) => el === document.activeElement), STEP_TIMEOUT_MS, 'the search box to take the focus');
}

/** Opens the Spotlight result for `id` with the keyboard: arrows down to it, then Enter. */
async function openResultWithKeyboard(page, id) {
  const target = page.locator(`[data-testid="search-result"][data-id="${id}"]`);
  await target.waitFor();
  for (let i = 0; i < 12 && (await target.getAttribute('data-selected')) === null; i += 1) await page.keyboard.press('ArrowDown');
  expect((await target.getAttribute('data-selected')) !== null, 'the arrow keys never highlighted the result');
  await shoot(page, `search-${id}`);
  await page.keyboard.press('Enter');
  await page.waitForURL(new RegExp(`/contacts/${id}$`));
}

test('customers: global search by two Chinese characters (Ctrl+K) and by the last four phone digits, opened with Enter', async ({ browser, url }) => {
  const { page, errors } = await openPage(browser);
  await signInAs(page, url);
  // A demo contact with a three-character Chinese name and a mobile that both searches find.
  const { data } = await apiFromPage(page, 'GET', '/contacts?limit=100&sort=-name');
  let target = null;
  for (const c of data.filter((x) => isChineseName(x.name) && digits(x.mobile).length >= 11)) {
    const found = async (q) => (await apiFromPage(page, 'GET', `/search?q=${encodeURIComponent(q)}&limit=6`)).groups.some((g) => g.results.some((r) => r.id === c.id));
    if (await found(c.name.slice(1)) && await found(digits(c.mobile).slice(-4))) { target = c; break; }
  }
  expect(target, 'no demo contact is found by both its given name and its last four digits');
  const twoChars = target.name.slice(1);
  const lastFour = digits(target.mobile).slice(-4);

  await page.keyboard.press('Control+KeyK');
  const input = page.getByTestId('global-search-input');
  await waitForFocus(input);
  await page.keyboard.type(twoChars);
  await openResultWithKeyboard(page, target.id);
  await waitFor(async () => (await page.getByTestId('record-title').textContent()) === target.name, STEP_TIMEOUT_MS, `the 360° page of ${target.name}`);

  // From another page, through the header's search box this time.
  await openContacts(page);
  await page.getByTestId('global-search').click();
  await waitForFocus(input);
  await page.keyboard.type(lastFour);
  // The first hit is highlighted as soon as the results arrive.
  await page.locator('[data-testid="search-result"][data-selected]').first().waitFor();
  await openResultWithKeyboard(page, target.id);
  await waitFor(async () => digits(await page.getByTestId('record-value-mobile').textContent()).endsWith(lastFour), STEP_TIMEOUT_MS, 'the record page with the searched mobile');
  expect(errors.length === 0, `page errors: ${errors.join(' | ')}`);
});
