// Tasks journey (issue 5, S7): quick-add a task on My day and complete it; create a task by
// clicking a day on the calendar and find it there; add a task from a contact's 360° page;
// create the private iCal feed URL in account settings and read the task back from the feed.
import { RUN_ID, apiFromPage, expect, openPage, shoot, signInAs, test } from '../lib.mjs';

test('tasks: My day quick add and complete, calendar create, contact panel, iCal feed', async ({ browser, url }) => {
  const { page } = await openPage(browser);
  await signInAs(page, url, 'en');

  await page.goto(`${url}/my-day`);
  const quick = `Call back ${RUN_ID}`;
  await page.getByLabel('Quick add').fill(quick);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const today = page.getByTestId('my-day-today');
  await today.getByText(quick).waitFor();
  await shoot(page, 'my-day');
  await today.getByTestId('task-row').filter({ hasText: quick }).getByRole('checkbox').click();
  await today.getByText(quick).waitFor({ state: 'detached' });

  await page.goto(`${url}/calendar`);
  await page.getByTestId('calendar-month').waitFor();
  const planned = `Plan review ${RUN_ID}`;
  await page.getByTestId('calendar-day').nth(30).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Title').fill(planned);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByTestId('calendar-item').filter({ hasText: planned }).waitFor();
  await shoot(page, 'calendar-month');

  const contacts = await apiFromPage(page, 'GET', '/contacts?limit=1');
  await page.goto(`${url}/contacts/${contacts.data[0].id}`);
  const panel = page.getByTestId('tasks-panel');
  const forContact = `Send brochure ${RUN_ID}`;
  await panel.getByLabel('Quick add').fill(forContact);
  await panel.getByRole('button', { name: 'Add', exact: true }).click();
  await panel.getByText(forContact).waitFor();

  await page.goto(`${url}/settings/account`);
  await page.getByRole('button', { name: 'Create feed address' }).click();
  const feedUrl = await page.getByTestId('ical-url').inputValue();
  const feed = await (await fetch(new URL(new URL(feedUrl).pathname, url))).text();
  expect(feed.includes(`SUMMARY:${planned}`), 'the calendar task is in the iCal feed');
  expect(feed.includes(`SUMMARY:${forContact}`), 'the contact task is in the iCal feed');
  expect(!feed.includes(quick), 'a completed task is not in the feed');
});
