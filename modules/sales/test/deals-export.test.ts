import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, signIn, type SignedIn } from '@voyage/testing';
import { createWorld, type World } from './helpers';

// Exports of deals obey the data scope and field rules, like boards and reports (issue 5).
let w: World;
const inject = (who: SignedIn, method: 'GET' | 'POST', url: string, payload?: unknown) => w.t.app.inject({ method, url, headers: { ...who.headers, 'accept-language': 'zh-CN' }, payload: payload as never });
const exportAs = (who: SignedIn, body: unknown) => inject(who, 'POST', '/api/v1/deals/export?lang=zh-CN', body);
const csvLines = (body: string) => body.replace(/^\uFEFF/, '').trim().split('\n');
let rep: SignedIn;

beforeAll(async () => {
  w = await createWorld();
  // Reps may export here (the default rep role may not): what they get is still only their own deals.
  await w.t.database.query(`update roles set permissions = jsonb_set(permissions, '{deal,export}', 'true') where workspace_id = $1 and id = $2`, [w.workspaceId, w.roleIds.rep]);
  rep = await signIn(w.t, await addMember(w.t.database, w.workspaceId, w.roleIds.rep), w.workspaceId);
  const accountId = (await inject(w.admin, 'POST', '/api/v1/accounts', { name: '华为技术有限公司' })).json().id;
  const contactId = (await inject(w.admin, 'POST', '/api/v1/contacts', { name: '王小明', accountId })).json().id;
  for (const [who, body] of [
    [w.admin, { name: '华为云服务年单', amountMinor: 12_345_600, accountId, primaryContactId: contactId, closeDate: '2026-12-31' }],
    [w.admin, { name: '旧商机', amountMinor: 100 }],
    [rep, { name: '代表的商机', amountMinor: 50_000 }],
  ] as const) expect((await inject(who, 'POST', '/api/v1/deals', body)).statusCode).toBe(201);
});
afterAll(() => w.t.close());

describe('deal export', () => {
  it('streams a CSV with names instead of ids and amounts in yuan, filtered like the list, and is audited', async () => {
    const res = await exportAs(w.admin, { format: 'csv', fields: ['name', 'stageId', 'status', 'amountMinor', 'accountId', 'primaryContactId', 'closeDate'], filter: { 'name[contains]': '华为' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(csvLines(res.body)).toEqual(['商机名称,阶段,状态,金额,客户公司,主要联系人,预计成交日期', '华为云服务年单,初步接洽,进行中,123456,华为技术有限公司,王小明,2026-12-31']);
    const audit = await w.t.database.query<{ summary: string }>(`select summary from audit_log where workspace_id = $1 and action = 'export' and object = 'deal'`, [w.workspaceId]);
    expect(audit.map((a) => a.summary)).toContain('1');
  });

  it('writes XLSX', async () => {
    const res = await w.t.app.inject({ method: 'POST', url: '/api/v1/deals/export?lang=en', headers: w.admin.headers, payload: { format: 'xlsx', fields: ['name', 'amountMinor'], sort: 'name' } });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as never);
    const rows = book.worksheets[0].getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual(['Name', 'Amount']);
    expect(rows.slice(1)).toHaveLength(3);
  });

  it('exports only the deals of the data scope, and hides hidden fields', async () => {
    const res = await exportAs(rep, { format: 'csv', fields: ['name', 'amountMinor'] });
    expect(res.statusCode).toBe(200);
    expect(csvLines(res.body)).toEqual(['商机名称,金额', '代表的商机,500']);
    await w.t.database.query(`update roles set field_rules = $1 where workspace_id = $2 and id = $3`, [JSON.stringify({ deal: { amountMinor: 'hidden' } }), w.workspaceId, w.roleIds.rep]);
    const rep2 = await signIn(w.t, rep.userId, w.workspaceId);
    expect(csvLines((await exportAs(rep2, { format: 'csv', fields: ['name', 'amountMinor'] })).body)).toEqual(['商机名称', '代表的商机']);
  });

  it('refuses a member without the export right (403) and unknown request fields (400)', async () => {
    const viewer = await w.member('viewer', 'Viewer');
    const refused = await exportAs(viewer, { format: 'csv' });
    expect(refused.statusCode).toBe(403);
    expect((await exportAs(w.admin, { format: 'pdf' })).statusCode).toBe(400);
  });
});
