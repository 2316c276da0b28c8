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
  t = await createTestApp({ VOYAGE_DATA_DIR: await mkdtemp(join(tmpdir(), 'voyage-imports-')) });
  const objects = t.services.registry.all().flatMap((m) => (m.objects ?? []).map((o) => o.key));
  const ws = await createWorkspaceWithAdmin(t.database, { objects });
  workspaceId = ws.workspaceId;
  roleIds = ws.roleIds;
  admin = await signIn(t, ws.adminUserId, workspaceId);
  await t.services.jobs.startWorkers();
  for (const payload of [
    { object: 'contact', key: 'level', label: '客户等级', labels: { 'zh-CN': '客户等级', en: 'Level' }, type: 'single_select', required: true, options: [{ value: 'a', label: 'A级' }, { value: 'b', label: 'B级' }] },
  ]) expect((await t.app.inject({ method: 'POST', url: '/api/v1/custom-fields', headers: admin.headers, payload })).statusCode).toBe(201);
});
afterAll(() => t.close());

const inject = (who: SignedIn, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) => t.app.inject({ method, url, headers: who.headers, payload: payload as never });

/** Posts a file as multipart/form-data, the way the browser's FormData does. */
async function upload(who: SignedIn, object: string, fileName: string, content: Buffer | string) {
  const boundary = '----voyage-test-boundary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="object"\r\n\r\n${object}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({ method: 'POST', url: '/api/v1/imports', headers: { ...who.headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
}

async function waitFor(who: SignedIn, id: string, statuses: string[]) {
  for (let i = 0; i < 600; i++) {
    const res = await inject(who, 'GET', `/api/v1/imports/${id}`);
    if (statuses.includes(res.json().status)) return res.json();
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`import ${id} never reached ${statuses.join('|')}`);
}

async function runImport(who: SignedIn, csv: string, options: Record<string, unknown> = { duplicates: 'skip' }) {
  const up = await upload(who, 'contact', 'contacts.csv', csv);
  expect(up.statusCode).toBe(201);
  const imp = up.json();
  const mapped = await inject(who, 'PUT', `/api/v1/imports/${imp.id}/mapping`, { mapping: imp.mapping, options });
  expect(mapped.statusCode).toBe(200);
  expect((await inject(who, 'POST', `/api/v1/imports/${imp.id}/run`)).statusCode).toBe(202);
  return waitFor(who, imp.id, ['done', 'failed']);
}

const contactByEmail = async (email: string) => (await t.database.query<{ id: string; name: string; title: string | null; version: number; deleted_at: Date | null; custom: Record<string, unknown> }>(`select id, name, title, version, deleted_at, custom from contacts where workspace_id = $1 and email = $2`, [workspaceId, email]))[0];

describe('imports: mapping and dry run', () => {
  it('maps Chinese CSV headers automatically and shows a preview', async () => {
    const res = await upload(admin, 'contact', '客户.csv', '\uFEFF姓名,手机号,邮箱,公司,标签,客户等级,备注\n王芳,13800138000,wang@example.com,,重要、华东,A级,x\n');
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.mapping).toEqual(['name', 'mobile', 'email', 'account', 'tags', 'custom.level', null]);
    expect(body.preview[0][0]).toBe('王芳');
    expect(body.counts.total).toBe(1);
    expect(body.fields.find((f: { key: string }) => f.key === 'custom.level')).toMatchObject({ label: 'Level', required: true });
  });

  it('reads a GBK (GB18030) CSV saved by Excel in China', async () => {
    // "姓名,手机\n王芳,13800138000\n" in GBK, the encoding Excel uses for Chinese CSV.
    const gbk = Buffer.concat([Buffer.from([0xd0, 0xd5, 0xc3, 0xfb]), Buffer.from(','), Buffer.from([0xca, 0xd6, 0xbb, 0xfa]), Buffer.from('\n'), Buffer.from([0xcd, 0xf5, 0xb7, 0xbc]), Buffer.from(',13800138000\n')]);
    const res = await upload(admin, 'contact', 'gbk.csv', gbk);
    expect(res.statusCode).toBe(201);
    expect(res.json().mapping).toEqual(['name', 'mobile']);
    expect(res.json().preview[0]).toEqual(['王芳', '13800138000']);
  });

  it('maps an XLSX file with English headers', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('S');
    sheet.addRow(['Name', 'Mobile', 'Email', 'Tags']);
    sheet.addRow(['Li Lei', '13900139000', 'li@example.com', 'a;b']);
    const res = await upload(admin, 'contact', 'people.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode).toBe(201);
    expect(res.json().mapping).toEqual(['name', 'mobile', 'email', 'tags']);
    expect(res.json().preview[0]).toEqual(['Li Lei', '13900139000', 'li@example.com', 'a;b']);
  });

  it('dry run reports row errors and writes nothing', async () => {
    const up = (await upload(admin, 'contact', 'bad.csv', '姓名,邮箱,客户等级\n好人,good@example.com,A级\n坏邮箱,not-an-email,A级\n缺等级,miss@example.com,\n错等级,pick@example.com,Z级\n')).json();
    expect((await inject(admin, 'PUT', `/api/v1/imports/${up.id}/mapping`, { mapping: up.mapping, options: { duplicates: 'skip' } })).statusCode).toBe(200);
    const dry = await inject(admin, 'POST', `/api/v1/imports/${up.id}/dry-run`);
    expect(dry.statusCode).toBe(200);
    const result = dry.json().dryRun;
    expect(result.counts).toMatchObject({ total: 4, created: 1, rejected: 3 });
    expect(result.errors.map((e: { row: number }) => e.row)).toEqual([2, 3, 4]);
    expect(result.errors[0].errors[0].message).toContain('邮箱');
    expect(result.errors[1].errors[0].field).toBe('custom.level');
    expect(result.errors[2].errors[0].field).toBe('custom.level');
    expect(await contactByEmail('good@example.com')).toBeUndefined();
  });
});

