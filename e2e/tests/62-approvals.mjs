// Approvals journey (issue 6, A3): the admin builds an approval process in Settings (a step for the
// east sales manager 李俊 when the amount is above 500,000.00, the deal amount locked while pending); a deal owned by his rep is
// submitted from its page, which then shows the request pending and the amount locked (an amount
// edit is refused through the API); 李俊 signs in, approves it from "My approvals" with a comment,
// and sees it approved on the deal page. Each screen is checked against the API.
import { DEMO, RUN_ID, STEP_TIMEOUT_MS, apiFromPage, choose, chooseLanguage, expect, openPage, pick, shoot, signInAs, test, waitFor } from '../lib.mjs';

const APPROVER_EMAIL = 'jun.li@voyage.demo';

/** Signs in as another demo member (they share the demo password) and switches to English. */
/** Submits the record on the page from its approval panel (choosing the process when asked) and waits for the panel to say pending. */
async function submitFromPanel(page, processName, comment) {
  const panel = page.getByTestId('approval-panel');
  await panel.getByRole('button', { name: 'Submit for approval' }).click();
  const modal = page.getByRole('dialog');
  if (await pick(modal, 'Approval process').isVisible().catch(() => false)) await choose(page, 'Approval process', processName);
  await modal.getByLabel('Comment').fill(comment);
  await modal.getByRole('button', { name: 'Submit', exact: true }).click();
  await modal.waitFor({ state: 'hidden' });
  await waitFor(async () => ((await panel.getByTestId('approval-status').innerText()).trim().toLowerCase() === 'pending' ? true : null), STEP_TIMEOUT_MS, 'the approval panel showing the request pending');
  return panel;
}

