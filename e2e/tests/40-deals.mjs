// Kanban journey (issue 5, S2/S3): drag a deal into a stage whose required field is empty and see
// the move refused with the server's reason and the card back in its column; drag it to an open
// stage and see the counts follow; drop it on Won, pick the reason from the list, and see it closed.
import { RUN_ID, apiFromPage, choose, openPage, shoot, signInAs, test, waitFor } from '../lib.mjs';

test('deals: drag across the kanban, a refused move snaps back, won with a reason', async ({ browser, url }) => {
  const { page } = await openPage(browser);
  await signInAs(page, url, 'en');
  const name = `Kanban ${RUN_ID}`;
  const pipeline = await apiFromPage(page, 'POST', '/pipelines', {
    name,
    stages: [{ name: 'Lead', probability: 10 }, { name: 'Qualified', probability: 40 }, { name: 'Proposal', probability: 60, requiredFields: ['closeDate'] }, { name: 'Won', kind: 'won' }, { name: 'Lost', kind: 'lost' }],
  });
  const [lead, qualified, proposal, won] = pipeline.stages;
  const deal = await apiFromPage(page, 'POST', '/deals', { name: `Deal ${RUN_ID}`, pipelineId: pipeline.id, amountMinor: 1234500 });

  await page.goto(`${url}/deals`);
  await page.getByRole('textbox', { name: 'Pipeline', exact: true }).or(page.getByRole('combobox', { name: 'Pipeline', exact: true })).first().click();
  await page.getByRole('option', { name }).click();
  const column = (stage) => page.locator(`[data-stage-id="${stage.id}"]`);
  const count = (stage) => column(stage).getByTestId('stage-count');
  const card = page.locator(`[data-deal-id="${deal.id}"]`);
  await waitFor(async () => (await count(lead).textContent()) === '1', 15_000, 'the deal in the first column');

  await card.dragTo(column(proposal));
  await page.getByText('Fill in Close date before moving the deal to "Proposal"').waitFor();
  await shoot(page, 'deals-refused-move');
  await waitFor(async () => (await column(lead).locator(`[data-deal-id="${deal.id}"]`).count()) === 1, 15_000, 'the card back in its column');

  await card.dragTo(column(qualified));
  await waitFor(async () => (await count(qualified).textContent()) === '1' && (await count(lead).textContent()) === '0', 15_000, 'counts after the move');

  await card.dragTo(column(won));
  const dialog = page.getByRole('dialog');
  // The demo workspace keeps a list of won reasons: pick one, and add a note.
  await choose(dialog, 'Why was it won?', 'Competitive price');
  await dialog.getByLabel('Note (optional)').fill('Best price');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await waitFor(async () => (await count(won).textContent()) === '1', 15_000, 'the deal in Won');
  const after = await apiFromPage(page, 'GET', `/deals/${deal.id}`);
  if (after.status !== 'won' || after.wonReason !== 'Best price' || !after.closeReasonId) throw new Error(`deal is ${after.status} (${after.wonReason}, ${after.closeReasonId})`);
  await shoot(page, 'deals-won');
});
