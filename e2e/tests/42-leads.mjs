// Leads journey (issue 5, S1): create a lead from the list, open it, convert it into a new
// account, contact and deal in one step, and follow the lead's link to the deal page.
import { RUN_ID, apiFromPage, openPage, shoot, signInAs, test, waitFor } from '../lib.mjs';

test('leads: create a lead in the UI, convert it, open the deal it became', async ({ browser, url }) => {
  const { page } = await openPage(browser);
  await signInAs(page, url, 'en');
  const name = `Lead ${RUN_ID}`;
  const company = `Lead Co ${RUN_ID}`;

  await page.goto(`${url}/leads`);
  await page.getByTestId('lead-new').click();
  const form = page.getByRole('dialog');
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Company', { exact: true }).fill(company);
  await form.getByLabel('Email').fill(`lead${RUN_ID}@example.com`);
  await form.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('link', { name }).click();
  await page.getByRole('heading', { name }).waitFor();
  await page.getByTestId('lead-status').filter({ hasText: 'New' }).waitFor();

  await page.getByTestId('lead-convert').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText('No existing record matches').first().waitFor().catch(() => undefined);
  await dialog.getByTestId('convert-deal-name').fill(`Deal from ${name}`);
  await shoot(page, 'leads-convert-dialog');
  await dialog.getByTestId('convert-submit').click();
  await page.getByTestId('lead-converted').waitFor();
  await page.getByTestId('lead-status').filter({ hasText: 'Converted' }).waitFor();
  await dialog.waitFor({ state: 'hidden' });
  await shoot(page, 'leads-converted');

  const leads = await apiFromPage(page, 'GET', `/leads?filter[name][eq]=${encodeURIComponent(name)}`);
  const lead = leads.data[0];
  if (!lead?.convertedAccountId || !lead.convertedContactId || !lead.convertedDealId) throw new Error(`lead not converted: ${JSON.stringify(lead)}`);
  const contact = await apiFromPage(page, 'GET', `/contacts/${lead.convertedContactId}`);
  if (contact.accountId !== lead.convertedAccountId) throw new Error('the contact is not linked to the new account');

  await page.getByTestId('lead-deal-link').click();
  await waitFor(async () => page.url().endsWith(`/deals/${lead.convertedDealId}`), 15_000, 'the deal page');
  await page.getByRole('heading', { name: `Deal from ${name}` }).waitFor();
  await shoot(page, 'leads-deal-page');
});
