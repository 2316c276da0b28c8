// Products and price books journey (issue 5, S4): add a product through the form, see a duplicate
// SKU refused on its field, then price it in the demo CNY price book and find the price after a reload;
// then add a product line on a deal page and see the approval flag and the amount follow the lines.
import { RUN_ID, STEP_TIMEOUT_MS, apiFromPage, expect, openPage, shoot, signInAs, test, waitFor } from '../lib.mjs';

test('products: add a product, a duplicate SKU is refused, price it in a price book', async ({ browser, url }) => {
  const { page } = await openPage(browser);
  await signInAs(page, url, 'en');
  const sku = `E2E-${RUN_ID}`;

  await page.goto(`${url}/products`);
  await page.getByRole('button', { name: 'New product' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('SKU').fill(sku);
  await dialog.getByLabel('Name').fill(`Journey seat ${RUN_ID}`);
  await dialog.getByLabel('Unit').fill('seat');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByPlaceholder('Search SKU or name').fill(sku);
  await page.getByRole('cell', { name: sku }).waitFor();

  await page.getByRole('button', { name: 'New product' }).click();
  await dialog.getByLabel('SKU').fill(sku);
  await dialog.getByLabel('Name').fill('Second');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.getByText(`A product with SKU "${sku}" already exists.`).waitFor();
  await shoot(page, 'products-duplicate-sku');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await page.goto(`${url}/price-books`);
  await page.getByText('标准价目表').first().click();
  await page.getByPlaceholder('Add a product').click();
  await page.getByPlaceholder('Add a product').fill(sku);
  await page.getByRole('option', { name: new RegExp(sku) }).click();
  const price = page.getByLabel(`List price ${sku}`);
  await price.fill('123.45');
  await page.getByLabel(`Max discount % ${sku}`).fill('12');
  await page.getByRole('button', { name: 'Save prices' }).click();
  await page.getByText('Price book saved').waitFor();
  await page.reload();
  await page.getByText('标准价目表').first().click();
  await waitFor(async () => (await page.getByLabel(`List price ${sku}`).inputValue()) === 'CNY 123.45', STEP_TIMEOUT_MS, 'the saved list price after a reload');
  expect(await page.getByLabel(`Max discount % ${sku}`).inputValue() === '12%', 'the saved max discount after a reload');
  await shoot(page, 'price-book-entries');
});

test('deal lines: add a product line on the deal page, see the approval flag and the deal amount follow the lines', async ({ browser, url }) => {
  const { page } = await openPage(browser);
  await signInAs(page, url, 'en');
  const deal = await apiFromPage(page, 'POST', '/deals', { name: `Lines ${RUN_ID}`, currency: 'CNY', amountMinor: 5_000_000 });
  await page.goto(`${url}/deals/${deal.id}`);
  await page.getByText('No product lines').waitFor();
  await page.getByRole('button', { name: 'Add line' }).click();
  const line = page.getByTestId('deal-line').first();
  await line.getByLabel('Product').fill('CRM-PRO');
  await page.getByRole('option', { name: /CRM-PRO/ }).click();
  await line.getByLabel('Qty').fill('3');
  // The demo CNY book allows 15% on CRM-PRO: 20% is saved but flagged.
  await line.getByLabel('Discount %').fill('20');
  await line.getByLabel('Tax %').fill('6');
  await line.getByText('Needs approval').waitFor();
  // 3 × ¥1,980.00 × 0.8 = ¥4,752.00 net, 6% tax ¥285.12.
  await waitFor(async () => (await page.getByTestId('deal-lines-totals').innerText()).includes('5,037.12'), STEP_TIMEOUT_MS, 'the live total');
  await page.getByRole('button', { name: 'Save lines' }).click();
  await page.getByText('Deal amount follows the lines').waitFor();
  const amountField = page.getByText('Amount', { exact: true }).locator('xpath=..');
  await waitFor(async () => (await amountField.innerText()).includes('5,037.12'), STEP_TIMEOUT_MS, 'the deal amount after saving the lines');
  await shoot(page, 'deal-lines');
  const saved = await apiFromPage(page, 'GET', `/deals/${deal.id}/lines`);
  expect(saved.amountMinor === 503_712 && saved.hasLines && saved.lines[0].needsApproval === true, `saved lines: ${JSON.stringify(saved).slice(0, 300)}`);
});
