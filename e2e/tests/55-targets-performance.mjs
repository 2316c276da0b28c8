// Targets and sales performance journey (issue 5, S9 and S10): set this month's company target
// in the grid (and a quarter that differs from its months, which shows a warning), see the
// target on the progress tab beside the actual figure the API reports; open the sales
// performance report and find the leaderboard and the stage funnel drawn.
import { RUN_ID, apiFromPage, expect, openPage, shoot, signInAs, test, waitFor } from '../lib.mjs';

test('targets: set a monthly target in the grid and see its progress; performance report with the funnel', async ({ browser, url }) => {
  const { page } = await openPage(browser);
  await signInAs(page, url, 'en');

  await page.goto(`${url}/targets`);
  const grid = page.getByTestId('targets-grid');
  await grid.waitFor();
  const { year, month, quarter } = await page.evaluate(() => {
    const d = new Date();
    return { year: d.getFullYear(), month: `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`, quarter: `${d.getFullYear()}-Q${Math.floor(d.getMonth() / 3) + 1}` };
  });
  const amount = 100_000 + Number(RUN_ID.slice(-3));
  await grid.getByLabel(`Company ${month}`, { exact: true }).fill(String(amount));
  await grid.getByLabel(`Company ${quarter}`, { exact: true }).fill('1');
  await page.getByTestId('targets-save').click();
  await page.getByText(/target\(s\) saved/).waitFor();
  // The quarter (1) differs from what its months add up to: a warning, not a correction.
  await page.getByTestId('targets-warnings').getByText(`Company · ${quarter}`).waitFor();
  const stored = await apiFromPage(page, 'GET', `/targets?year=${year}&metric=new_sales`);
  const company = stored.rows.find((r) => r.scope === 'company');
  expect(company.cells.some((c) => c.period === month && c.amountMinor === amount * 100), 'the monthly target is stored in minor units');
  await shoot(page, 'targets-grid');

  // A deal won today counts toward this month's actual figure.
  const pipelines = await apiFromPage(page, 'GET', '/pipelines');
  const wonStage = pipelines.data.find((p) => p.isDefault).stages.find((st) => st.kind === 'won');
  const deal = await apiFromPage(page, 'POST', '/deals', { name: `Target deal ${RUN_ID}`, amountMinor: 2_500_000 });
  // A workspace with a list of won reasons needs one picked from it.
  const reasons = await apiFromPage(page, 'GET', '/deal-reasons?kind=won').catch(() => ({ data: [] }));
  await apiFromPage(page, 'POST', `/deals/${deal.id}/move`, { stageId: wonStage.id, version: deal.version, wonReason: 'e2e', ...(reasons.data?.[0] ? { wonReasonId: reasons.data[0].id } : {}) });

  await page.getByRole('tab', { name: 'Progress' }).click();
  const progress = page.getByTestId('targets-progress');
  await progress.waitFor();
  const api = await apiFromPage(page, 'GET', `/targets/progress?year=${year}&periodKind=month&metric=new_sales`);
  const current = api.rows.find((r) => r.scope === 'company').periods.find((p) => p.period === month);
  expect(current.targetMinor === amount * 100, 'progress carries the new target');
  expect(current.actualMinor >= 2_500_000 && current.percent > 0, 'the won deal counts toward the month');
  const row = progress.locator('tr[data-row="Company"]');
  const targetText = await page.evaluate((minor) => new Intl.NumberFormat('en', { style: 'currency', currency: 'CNY' }).format(minor / 100), amount * 100);
  await row.getByText(targetText, { exact: true }).waitFor();
  await row.getByText(`${current.percent}%`).waitFor();
  await waitFor(async () => (await progress.locator('canvas').count()) >= 2, 10_000, 'the target bars and the gauge');
  await shoot(page, 'targets-progress');

  await page.goto(`${url}/reports/sales`);
  await page.getByTestId('sales-performance').waitFor();
  await page.getByText('This year', { exact: true }).click();
  const funnel = page.getByTestId('stage-funnel');
  await funnel.getByText('Initial contact').waitFor();
  await waitFor(async () => (await funnel.locator('canvas').count()) >= 1, 10_000, 'the funnel chart');
  const report = await apiFromPage(page, 'GET', `/sales-performance?from=${year}-01-01&to=${year}-12-31`);
  expect(report.reps.length > 0 && report.totals.wonCount >= 1, 'the won deal is on the leaderboard');
  await page.getByTestId('leaderboard').locator(`tr[data-rep="${report.reps[0].name}"]`).getByLabel('Place 1').waitFor();
  await page.getByTestId('kpi-winRate').waitFor();
  await shoot(page, 'sales-performance');
});
