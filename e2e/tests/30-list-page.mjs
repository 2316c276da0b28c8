// Contacts list page journey (issue 4, C1): narrow the list to three contacts of this run, show a
// hidden column, save it all as a personal view and get it back after a reload, change the stage of
// two rows at once, move one to the trash and restore it from there.
import { RUN_ID, STEP_TIMEOUT_MS, apiFromPage, expect, openPage, shoot, signInAs, test, waitFor } from '../lib.mjs';

/** The names of the rows the table shows, in order. */
const rowNames = (page) => page.getByTestId('record-row').evaluateAll((rows) => rows.map((r) => r.querySelector('td:nth-child(2)')?.textContent?.trim() ?? ''));

/** Waits until the table shows exactly `names` (in any order). */
async function waitForRows(page, names, what) {
  const want = [...names].sort().join('|');
  await waitFor(async () => (await rowNames(page)).sort().join('|') === want, STEP_TIMEOUT_MS, `${what} (want ${names.join(', ')}, see ${(await rowNames(page)).slice(0, 6).join(', ')})`);
}

/** The text of the cell under the header `label` in the row of record `id`. */
function cellText(page, id, label) {
  return page.getByTestId('record-table').evaluate((table, { id, label }) => {
    const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent?.trim());
    const index = headers.indexOf(label);
    const row = table.querySelector(`tr[data-testid="record-row"][data-id="${id}"]`);
    return index < 0 || !row ? null : row.children[index]?.textContent?.trim() ?? null;
  }, { id, label });
}

