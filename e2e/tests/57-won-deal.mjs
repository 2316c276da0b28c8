// Won-deal journey (issue 5, S3 + S8 + S9): with this month's company new-sales target set and an
// open deal closing this month, read the company row on the targets Progress tab and the forecast
// category card that counts the deal; mark the deal won from its page through the won/lost dialog
// (a reason from the demo workspace's list); then see the company's actual rise by the deal's
// amount (and its percent with it) and the forecast card drop the deal's weighted amount and count,
// the deal gone from the win-probability tab's open deals (API). Each figure on screen is checked
// against the API.
import { RUN_ID, STEP_TIMEOUT_MS, apiFromPage, choose, expect, openPage, shoot, signInAs, test, waitFor } from '../lib.mjs';

/** Money as the web app formats it in English (formatMoney of apps/web/src/i18n/format.ts). */
const money = (page, minor, currency) => page.evaluate(({ minor, currency }) => {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return new Intl.NumberFormat('en', { style: 'currency', currency }).format(minor / 10 ** digits);
}, { minor, currency });

/** The completion as the Progress table writes it: "12.5%", or a dash without a percent. */
const percentText = (percent) => (percent === null ? '—' : `${percent}%`);

/** The company row's cells on the Progress tab: target, actual and completion as shown. */
async function companyProgress(page, url) {
  await page.goto(`${url}/targets`);
  await page.getByRole('tab', { name: 'Progress' }).click();
  const row = page.getByTestId('targets-progress').locator('tr[data-row="Company"]');
  await row.waitFor();
  const cells = row.locator('td');
  return { row, target: (await cells.nth(1).innerText()).trim(), actual: (await cells.nth(2).innerText()).trim(), completion: (await cells.nth(3).innerText()).trim() };
}

/** The forecast page's best-case card (weighted total; "N deals · amount"), once it shows what the API says. */
async function bestCaseCard(page, url, currency, expected) {
  await page.goto(`${url}/forecast`);
  const card = page.getByTestId('forecast-category-best_case');
  await card.waitFor();
  const weighted = await money(page, expected.weightedMinor, currency);
  const count = `${expected.count} ${expected.count === 1 ? 'deal' : 'deals'}`;
  await waitFor(async () => {
    const text = await card.innerText();
    return text.includes(weighted) && text.includes(count) ? text : null;
  }, STEP_TIMEOUT_MS, `the best-case card showing ${weighted} and ${count}`);
  return card.innerText();
}

/** Every open deal the win-probability tab pages through (the API allows 200 a page). */
async function openDealIds(page) {
  const ids = new Set();
  for (let offset = 0; ; offset += 200) {
    const chunk = await apiFromPage(page, 'GET', `/forecast/win-probability?limit=200&offset=${offset}`);
    for (const d of chunk.data) ids.add(d.id);
    if (chunk.data.length < 200 || offset + 200 >= chunk.total) return ids;
  }
}

