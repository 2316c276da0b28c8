// Duplicates journey (issue 4, C5): two contacts entered twice are found by the duplicate
// finder, compared side by side, and merged into one, keeping a value from each.
import { RUN_ID, STEP_TIMEOUT_MS, apiFromPage, expect, openPage, shoot, signInAs, test, waitFor } from '../lib.mjs';

test('customers: scan for duplicates, compare two contacts and merge them', async ({ browser, url }) => {
  const { page, errors } = await openPage(browser);
  const missing = [];
  page.on('response', (r) => { if (r.status() === 404) missing.push(r.url()); });
  await signInAs(page, url);
  // The same person, entered twice: once by email at work, once with a title and another case of the email.
  const email = `zhou.jielun.${RUN_ID}@example.cn`;
  const first = await apiFromPage(page, 'POST', '/contacts', { name: '周杰伦', email, mobile: `137${RUN_ID}01` });
  const second = await apiFromPage(page, 'POST', '/contacts', { name: '周杰伦', email: email.toUpperCase(), title: '音乐总监' });

  await page.getByTestId('nav-duplicates').click();
  await page.waitForURL(/\/duplicates$/);
  await page.getByTestId('duplicate-scan-start').click();
  // The scan runs as a job; the page follows its progress and then shows the new pair.
  await waitFor(async () => (await page.getByTestId('duplicate-scan-status').getAttribute('data-status')) === 'done', 60_000, 'the scan to finish');
  const row = page.getByTestId('duplicate-pair').filter({ has: page.locator(`a[href="/contacts/${first.id}"]`) }).filter({ has: page.locator(`a[href="/contacts/${second.id}"]`) });
  await row.waitFor({ timeout: STEP_TIMEOUT_MS });
  expect((await row.textContent())?.includes('Same email'), `the pair does not say why: ${await row.textContent()}`);
  await shoot(page, 'duplicates-queue');

  await row.getByTestId('duplicate-review').click();
  await page.waitForURL(/\/duplicates\/merge/);
  await page.getByTestId('merge-table').waitFor();
  // Keep the older record (first), but take the title from the other one; the mobile, empty
  // on the other, stays. Which column is which follows the pair's id order.
  const sideOf = (id) => (page.url().includes(`a=${id}`) ? 'a' : 'b');
  const keep = sideOf(first.id);
  const other = keep === 'a' ? 'b' : 'a';
  await page.getByTestId(`merge-keep-${keep}`).check();
  const title = page.locator('[data-testid="merge-field"][data-field="title"]');
  await title.getByTestId(`merge-pick-${other}`).check();
  await shoot(page, 'merge-compare');
  await page.getByTestId('merge-submit').click();
  await page.getByTestId('merge-confirm').click();

  // The survivor's 360° page: the chosen title, its own mobile, and the merge on the timeline.
  await page.waitForURL(new RegExp(`/contacts/${first.id}$`));
  await waitFor(async () => (await page.getByTestId('record-value-title').textContent())?.includes('音乐总监'), STEP_TIMEOUT_MS, 'the title taken from the merged contact');
  expect((await page.getByTestId('record-value-mobile').textContent())?.includes(`137${RUN_ID}01`), 'the survivor lost its mobile');
  const merged = page.getByTestId('timeline').locator('[data-testid="timeline-entry"][data-kind="merged"]');
  await merged.waitFor({ timeout: STEP_TIMEOUT_MS });
  expect((await merged.textContent())?.includes('周杰伦'), `the merge entry reads "${await merged.textContent()}"`);
  await shoot(page, 'merge-survivor');

  // The other record is gone from the list (in the trash, marked as merged), and the pair from the queue.
  const trash = await apiFromPage(page, 'GET', '/contacts?trash=true&limit=100');
  expect(trash.data.some((c) => c.id === second.id && c.mergedIntoId === first.id), 'the merged contact is not in the trash, marked as merged');
  const live = await apiFromPage(page, 'GET', `/contacts?filter[email][eq]=${encodeURIComponent(email)}`);
  expect(live.data.length === 1 && live.data[0].id === first.id, `${live.data.length} contacts still have the email`);
  await page.getByTestId('nav-duplicates').click();
  await page.getByTestId('duplicates-page').waitFor();
  await waitFor(async () => (await page.locator(`a[href="/contacts/${second.id}"]`).count()) === 0, STEP_TIMEOUT_MS, 'the pair to leave the queue');
  expect(errors.length === 0, `page errors: ${errors.join(' | ')} ${missing.join(' ')}`);
});