test('list: filter, show a hidden column, save and reopen a view, bulk change stage, delete and restore from the trash', async ({ browser, url }) => {
  const { page, errors } = await openPage(browser);
  await signInAs(page, url);
  const tag = `-${RUN_ID}`;
  const names = ['甲', '乙', '丙'].map((n) => `列表测试${n}${tag}`);
  const contacts = [];
  for (const [i, name] of names.entries()) contacts.push(await apiFromPage(page, 'POST', '/contacts', { name, mobile: `136${RUN_ID}${String(i).padStart(2, '0')}`, lifecycleStage: 'lead' }));
  const [jia, yi, bing] = contacts;

  await page.getByTestId('nav-contacts').click();
  await page.waitForURL(/\/contacts$/);
  await page.getByTestId('record-row').first().waitFor();
  const search = page.getByRole('textbox', { name: 'Search by name' });
  await search.fill(tag);
  await waitForRows(page, names, 'the search to narrow the list to the three contacts');

  // The lifecycle stage is not among the default columns; the chooser adds it at the end.
  const stageHeader = page.getByTestId('record-table').getByRole('button', { name: 'Sort by Lifecycle stage' });
  expect((await stageHeader.count()) === 0, 'the lifecycle stage column shows before it was chosen');
  await page.getByTestId('column-chooser').click();
  const panel = page.getByTestId('column-chooser-panel');
  // Ticking a hidden column moves it to the shown ones (a new checkbox), so it is clicked, not check()ed.
  await panel.locator('input[data-testid="column-option"][data-column="lifecycleStage"]').click();
  const shown = panel.locator('[data-testid="column-option"][data-column="lifecycleStage"]').filter({ has: page.getByRole('checkbox', { checked: true }) });
  await shown.waitFor();
  // Moved left until it comes first after the name, so it is in view next to the names.
  const moveLeft = panel.getByRole('button', { name: 'Move Lifecycle stage left' });
  for (let i = 0; i < 30 && await moveLeft.isEnabled(); i += 1) await moveLeft.click();
  expect(!(await moveLeft.isEnabled()), 'the lifecycle stage column never came first');
  await page.getByTestId('column-chooser').click();
  await panel.waitFor({ state: 'hidden' });
  await stageHeader.waitFor();
  const headers = await page.getByTestId('record-table').locator('thead th').allTextContents();
  expect(headers[1] === 'Name' && headers[2] === 'Lifecycle stage', `the headers read ${headers.join(', ')}`);
  await waitFor(async () => (await cellText(page, jia.id, 'Lifecycle stage')) === 'Lead', STEP_TIMEOUT_MS, 'the stage column to read Lead');

  // Saved as a personal view, named by the user.
  const viewName = `列表测试视图${tag}`;
  await page.getByTestId('view-switcher').click();
  await page.getByTestId('view-save-as').click();
  await page.getByTestId('view-name').fill(viewName);
  expect(!(await page.getByTestId('view-shared').isChecked()), 'a new view is shared by default');
  await page.getByTestId('view-name-save').click();
  await page.getByTestId('view-name').waitFor({ state: 'detached' });
  await waitFor(async () => (await page.getByTestId('view-switcher').textContent())?.includes(viewName), STEP_TIMEOUT_MS, 'the switcher to name the new view');
  await shoot(page, 'list-view-saved');

  // After a reload the list comes back in the view; "All records" leaves it, picking it restores it.
  await page.reload();
  await waitFor(async () => (await page.getByTestId('view-switcher').textContent())?.includes(viewName), STEP_TIMEOUT_MS, 'the view to be remembered after the reload');
  await waitForRows(page, names, 'the remembered view to show the three contacts');
  await stageHeader.waitFor();
  expect((await search.inputValue()) === tag, `the search box reads "${await search.inputValue()}" in the view`);
  await page.getByTestId('view-switcher').click();
  await page.locator('[data-testid="view-option"][data-view="default"]').click();
  await waitFor(async () => (await search.inputValue()) === '' && (await rowNames(page)).some((n) => !n.endsWith(tag)), STEP_TIMEOUT_MS, 'all records to show again');
  await page.getByTestId('view-switcher').click();
  await page.getByTestId('view-option').filter({ hasText: viewName }).click();
  await waitForRows(page, names, 'the picked view to show the three contacts');
  expect((await search.inputValue()) === tag, 'picking the view does not restore its search');
  await stageHeader.waitFor();

  // Two rows at once to "Customer": the bar counts them, the rows show the new stage.
  const rowOf = (c) => page.locator(`[data-testid="record-row"][data-id="${c.id}"]`);
  await rowOf(jia).getByTestId('row-select').check();
  await rowOf(yi).getByTestId('row-select').check();
  await waitFor(async () => (await page.getByTestId('bulk-count').textContent()) === 'Selected: 2', STEP_TIMEOUT_MS, 'the bulk bar to count two rows');
  await page.getByTestId('bulk-stage').click();
  const stageDialog = page.getByRole('dialog', { name: 'Lifecycle stage of the selected records (2)' });
  await stageDialog.getByTestId('bulk-stage-select').click();
  await page.getByRole('option', { name: 'Customer', exact: true }).click();
  await stageDialog.getByTestId('bulk-stage-apply').click();
  const result = page.getByTestId('bulk-result');
  await page.locator('[data-testid="bulk-result"][data-action="stage"]').waitFor();
  expect((await result.textContent())?.includes('Stage changed: 2'), `the bulk result reads "${await result.textContent()}"`);
  await stageDialog.waitFor({ state: 'detached' });
  for (const c of [jia, yi]) await waitFor(async () => (await cellText(page, c.id, 'Lifecycle stage')) === 'Customer', STEP_TIMEOUT_MS, `${c.name} to show the stage Customer`);
  expect((await cellText(page, bing.id, 'Lifecycle stage')) === 'Lead', 'the unselected row changed its stage');
  expect((await page.getByTestId('bulk-bar').count()) === 0, 'the selection stays after the change');
  await shoot(page, 'list-bulk-stage');
  // Each change went through the update use case: a new version and an entry in the stage history.
  for (const c of [jia, yi]) {
    const record = await apiFromPage(page, 'GET', `/contacts/${c.id}`);
    expect(record.lifecycleStage === 'customer' && record.version > c.version, `${c.name}: stage ${record.lifecycleStage}, version ${c.version} → ${record.version}`);
    const history = await apiFromPage(page, 'GET', `/contacts/${c.id}/lifecycle`);
    expect(history.data.some((h) => h.fromStage === 'lead' && h.toStage === 'customer'), `${c.name} has no lead → customer entry in its stage history`);
  }

  // One row to the trash, after confirming; it leaves the list and waits in the trash.
  await rowOf(bing).getByTestId('row-select').check();
  await page.getByTestId('bulk-delete').click();
  await page.getByTestId('bulk-delete-confirm').click();
  await page.locator('[data-testid="bulk-result"][data-action="delete"]').waitFor();
  expect((await result.textContent())?.includes('Moved to the trash: 1'), `the bulk result reads "${await result.textContent()}"`);
  await waitForRows(page, [names[0], names[1]], 'the deleted row to leave the list');

  await page.getByTestId('list-trash').click();
  await page.locator('[data-testid="list-trash"][aria-pressed="true"]').waitFor();
  await waitForRows(page, [names[2]], 'the trash to show the deleted contact');
  await shoot(page, 'list-trash');
  await rowOf(bing).getByTestId('row-select').check();
  await page.getByTestId('bulk-restore').click();
  await page.locator('[data-testid="bulk-result"][data-action="restore"]').waitFor();
  expect((await result.textContent())?.includes('Restored: 1'), `the bulk result reads "${await result.textContent()}"`);
  await waitFor(async () => (await page.getByTestId('record-row').count()) === 0, STEP_TIMEOUT_MS, 'the restored contact to leave the trash');

  await page.getByTestId('list-trash').click();
  await waitForRows(page, names, 'the restored contact to be back in the list');
  expect((await cellText(page, bing.id, 'Lifecycle stage')) === 'Lead', 'the restored contact lost its stage');
  expect(errors.length === 0, `page errors: ${errors.join(' | ')}`);
});
