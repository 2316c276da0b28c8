// Email templates journey (issue 6, item 1 send email): Settings → Email templates, a new
// template for contacts whose body gets a merge field from the picker; a subject naming a field
// contacts do not have is refused at save with the field marked; the saved template reads back
// through the API with the inserted {{record.name}}.
import { RUN_ID, STEP_TIMEOUT_MS, apiFromPage, choose, expect, openPage, shoot, signInAs, test, waitFor } from '../lib.mjs';

test('email templates: create with a merge field from the picker, unknown field refused at save', async ({ browser, url }) => {
  const { page, errors } = await openPage(browser, { viewport: { width: 1280, height: 900 } });
  await signInAs(page, url, 'en');
  await page.goto(`${url}/settings/email-templates`);
  await page.getByTestId('new-email-template').click();
  const dialog = page.getByRole('dialog');
  const name = `Welcome ${RUN_ID}`;
  await dialog.getByTestId('template-name').fill(name);
  await choose(page, 'Record kind', 'Contact');
  await dialog.getByTestId('template-subject').fill('Hello {{record.nope}}');
  const body = dialog.getByTestId('template-body');
  await body.click();
  await body.pressSequentially('<p>Dear ');
  await choose(page, 'Merge field', 'Contact · Name  {{record.name}}');
  await dialog.getByTestId('insert-merge-field').click();
  await waitFor(async () => (await body.inputValue()) === '<p>Dear {{record.name}}', STEP_TIMEOUT_MS, 'the merge field in the body');

  await dialog.getByTestId('save-template').click();
  await dialog.getByText('subject uses the unknown merge field {{record.nope}}.').waitFor({ timeout: STEP_TIMEOUT_MS });
  await shoot(page, 'email-template-unknown-field');

  await dialog.getByTestId('template-subject').fill('Hello');
  await dialog.getByTestId('save-template').click();
  await dialog.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
  await page.getByTestId('email-template-row').filter({ hasText: name }).waitFor({ timeout: STEP_TIMEOUT_MS });
  const saved = (await apiFromPage(page, 'GET', '/email-templates')).data.find((t) => t.name === name);
  expect(saved && saved.object === 'contact' && saved.body === '<p>Dear {{record.name}}', `the saved template: ${JSON.stringify(saved)}`);
  await shoot(page, 'email-templates');
  // The refused save is a 422 the browser logs; nothing else may go wrong.
  const unexpected = errors.filter((e) => !e.includes('status of 422'));
  expect(unexpected.length === 0, `no page errors: ${unexpected.join('; ')}`);
});
