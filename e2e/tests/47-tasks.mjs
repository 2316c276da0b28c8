// Tasks journey (issue 5, S7): quick-add a task on My day and complete it; create a task by
// clicking a day on the calendar and find it there; add a task from a contact's 360° page;
// create the private iCal feed URL in account settings and read the tasks (and a meeting) back
// from the feed, parsed with ical.js (Mozilla's RFC 5545 parser, the way a calendar client reads it).
import ICAL from 'ical.js';
import { RUN_ID, apiFromPage, expect, openPage, shoot, signInAs, test } from '../lib.mjs';

/** The one component of `kind` whose SUMMARY is `summary` (unescaped by the parser). */
function bySummary(calendar, kind, summary) {
  const found = calendar.getAllSubcomponents(kind).filter((c) => c.getFirstPropertyValue('summary') === summary);
  expect(found.length === 1, `one ${kind.toUpperCase()} "${summary}" in the feed (found ${found.length})`);
  return found[0];
}

/** A DATE-TIME property as an instant; fails when it is missing, floating or not a valid time. */
function instant(component, name) {
  const value = component.getFirstPropertyValue(name);
  expect(value instanceof ICAL.Time, `${name.toUpperCase()} of "${component.getFirstPropertyValue('summary')}" is an iCalendar time`);
  expect(!value.isDate && value.zone === ICAL.Timezone.utcTimezone, `${name.toUpperCase()} is a UTC date-time (got ${value.toString()})`);
  const date = value.toJSDate();
  expect(!Number.isNaN(date.getTime()), `${name.toUpperCase()} is a valid time (got ${value.toString()})`);
  return date;
}

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

  // A meeting, so the feed carries a VEVENT beside the tasks' VTODOs.
  const start = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 2, 2, 30));
  const meeting = await apiFromPage(page, 'POST', '/tasks', {
    kind: 'meeting', title: `Kick-off, review; ${RUN_ID}`, startAt: start.toISOString(), endAt: new Date(start.getTime() + 45 * 60_000).toISOString(), location: 'Room 3',
  });

  await page.goto(`${url}/settings/account`);
  await page.getByRole('button', { name: 'Create feed address' }).click();
  const feedUrl = await page.getByTestId('ical-url').inputValue();
  const feed = await (await fetch(new URL(new URL(feedUrl).pathname, url))).text();
  expect(feed.includes(`SUMMARY:${planned}`), 'the calendar task is in the iCal feed');
  expect(feed.includes(`SUMMARY:${forContact}`), 'the contact task is in the iCal feed');
  expect(!feed.includes(quick), 'a completed task is not in the feed');

  // The same feed through a standard iCalendar parser.
  const calendar = new ICAL.Component(ICAL.parse(feed));
  expect(calendar.name === 'vcalendar' && calendar.getFirstPropertyValue('version') === '2.0', 'the feed is a VCALENDAR 2.0');
  const summaries = [...calendar.getAllSubcomponents('vtodo'), ...calendar.getAllSubcomponents('vevent')].map((c) => c.getFirstPropertyValue('summary'));
  expect(!summaries.includes(quick), `the completed task "${quick}" is not among the feed's components`);
  const plannedTodo = bySummary(calendar, 'vtodo', planned);
  const [plannedTask] = (await apiFromPage(page, 'GET', `/tasks?filter[title]=${encodeURIComponent(planned)}`)).data;
  expect(plannedTask?.dueAt, `the calendar task has a due time (got ${JSON.stringify(plannedTask)})`);
  const due = plannedTodo.getFirstPropertyValue('due');
  expect(due instanceof ICAL.Time && !Number.isNaN(due.toJSDate().getTime()), `the calendar task's DUE is a valid time (got ${due})`);
  // A timed task is a UTC instant; an all-day one is the date itself.
  if (plannedTask.allDay) expect(due.isDate && due.toString() === plannedTask.dueAt.slice(0, 10), `DUE is the task's day ${plannedTask.dueAt.slice(0, 10)} (got ${due.toString()})`);
  else expect(instant(plannedTodo, 'due').getTime() === new Date(plannedTask.dueAt).getTime(), `DUE is the task's due time ${plannedTask.dueAt} (got ${due.toString()})`);
  const contactTodo = bySummary(calendar, 'vtodo', forContact);
  expect(contactTodo.getFirstPropertyValue('status') === 'NEEDS-ACTION', 'the open contact task NEEDS-ACTION');
  const event = new ICAL.Event(bySummary(calendar, 'vevent', meeting.title));
  expect(event.location === 'Room 3' && event.uid.startsWith(`${meeting.id}@`), `the meeting's location and UID (got ${event.location}, ${event.uid})`);
  expect(instant(event.component, 'dtstart').getTime() === start.getTime(), `DTSTART is the meeting's start ${start.toISOString()} (got ${event.startDate})`);
  expect(event.endDate.toJSDate().getTime() - event.startDate.toJSDate().getTime() === 45 * 60_000, `the meeting lasts 45 minutes (got ${event.duration})`);
  for (const component of calendar.getAllSubcomponents()) {
    expect(component.getFirstPropertyValue('uid') && component.getFirstPropertyValue('dtstamp') instanceof ICAL.Time, `every component has a UID and a DTSTAMP (${component.getFirstPropertyValue('summary')})`);
  }
});