describe('imports: run, duplicates, rejected rows and undo', () => {
  it('creates records, reports rejected rows as CSV, and undo moves them to the trash', async () => {
    const done = await runImport(admin, '姓名,邮箱,客户等级,职位\n甲,jia@example.com,A级,工程师\n乙,bad-email,B级,\n');
    expect(done).toMatchObject({ status: 'done', progress: 100, counts: { total: 2, created: 1, rejected: 1 } });
    const jia = await contactByEmail('jia@example.com');
    expect(jia).toMatchObject({ name: '甲', title: '工程师', custom: { level: 'a' } });
    const csv = await inject(admin, 'GET', `/api/v1/imports/${done.id}/rejected.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.body.slice(1).trim().split('\n');
    expect(lines[0]).toBe('Row,姓名,邮箱,客户等级,职位,Error');
    expect(lines[1]).toMatch(/^2,乙,bad-email,B级,,.*邮箱/);
    const audit = await t.database.query<{ action: string }>(`select action from audit_log where workspace_id = $1 and record_id = $2`, [workspaceId, done.id]);
    expect(audit.map((a) => a.action)).toEqual(['import']);
    const events = await t.database.query<{ event: string }>(`select event from outbox where workspace_id = $1 and payload->>'importId' = $2`, [workspaceId, done.id]);
    expect(events.map((e) => e.event)).toEqual(['customers.import.completed']);

    const undo = await inject(admin, 'POST', `/api/v1/imports/${done.id}/undo`, {});
    expect(undo.statusCode).toBe(200);
    expect(undo.json().status).toBe('undone');
    expect((await contactByEmail('jia@example.com')).deleted_at).not.toBeNull();
  });

  it('skip, update and create handle duplicates; undo restores previous values and refuses after a concurrent edit', async () => {
    await runImport(admin, 'Name,Email,客户等级,Title\nDup,dup@example.com,A级,Old\n');
    const original = await contactByEmail('dup@example.com');

    const skipped = await runImport(admin, 'Name,Email,客户等级,Title\nDup2,DUP@example.com,A级,New\n', { duplicates: 'skip' });
    expect(skipped.counts).toMatchObject({ skipped: 1, created: 0 });
    expect((await contactByEmail('dup@example.com')).title).toBe('Old');

    const updated = await runImport(admin, 'Name,Email,客户等级,Title\nDup,dup@example.com,B级,New\n', { duplicates: 'update' });
    expect(updated.counts).toMatchObject({ updated: 1, created: 0 });
    const after = await contactByEmail('dup@example.com');
    expect(after).toMatchObject({ id: original.id, title: 'New', custom: { level: 'b' }, version: original.version + 1 });

    const created = await runImport(admin, 'Name,Email,客户等级\nDup3,dup@example.com,A级\n', { duplicates: 'create' });
    expect(created.counts).toMatchObject({ created: 1 });

    // Someone edits the updated record: undo refuses, then force restores.
    expect((await inject(admin, 'PATCH', `/api/v1/contacts/${original.id}`, { version: after.version, name: 'Edited' })).statusCode).toBe(200);
    const refused = await inject(admin, 'POST', `/api/v1/imports/${updated.id}/undo`, {});
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'imports.changed_since', details: { rows: [1] } });
    const forced = await inject(admin, 'POST', `/api/v1/imports/${updated.id}/undo`, { force: true });
    expect(forced.statusCode).toBe(200);
    expect(await contactByEmail('dup@example.com')).toBeDefined();
    const restored = (await t.database.query<{ title: string; custom: Record<string, unknown>; name: string }>(`select title, custom, name from contacts where workspace_id = $1 and id = $2`, [workspaceId, original.id]))[0];
    expect(restored).toMatchObject({ title: 'Old', custom: { level: 'a' }, name: 'Dup' });
  });

  it('undo of an update without later edits restores exactly', async () => {
    await runImport(admin, 'Name,Email,客户等级,Title\nExact,exact@example.com,A级,One\n');
    const before = await contactByEmail('exact@example.com');
    const upd = await runImport(admin, 'Name,Email,客户等级,Title\nExact2,exact@example.com,B级,Two\n', { duplicates: 'update' });
    expect((await inject(admin, 'POST', `/api/v1/imports/${upd.id}/undo`, {})).statusCode).toBe(200);
    expect(await contactByEmail('exact@example.com')).toMatchObject({ name: 'Exact', title: 'One', custom: { level: 'a' }, deleted_at: null });
    expect(before.id).toBe((await contactByEmail('exact@example.com')).id);
  });

  it('update handling: two rows matching one record update it once, the second is skipped; a bad phone is refused naming its column', async () => {
    await runImport(admin, 'Name,Email,客户等级,Title\nTwice,twice@example.com,A级,Zero\n');
    const before = await contactByEmail('twice@example.com');
    const done = await runImport(admin, 'Name,Email,Mobile,客户等级,Title\nTwice,twice@example.com,,A级,One\nTwice again,TWICE@example.com,,B级,Two\nBad phone,badphone@example.com,12,A级,X\n', { duplicates: 'update' });
    expect(done).toMatchObject({ status: 'done', counts: { total: 3, updated: 1, skipped: 1, rejected: 1, created: 0 } });
    expect(await contactByEmail('twice@example.com')).toMatchObject({ id: before.id, title: 'One', version: before.version + 1 });
    expect(await contactByEmail('badphone@example.com')).toBeUndefined();
    const csv = await inject(admin, 'GET', `/api/v1/imports/${done.id}/rejected.csv`);
    expect(csv.body).toMatch(/\n3,Bad phone,badphone@example.com,12,A级,X,.*Mobile/);
  });

  it('skips a row repeating an email of an earlier batch of the same file, whether or not that batch is written yet', async () => {
    const lines = ['Name,Email,客户等级'];
    for (let i = 0; i < 1100; i++) lines.push(`Batch${i},batch${i}@repeat.example.com,A级`);
    lines.push('Again,BATCH7@repeat.example.com,A级', 'Again,batch1050@repeat.example.com,A级');
    const done = await runImport(admin, lines.join('\n'));
    expect(done).toMatchObject({ status: 'done', counts: { total: 1102, created: 1100, skipped: 2, rejected: 0 } });
    const [{ n }] = await t.database.query<{ n: string }>(`select count(*) n from contacts where workspace_id = $1 and email in ('batch7@repeat.example.com', 'batch1050@repeat.example.com') and deleted_at is null`, [workspaceId]);
    expect(Number(n)).toBe(2);
  }, 120_000);

  it('refuses a member without the create right (403), and update handling without the update right', async () => {
    const viewer = await signIn(t, await addMember(t.database, workspaceId, roleIds.viewer), workspaceId);
    const res = await upload(viewer, 'contact', 'x.csv', '姓名\n张三\n');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');

    await t.database.query(`update roles set permissions = jsonb_set(permissions, '{contact,update}', 'false') where workspace_id = $1 and id = $2`, [workspaceId, roleIds.rep]);
    const rep = await signIn(t, await addMember(t.database, workspaceId, roleIds.rep), workspaceId);
    const up = await upload(rep, 'contact', 'y.csv', '姓名,邮箱\n张三,zs@example.com\n');
    expect(up.statusCode).toBe(201);
    const mapped = await inject(rep, 'PUT', `/api/v1/imports/${up.json().id}/mapping`, { mapping: up.json().mapping, options: { duplicates: 'update' } });
    expect(mapped.statusCode).toBe(403);
    expect((await inject(rep, 'PUT', `/api/v1/imports/${up.json().id}/mapping`, { mapping: up.json().mapping, options: { duplicates: 'skip' } })).statusCode).toBe(200);
    // Another member's import is not visible to a member who may not create contacts.
    expect((await inject(viewer, 'GET', `/api/v1/imports/${up.json().id}`)).statusCode).toBe(403);
  });

  it('runs a 25k-row import as a job whose progress reaches 100%', async () => {
    const lines = ['姓名,邮箱,手机,客户等级'];
    for (let i = 0; i < 25_000; i++) lines.push(`批量${i},bulk${i}@example.com,1380000${String(i).padStart(4, '0')},A级`);
    const up = (await upload(admin, 'contact', 'bulk.csv', lines.join('\n'))).json();
    await inject(admin, 'PUT', `/api/v1/imports/${up.id}/mapping`, { mapping: up.mapping, options: { duplicates: 'skip' } });
    expect((await inject(admin, 'POST', `/api/v1/imports/${up.id}/run`)).statusCode).toBe(202);
    const seen = new Set<number>();
    let current = up;
    for (let i = 0; i < 1200 && current.status !== 'done' && current.status !== 'failed'; i++) {
      current = (await inject(admin, 'GET', `/api/v1/imports/${up.id}`)).json();
      seen.add(current.progress);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(current).toMatchObject({ status: 'done', progress: 100, counts: { created: 25_000, rejected: 0 } });
    const [{ n }] = await t.database.query<{ n: string }>(`select count(*) n from contacts where workspace_id = $1 and email like 'bulk%'`, [workspaceId]);
    expect(Number(n)).toBe(25_000);
  }, 180_000);
});
