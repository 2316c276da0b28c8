import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, createWorkspaceWithAdmin, signIn, type SignedIn, type TestApp } from '@voyage/testing';

let t: TestApp;
let workspaceId: string;
let roleIds: Record<string, string>;
let admin: SignedIn;

beforeAll(async () => {
  t = await createTestApp({ VOYAGE_DATA_DIR: await mkdtemp(join(tmpdir(), 'voyage-exports-')) });
  const objects = t.services.registry.all().flatMap((m) => (m.objects ?? []).map((o) => o.key));
  const ws = await createWorkspaceWithAdmin(t.database, { objects });
  workspaceId = ws.workspaceId;
  roleIds = ws.roleIds;
  admin = await signIn(t, ws.adminUserId, workspaceId);
  const batch = await t.app.inject({ method: 'POST', url: '/api/v1/contacts/batch', headers: admin.headers, payload: { create: [
    { name: '张伟', email: 'zhang@example.com', mobile: '13812345678', tags: ['vip', '华东'] },
    { name: 'Li Lei', email: 'li@example.com', mobile: '13900001111' },
    { name: '王芳', email: 'wang@example.com' },
  ] } });
  expect(batch.statusCode).toBe(200);
});
afterAll(() => t.close());

const exportAs = (who: SignedIn, body: unknown, plural = 'contacts') => t.app.inject({ method: 'POST', url: `/api/v1/${plural}/export`, headers: who.headers, payload: body as never });
const csvLines = (body: string) => body.replace(/^\uFEFF/, '').trim().split('\n');

describe('exports', () => {
  it('streams a CSV with a BOM, labelled headers, the filter and sort of the view, and is audited', async () => {
    const res = await exportAs(admin, { format: 'csv', filter: { 'email[contains]': 'example' }, sort: 'name', fields: ['name', 'email', 'mobile', 'tags', 'ownerId'] });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('attachment');
    expect(res.body.charCodeAt(0)).toBe(0xfeff);
    const lines = csvLines(res.body);
    expect(lines[0]).toBe('Name,Email,Mobile,Tags,Owner');
    expect(lines).toHaveLength(4);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['Li Lei', '张伟', '王芳'].sort((a, b) => (a < b ? -1 : 1)));
    expect(lines.find((l) => l.startsWith('张伟'))).toContain('"vip, 华东"');
    const audit = await t.database.query<{ object: string; new_values: { rows: number; filter: Record<string, string> } }>(`select object, new_values from audit_log where workspace_id = $1 and action = 'export'`, [workspaceId]);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ object: 'contact', new_values: { rows: 3, filter: { 'email[contains]': 'example' } } });
  });

  it('writes XLSX', async () => {
    const res = await exportAs(admin, { format: 'xlsx', fields: ['name', 'email'], sort: 'name' });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0].getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual(['Name', 'Email']);
    expect(rows).toHaveLength(4);
  });

  it('masks masked fields and omits hidden ones', async () => {
    await t.database.query(`update roles set field_rules = $1, data_scope = 'all' where workspace_id = $2 and id = $3`, [JSON.stringify({ contact: { mobile: 'masked', email: 'hidden' } }), workspaceId, roleIds.manager]);
    const manager = await signIn(t, await addMember(t.database, workspaceId, roleIds.manager), workspaceId);
    const res = await exportAs(manager, { format: 'csv', fields: ['name', 'email', 'mobile'], filter: { 'name[eq]': '张伟' } });
    expect(res.statusCode).toBe(200);
    const lines = csvLines(res.body);
    expect(lines[0]).toBe('姓名,手机');
    expect(lines[1]).toBe('张伟,138****5678');
  });

  it('exports only records within the data scope', async () => {
    await t.database.query(`update roles set permissions = jsonb_set(permissions, '{contact,export}', 'true') where workspace_id = $1 and id = $2`, [workspaceId, roleIds.rep]);
    const rep = await signIn(t, await addMember(t.database, workspaceId, roleIds.rep), workspaceId);
    const own = await t.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: rep.headers, payload: { name: '自己的' } });
    expect(own.statusCode).toBe(201);
    const res = await exportAs(rep, { format: 'csv', fields: ['name'] });
    expect(res.statusCode).toBe(200);
    expect(csvLines(res.body)).toEqual(['姓名', '自己的']);
  });

  it('refuses a member without the export right (403)', async () => {
    const viewer = await signIn(t, await addMember(t.database, workspaceId, roleIds.viewer), workspaceId);
    const res = await exportAs(viewer, { format: 'csv' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
    const accounts = await exportAs(viewer, { format: 'csv' }, 'accounts');
    expect(accounts.statusCode).toBe(403);
  });

  it('builds an export over 10,000 rows as a job with progress and a download link', async () => {
    await t.database.query(`insert into contacts (workspace_id, id, name, owner_id, email) select $1, gen_random_uuid(), 'bulk ' || g, $2, 'bulk' || g || '@example.com' from generate_series(1, 10050) g`, [workspaceId, admin.userId]);
    await t.services.jobs.startWorkers();
    const res = await exportAs(admin, { format: 'csv', fields: ['name'], filter: { 'email[starts_with]': 'bulk' } });
    expect(res.statusCode).toBe(202);
    let job = res.json();
    expect(job).toMatchObject({ status: 'queued', total: 10050, downloadUrl: null });
    for (let i = 0; i < 600 && job.status !== 'done' && job.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await t.app.inject({ method: 'GET', url: `/api/v1/exports/${job.id}`, headers: admin.headers })).json();
    }
    expect(job).toMatchObject({ status: 'done', progress: 100, downloadUrl: `/api/v1/exports/${job.id}/download` });
    const file = await t.app.inject({ method: 'GET', url: job.downloadUrl, headers: admin.headers });
    expect(file.statusCode).toBe(200);
    expect(csvLines(file.body)).toHaveLength(10051);
    const other = await signIn(t, await addMember(t.database, workspaceId, roleIds.manager), workspaceId);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/exports/${job.id}`, headers: other.headers })).statusCode).toBe(404);
  }, 120_000);

  it('refuses unknown request fields (400)', async () => {
    const res = await exportAs(admin, { format: 'pdf' });
    expect(res.statusCode).toBe(400);
  });
});