test('won deal: mark a deal won on its page and see the target progress and the forecast change', async ({ browser, url }) => {
  const { page, errors } = await openPage(browser);
  await signInAs(page, url, 'en');

  // This month in the workspace's time zone, as the server counts it.
  const probe = await apiFromPage(page, 'GET', `/targets/progress?year=${new Date().getUTCFullYear()}&periodKind=month&metric=new_sales`);
  const today = probe.today;
  const year = Number(today.slice(0, 4));
  const month = today.slice(0, 7);
  const currency = probe.currency;

  // This month's company target, over what is already won, so the percent stays readable.
  const grid = await apiFromPage(page, 'GET', `/targets?year=${year}&metric=new_sales`);
  const existing = grid.rows.find((r) => r.scope === 'company').cells.find((c) => c.period === month && c.periodKind === 'month');
  const targetMinor = (5_000_000 + Number(RUN_ID.slice(-3))) * 100;
  await apiFromPage(page, 'PUT', '/targets', {
    metric: 'new_sales', currency,
    cells: [{ scope: 'company', periodKind: 'month', periodStart: `${month}-01`, amountMinor: targetMinor, ...(existing ? { version: existing.version } : {}) }],
  });

  // An open deal closing today, in the rep's best case at 60%.
  const amountMinor = 4_321_000 + Number(RUN_ID.slice(-3)) * 100;
  const name = `Won journey ${RUN_ID}`;
  const deal = await apiFromPage(page, 'POST', '/deals', { name, currency, amountMinor, probability: 60, forecastCategory: 'best_case', closeDate: today });
  const dealWeighted = Math.round((amountMinor * 60) / 100);

  // Before: the Progress tab's company row and the API behind it.
  const progressApi = async () => (await apiFromPage(page, 'GET', `/targets/progress?year=${year}&periodKind=month&metric=new_sales`))
    .rows.find((r) => r.scope === 'company').periods.find((p) => p.period === month);
  const before = await progressApi();
  expect(before.targetMinor === targetMinor, `progress carries the target (got ${before.targetMinor})`);
  const shownBefore = await companyProgress(page, url);
  expect(shownBefore.target === await money(page, targetMinor, currency), `the company target shows ${await money(page, targetMinor, currency)} (got ${shownBefore.target})`);
  expect(shownBefore.actual === await money(page, before.actualMinor, currency), `the company actual shows the API's ${before.actualMinor} (got ${shownBefore.actual})`);
  expect(shownBefore.completion.includes(percentText(before.percent)), `the completion shows ${percentText(before.percent)} (got ${shownBefore.completion})`);
  await shoot(page, 'won-deal-targets-before');

  // Before: the best-case card counts the open deal; the win-probability tab lists it.
  const bestCaseApi = async () => {
    const pipeline = await apiFromPage(page, 'GET', '/forecast/pipeline?period=month&groupBy=owner');
    return pipeline.categories.find((c) => c.category === 'best_case' && c.currency === currency) ?? { count: 0, weightedMinor: 0, amountMinor: 0 };
  };
  const caseBefore = await bestCaseApi();
  expect(caseBefore.count >= 1 && caseBefore.weightedMinor >= dealWeighted, `the best-case total includes the deal (got ${JSON.stringify(caseBefore)})`);
  const cardBefore = await bestCaseCard(page, url, currency, caseBefore);
  expect((await openDealIds(page)).has(deal.id), 'the open deal is among the win-probability deals');
  await shoot(page, 'won-deal-forecast-before');

  // Mark it won on its page, with a reason from the demo workspace's list.
  await page.goto(`${url}/deals/${deal.id}`);
  await page.getByTestId('deal-status').getByText('Open').waitFor();
  await page.getByRole('button', { name: 'Mark as won' }).click();
  const dialog = page.getByRole('dialog');
  await choose(dialog, 'Why was it won?', 'Competitive price');
  await dialog.getByLabel('Note (optional)').fill(`Signed ${RUN_ID}`);
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByTestId('deal-status').getByText('Won').waitFor();
  await page.getByText(`Competitive price — Signed ${RUN_ID}`).waitFor();
  await waitFor(async () => (await page.getByRole('button', { name: 'Mark as won' }).count()) === 0, STEP_TIMEOUT_MS, 'the won button gone from a won deal');
  const won = await apiFromPage(page, 'GET', `/deals/${deal.id}`);
  expect(won.status === 'won' && won.closeReasonId && won.wonReason === `Signed ${RUN_ID}`, `the deal is won with its reason (got ${won.status}, ${won.closeReasonId}, ${won.wonReason})`);
  await shoot(page, 'won-deal-page');

  // After: the company's actual is up by the deal's amount, the percent with it.
  const after = await progressApi();
  expect(after.actualMinor === before.actualMinor + amountMinor, `actual ${before.actualMinor} + ${amountMinor} = ${after.actualMinor}`);
  const expectedPercent = Math.round((after.actualMinor / targetMinor) * 1000) / 10;
  expect(after.percent === expectedPercent && after.percent > (before.percent ?? 0), `percent ${before.percent} → ${after.percent} (expected ${expectedPercent})`);
  const shownAfter = await companyProgress(page, url);
  const actualText = await money(page, before.actualMinor + amountMinor, currency);
  expect(shownAfter.actual === actualText && shownAfter.actual !== shownBefore.actual, `the company actual shows ${actualText} (was ${shownBefore.actual}, now ${shownAfter.actual})`);
  expect(shownAfter.completion.includes(percentText(after.percent)) && shownAfter.completion !== shownBefore.completion, `the completion moved from ${shownBefore.completion} to ${percentText(after.percent)} (shows ${shownAfter.completion})`);
  await shoot(page, 'won-deal-targets-after');

  // After: the best-case card lost the deal's weighted amount and one deal; the deal left the open deals.
  const caseAfter = await bestCaseApi();
  expect(caseAfter.count === caseBefore.count - 1 && caseAfter.weightedMinor === caseBefore.weightedMinor - dealWeighted && caseAfter.amountMinor === caseBefore.amountMinor - amountMinor,
    `best case ${JSON.stringify(caseBefore)} → ${JSON.stringify(caseAfter)} (deal weighted ${dealWeighted})`);
  const cardAfter = await bestCaseCard(page, url, currency, caseAfter);
  expect(cardAfter !== cardBefore, `the best-case card changed (${cardBefore} → ${cardAfter})`);
  expect(!(await openDealIds(page)).has(deal.id), 'the won deal left the win-probability deals');
  await shoot(page, 'won-deal-forecast-after');
  expect(errors.length === 0, `no page errors: ${errors.join(' | ')}`);
});
