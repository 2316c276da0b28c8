// Deals, more (issue 5, S2/S3): add a stakeholder found by search on the deal page, mark the deal
// lost to a competitor with a reason from the list, see both on the deal page, and see the deal
// in the table view. Settings → Pipelines: the stall card sends to the workflow that alerts.
import { RUN_ID, apiFromPage, choose, openPage, pick, shoot, signInAs, test, waitFor } from '../lib.mjs';

test('deals: stakeholder from search, lost to a competitor with a reason, table view', async ({ browser, url }) => {
  const { page } = await openPage(browser, { acceptDownloads: true });
  await signInAs(page, url, 'en');
  // A pipeline of its own, so the board shows this deal alone (the demo pipeline is crowded).
  const pipeline = await apiFromPage(page, 'POST', '/pipelines', { name: `Contest ${RUN_ID}`, stages: [{ name: 'Lead', probability: 10 }, { name: 'Won', kind: 'won' }, { name: 'Lost', kind: 'lost' }] });
  const lostStage = pipeline.stages.find((s) => s.kind === 'lost');
  const competitor = await apiFromPage(page, 'POST', '/competitors', { name: `Rival ${RUN_ID}`, website: 'https://rival.example.com' });
  const contact = await apiFromPage(page, 'POST', '/contacts', { name: `Stakeholder ${RUN_ID}` });
  const deal = await apiFromPage(page, 'POST', '/deals', { name: `Contest ${RUN_ID}`, pipelineId: pipeline.id, amountMinor: 880000 });

  // Stakeholder: search the contact by name, give a role, add.
  await page.goto(`${url}/deals/${deal.id}`);
  const people = page.getByTestId('deal-stakeholders');
  await people.getByText('No stakeholders yet').waitFor();
  await pick(people, 'Add a stakeholder').fill(`Stakeholder ${RUN_ID}`);
  await page.getByRole('option', { name: new RegExp(`Stakeholder ${RUN_ID}`) }).first().click();
  await people.getByLabel('Role').fill('Decision maker');
  await people.getByRole('button', { name: 'Add', exact: true }).click();
  await people.getByRole('link', { name: `Stakeholder ${RUN_ID}` }).waitFor();
  await people.getByText('Decision maker').waitFor();
  const stakeholders = (await apiFromPage(page, 'GET', `/deals/${deal.id}/contacts`)).data;
  if (!stakeholders.some((s) => s.contactId === contact.id && s.role === 'Decision maker')) throw new Error(`stakeholders: ${JSON.stringify(stakeholders)}`);
  await shoot(page, 'deal-stakeholder-added');

  // Lost: drag the card onto the Lost column of the board, pick the reason and the competitor.
  await page.goto(`${url}/deals`);
  await choose(page, 'Pipeline', `Contest ${RUN_ID}`);
  const card = page.locator(`[data-deal-id="${deal.id}"]`);
  await card.waitFor();
  await card.dragTo(page.locator(`[data-stage-id="${lostStage.id}"]`));
  const dialog = page.getByRole('dialog');
  await choose(dialog, 'Why was it lost?', 'Chose a competitor');
  await choose(dialog, 'Lost to competitor', `Rival ${RUN_ID}`);
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await waitFor(async () => (await apiFromPage(page, 'GET', `/deals/${deal.id}`)).status === 'lost', 15_000, 'the deal lost');
  const after = await apiFromPage(page, 'GET', `/deals/${deal.id}`);
  if (after.lostToCompetitorId !== competitor.id || after.lostReason !== 'Chose a competitor' || !after.closeReasonId) throw new Error(`lost: ${JSON.stringify(after)}`);

  await page.goto(`${url}/deals/${deal.id}`);
  const rivals = page.getByTestId('deal-competitors');
  await rivals.getByText(`Rival ${RUN_ID}`).waitFor();
  await rivals.getByText('Lost to').waitFor();
  await page.getByText('Chose a competitor').first().waitFor();
  await shoot(page, 'deal-lost-to-competitor');

  // Table view: rows from GET /deals, our deal among them, found by its name.
  await page.goto(`${url}/deals?view=table`);
  const table = page.getByTestId('deals-table');
  await waitFor(async () => (await table.locator('tbody tr').count()) > 0, 15_000, 'rows in the table');
  await page.getByRole('textbox', { name: 'Name' }).first().fill(`Contest ${RUN_ID}`);
  await waitFor(async () => (await table.locator(`[data-deal-row="${deal.id}"]`).count()) === 1 && (await table.locator('tbody tr').count()) === 1, 15_000, 'the deal alone in the filtered table');
  await shoot(page, 'deals-table');

  // Export of the filtered table: a CSV with the deal, its stage by name and the competitor's loss.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: 'CSV' }).click();
  const file = await download;
  if (!/^deals-\d{4}-\d{2}-\d{2}\.csv$/.test(file.suggestedFilename())) throw new Error(`export file name ${file.suggestedFilename()}`);
  const { readFile } = await import('node:fs/promises');
  const lines = (await readFile(await file.path(), 'utf8')).replace(/^\uFEFF/, '').trim().split('\n');
  if (lines.length !== 2 || !lines[0].startsWith('Name,Pipeline,Stage,Status') || !lines[1].startsWith(`Contest ${RUN_ID}`) || !lines[1].includes(',Lost,')) throw new Error(`export: ${lines.join(' | ')}`);

  // The stalled-deal alert is the workflow "Stalled deal", switched on by default (the clock job
  // installs it within its first 30 s); the pipeline's stall card links to it.
  const workflowId = await waitFor(async () => (await apiFromPage(page, 'GET', '/workflow-templates')).data.find((t) => t.key === 'stalled_deal')?.workflowId, 45_000, 'the default stalled-deal workflow');
  await page.goto(`${url}/settings/pipelines`);
  const stall = page.getByTestId('stall-settings').first();
  await stall.getByText('Alerting the owner and then the supervisor runs as the workflow "Stalled deal".').waitFor();
  await stall.getByLabel('Days without activity').waitFor();
  await stall.scrollIntoViewIfNeeded();
  await shoot(page, 'deals-stall-settings');
  await stall.getByRole('link', { name: 'Open the workflow' }).click();
  await page.waitForURL(`${url}/automation/workflows/${workflowId}`);
});
