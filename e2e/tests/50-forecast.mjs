// Forecast journey (issue 5 item 6, S8): open /forecast, the weighted-pipeline chart draws with a
// deal closing next month counted in its category card, the statistical tab draws or explains its history,
// and a rep's category is changed from the win-probability table and kept after a reload.
import { RUN_ID, STEP_TIMEOUT_MS, apiFromPage, expect, openPage, shoot, signInAs, test, waitFor } from '../lib.mjs';

test('forecast: weighted pipeline chart, statistical tab, change a deal\'s forecast category', async ({ browser, url }) => {
  const { page } = await openPage(browser);
  await signInAs(page, url, 'en');
  const next = new Date();
  next.setUTCDate(1);
  next.setUTCMonth(next.getUTCMonth() + 1);
  const closeDate = `${next.toISOString().slice(0, 7)}-15`;
  await apiFromPage(page, 'POST', '/deals', { name: `Forecast commit ${RUN_ID}`, currency: 'CNY', amountMinor: 12_345_600, probability: 95, closeDate });
  // An overdue deal sorts first in the win-probability table (by close date).
  const deal = await apiFromPage(page, 'POST', '/deals', { name: `Forecast pick ${RUN_ID}`, currency: 'CNY', amountMinor: 100_000, probability: 20, closeDate: '2001-01-15' });

  await page.goto(`${url}/forecast`);
  const pipeline = page.getByTestId('forecast-pipeline');
  await pipeline.waitFor();
  // ECharts draws into a canvas once it has data.
  await waitFor(async () => (await pipeline.locator('canvas').count()) > 0, STEP_TIMEOUT_MS, 'the weighted pipeline chart');
  // The commit card shows the API's commit total, which counts 95% of this deal's 123,456.00.
  const api = await apiFromPage(page, 'GET', '/forecast/pipeline?period=month&groupBy=owner');
  const commit = api.categories.find((c) => c.category === 'commit' && c.currency === 'CNY');
  expect(commit && commit.weightedMinor >= 11_728_320, `the commit total includes the new deal (got ${commit?.weightedMinor})`);
  const shown = (commit.weightedMinor / 100).toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  await waitFor(async () => (await page.getByTestId('forecast-category-commit').innerText()).includes(shown), STEP_TIMEOUT_MS, `the commit card showing ${shown}`);
  await page.getByRole('cell', { name: closeDate.slice(0, 7) }).first().waitFor();
  await shoot(page, 'forecast-pipeline');

  await page.getByRole('tab', { name: 'Statistical' }).click();
  await page.getByTestId('forecast-statistical').waitFor();
  // With won history the chart draws; without enough, the tab says how much history is needed.
  const statistical = page.getByTestId('forecast-statistical');
  await waitFor(async () => (await statistical.locator('canvas').count()) > 0 || (await page.getByTestId('forecast-history-note').count()) > 0, STEP_TIMEOUT_MS, 'the statistical chart or its history note');
  const stat = await apiFromPage(page, 'GET', '/forecast/statistical');
  if (stat.notEnoughHistory) await page.getByText(stat.notEnoughHistory.message).waitFor();
  await shoot(page, 'forecast-statistical');

  await page.getByRole('tab', { name: 'Win probability' }).click();
  const row = page.getByTestId('forecast-deal-row').filter({ hasText: `Forecast pick ${RUN_ID}` });
  await row.waitFor();
  await row.getByLabel('Forecast category').click();
  await page.getByRole('option', { name: 'Best case', exact: true }).click();
  await page.getByText('Forecast category saved').waitFor();
  const saved = await apiFromPage(page, 'GET', `/deals/${deal.id}`);
  expect(saved.forecastCategory === 'best_case', `the deal's category is best_case (got ${saved.forecastCategory})`);
  await page.reload();
  await page.getByRole('tab', { name: 'Win probability' }).click();
  await waitFor(async () => (await page.getByTestId('forecast-deal-row').filter({ hasText: `Forecast pick ${RUN_ID}` }).getByLabel('Forecast category').inputValue()) === 'Best case', STEP_TIMEOUT_MS, 'the category after a reload');
  await shoot(page, 'forecast-win-probability');
});