async function signInMember(page, url, email) {
  await page.goto(`${url}/login`);
  await page.locator('input[name=email]').fill(email);
  await page.locator('input[name=password]').fill(DEMO.password);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('home-title').waitFor({ timeout: STEP_TIMEOUT_MS });
  if ((await page.evaluate(() => document.documentElement.lang)) !== 'en') {
    await chooseLanguage(page, 'en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
  }
}

test('approvals: an admin builds a process, a deal is submitted, the manager approves it from the inbox and sees it approved on the deal', async ({ browser, url }) => {
  const { page, errors } = await openPage(browser);
  await signInAs(page, url, 'en');
  const members = (await apiFromPage(page, 'GET', '/users?limit=500')).data;
  const approver = members.find((m) => m.email === APPROVER_EMAIL);
  const rep = members.find((m) => m.email === 'michael.brown@voyage.demo');
  expect(approver && rep, 'the demo workspace has 李俊 and Michael Brown');

  // Settings → Approval processes → New process.
  const processName = `Large deal ${RUN_ID}`;
  await page.goto(`${url}/settings/approval-processes`);
  await page.getByTestId('new-process').click();
  const drawer = page.getByRole('dialog');
  await drawer.getByTestId('process-name').fill(processName);
  await drawer.getByLabel('Step name').fill('Sales manager');
  await choose(page, 'Approver', 'A named user');
  await choose(page, 'User', approver.name);
  // Only for large deals: amount above 500,000.00 (in minor units), with the segments rule builder.
  await drawer.getByRole('switch', { name: 'Only when the record matches' }).check({ force: true });
  await drawer.getByRole('button', { name: 'Condition', exact: true }).click();
  await choose(page, 'Field', 'Amount');
  await choose(page, 'Operator', 'after / more than');
  await drawer.getByLabel('Value', { exact: true }).fill('50000000');
  await pick(drawer, 'Locked fields').click();
  await page.getByRole('option', { name: 'Amount', exact: true }).click();
  await page.keyboard.press('Escape');
  await drawer.getByTestId('process-save').click();
  await drawer.waitFor({ state: 'hidden' });
  const row = page.locator('[data-testid="process-row"]', { hasText: processName });
  await row.waitFor();
  const processes = (await apiFromPage(page, 'GET', '/approval-processes?object=deal')).data;
  const process = processes.find((p) => p.name === processName);
  expect(process, 'the process is saved');
  expect(process.steps.length === 1 && process.steps[0].approver.kind === 'user' && process.steps[0].approver.userId === approver.userId, `one step for 李俊 (${JSON.stringify(process.steps)})`);
  expect(process.guardedFields.join() === 'amountMinor', `the amount is guarded (${process.guardedFields.join()})`);
  const rule = process.steps[0].condition?.rules[0];
  expect(rule?.field === 'amountMinor' && rule.operator === 'gt' && rule.value === 50_000_000, `the step applies above 500,000.00 (${JSON.stringify(process.steps[0].condition)})`);
  await shoot(page, 'approvals-process');

  // A deal of his rep, submitted from its page.
  const dealName = `Approval journey ${RUN_ID}`;
  const deal = await apiFromPage(page, 'POST', '/deals', { name: dealName, amountMinor: 88_000_000, ownerId: rep.userId });
  await page.goto(`${url}/deals/${deal.id}`);
  const panel = await submitFromPanel(page, processName, 'Strategic account, please approve');
  expect((await panel.getByTestId('approval-locked-fields').innerText()).includes('Amount'), 'the panel shows the amount locked');
  await page.getByTestId('locked-amountMinor').waitFor();
  const record = await apiFromPage(page, 'GET', `/approvals/records/deal/${deal.id}`);
  expect(record.latest?.status === 'pending' && record.latest.processName === processName, 'the API has the request pending');
  const refused = await page.evaluate(async ({ id, version }) => {
    const session = await fetch('/api/v1/auth/session').then((r) => r.json());
    const res = await fetch(`/api/v1/deals/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken }, body: JSON.stringify({ version, amountMinor: 1 }) });
    return { status: res.status, body: await res.json() };
  }, { id: deal.id, version: deal.version });
  expect(refused.status === 422 && refused.body.error.code === 'records.locked', `an amount edit is refused while pending (${refused.status})`);
  await shoot(page, 'approvals-deal-pending');

  // 李俊 approves from his inbox.
  const { page: approverPage, errors: approverErrors } = await openPage(browser);
  await signInMember(approverPage, url, APPROVER_EMAIL);
  await approverPage.goto(`${url}/approvals`);
  const card = approverPage.locator('[data-testid="approval-request"]', { hasText: dealName });
  await card.waitFor();
  expect((await card.innerText()).includes(processName), 'the inbox card names the process');
  await card.getByLabel('Comment').fill('Approved, go ahead');
  await card.getByRole('button', { name: 'Approve' }).click();
  await card.waitFor({ state: 'detached' });
  await shoot(approverPage, 'approvals-inbox-after');
  const after = await apiFromPage(approverPage, 'GET', `/approvals/${record.latest.id}`);
  expect(after.status === 'approved', `the request is approved (${after.status})`);
  expect(after.tasks.some((t) => t.approverId === approver.userId && t.status === 'approved' && t.comment === 'Approved, go ahead'), 'his decision and comment are recorded');

  // He sees it approved on the deal page, the amount no longer locked.
  await approverPage.goto(`${url}/deals/${deal.id}`);
  const approverPanel = approverPage.getByTestId('approval-panel');
  await waitFor(async () => ((await approverPanel.getByTestId('approval-status').innerText()).trim().toLowerCase() === 'approved' ? true : null), STEP_TIMEOUT_MS, 'the deal page showing the request approved');
  expect((await approverPanel.innerText()).includes('Approved, go ahead'), 'the panel shows his comment');
  expect(await approverPanel.getByTestId('approval-locked-fields').count() === 0, 'no field is locked any more');
  expect(await approverPage.getByTestId('locked-amountMinor').count() === 0, 'the amount shows no lock any more');
  await shoot(approverPage, 'approvals-deal-approved');
  // The amount edit was refused on purpose (422); nothing else may have gone wrong.
  const unexpected = errors.filter((e) => !e.includes('status of 422'));
  expect(unexpected.length === 0, `no page errors (admin): ${unexpected.join(' | ')}`);
  expect(approverErrors.length === 0, `no page errors (approver): ${approverErrors.join(' | ')}`);
});

test('approvals: the approver decides from the link in the approval email, without signing in; the used link is refused', async ({ browser, url }) => {
  const { page: admin, errors } = await openPage(browser);
  await signInAs(admin, url, 'en');
  const members = (await apiFromPage(admin, 'GET', '/users?limit=500')).data;
  const approver = members.find((m) => m.email === APPROVER_EMAIL);
  const rep = members.find((m) => m.email === 'michael.brown@voyage.demo');
  const process = await apiFromPage(admin, 'POST', '/approval-processes', { object: 'deal', name: `Emailed approval ${RUN_ID}`, guardedFields: ['amountMinor'], steps: [{ name: 'Sales manager', approver: { kind: 'user', userId: approver.userId } }] });
  const dealName = `Emailed approval journey ${RUN_ID}`;
  const deal = await apiFromPage(admin, 'POST', '/deals', { name: dealName, amountMinor: 12_000_000, ownerId: rep.userId });
  const request = await apiFromPage(admin, 'POST', '/approvals', { processId: process.id, recordId: deal.id, comment: 'Needs a look' });

  // The mail to 李俊, as the Outbox has it: its link opens the decision page.
  const mail = await waitFor(async () => {
    const list = (await apiFromPage(admin, 'GET', '/mail/messages?limit=50')).data;
    const found = list.find((m) => m.to === APPROVER_EMAIL && m.subject.includes(dealName));
    return found ? apiFromPage(admin, 'GET', `/mail/messages/${found.id}`) : null;
  }, STEP_TIMEOUT_MS, 'the approval email in the Outbox');
  const link = /https?:\/\/\S+(\/approval-link\?token=[\w.-]+)/.exec(mail.textBody)?.[1];
  expect(link, `the email carries the decision link (${mail.textBody})`);

  // Opened in a browser that is not signed in.
  const { page, errors: linkErrors } = await openPage(browser);
  await page.goto(`${url}${link}`);
  const card = page.getByTestId('approval-link');
  await card.waitFor();
  const shown = await card.innerText();
  expect(shown.includes(dealName) && shown.includes(process.name), `the page shows the request (${shown})`);
  await shoot(page, 'approvals-email-link');
  await card.getByLabel('Comment').fill('Returned from the email');
  await card.getByRole('button', { name: 'Return for changes' }).click();
  await page.getByTestId('approval-link-done').waitFor();
  const after = await apiFromPage(admin, 'GET', `/approvals/${request.id}`);
  expect(after.status === 'returned', `the request is returned (${after.status})`);
  expect(after.tasks.some((t) => t.approverId === approver.userId && t.status === 'returned' && t.comment === 'Returned from the email'), 'his decision and comment are recorded as his');
  await shoot(page, 'approvals-email-link-done');

  // The link works once: opened again, it says why it cannot be used.
  await page.goto(`${url}${link}`);
  const refused = page.getByTestId('approval-link-error');
  await refused.waitFor();
  expect((await refused.innerText()).includes('already decided'), `the used link is refused with a reason (${await refused.innerText()})`);
  await shoot(page, 'approvals-email-link-used');
  // The refused link (409) is on purpose; nothing else may have gone wrong.
  expect(linkErrors.filter((e) => !e.includes('status of 409')).length === 0, `no page errors (link): ${linkErrors.join(' | ')}`);
  expect(errors.length === 0, `no page errors (admin): ${errors.join(' | ')}`);
});

test('approvals: the approval panel is on the account page too; an account is submitted from it', async ({ browser, url }) => {
  const { page, errors } = await openPage(browser);
  await signInAs(page, url, 'en');
  const members = (await apiFromPage(page, 'GET', '/users?limit=500')).data;
  const approver = members.find((m) => m.email === APPROVER_EMAIL);
  const processName = `Key account ${RUN_ID}`;
  await apiFromPage(page, 'POST', '/approval-processes', { object: 'account', name: processName, steps: [{ name: 'Sales manager', approver: { kind: 'user', userId: approver.userId } }] });
  const account = await apiFromPage(page, 'POST', '/accounts', { name: `Approval account ${RUN_ID}` });
  await page.goto(`${url}/accounts/${account.id}`);
  await submitFromPanel(page, processName, 'Strategic customer');
  const record = await apiFromPage(page, 'GET', `/approvals/records/account/${account.id}`);
  expect(record.latest?.status === 'pending' && record.latest.processName === processName, 'the API has the account\'s request pending');
  await shoot(page, 'approvals-account-panel');
  expect(errors.length === 0, `no page errors: ${errors.join(' | ')}`);
});
