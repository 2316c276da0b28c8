import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createWorkspaceWithAdmin, signIn, type SignedIn, type TestApp } from '@voyage/testing';

// Files an import must refuse with a clear, translated report naming the file (issue 4, "Bad input").
/** A small import file limit for the test (the default is 512 MB). */
const IMPORT_LIMIT = 64 * 1024;
let t: TestApp;
let admin: SignedIn;
let workspaceId: string;
beforeAll(async () => {
  t = await createTestApp({ VOYAGE_DATA_DIR: await mkdtemp(join(tmpdir(), 'voyage-import-files-')), IMPORT_UPLOAD_LIMIT: String(IMPORT_LIMIT) });
  const objects = t.services.registry.all().flatMap((m) => (m.objects ?? []).map((o) => o.key));
  const ws = await createWorkspaceWithAdmin(t.database, { objects });
  workspaceId = ws.workspaceId;
  admin = await signIn(t, ws.adminUserId, ws.workspaceId);
});
afterAll(() => t.close());

async function upload(fileName: string, content: Buffer | string, lang = 'en') {
  const boundary = '----voyage-test-boundary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="object"\r\n\r\ncontact\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({ method: 'POST', url: `/api/v1/imports?lang=${lang}`, headers: { ...admin.headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
}
const fileIssue = (res: Awaited<ReturnType<typeof upload>>) => res.json().error.details.fields[0] as { field: string; code: string; message: string };
const importsStored = async () => (await t.database.query<{ n: number }>(`select count(*)::int as n from imports where workspace_id = $1`, [workspaceId]))[0].n;

describe('import files that cannot be imported', () => {
  it('refuses a file that is neither CSV nor XLSX, naming it', async () => {
    const res = await upload('客户名单.pdf', '%PDF-1.7');
    expect(res.statusCode).toBe(400);
    expect(fileIssue(res)).toMatchObject({ field: 'file', code: 'invalid_format', message: '客户名单.pdf: only CSV and XLSX files can be imported.' });
  });

  it('refuses a file over the import limit, saying the limit, and keeps nothing of it', async () => {
    const row = '张伟,13800138000,zhang@example.com\n';
    const big = `姓名,手机,邮箱\n${row.repeat(Math.ceil(IMPORT_LIMIT / Buffer.byteLength(row)) + 10)}`;
    const before = await importsStored();
    const res = await upload('big.csv', big);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe(`The request body is larger than the limit of ${IMPORT_LIMIT} bytes.`);
    const zh = await upload('big.csv', big, 'zh-CN');
    expect(zh.json().error.message).toBe(`请求体超过 ${IMPORT_LIMIT} 字节的上限。`);
    expect(await importsStored()).toBe(before);
    // Just under the limit is taken.
    const fits = await upload('fits.csv', `姓名,手机,邮箱\n${row.repeat(10)}`);
    expect(fits.statusCode, fits.body).toBe(201);
  });

  it('refuses a binary file saved under a .csv name, and an .xlsx that is not a workbook', async () => {
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0x80, 0xff, 0x81, 0x00]);
    const csv = await upload('contacts.csv', zip);
    expect(csv.statusCode).toBe(400);
    expect(fileIssue(csv)).toMatchObject({ field: 'file', code: 'not_text' });
    expect(fileIssue(csv).message).toContain('is not a CSV text file');
    const xlsx = await upload('contacts.xlsx', 'name,email\n张三,a@b.cn\n');
    expect(xlsx.statusCode).toBe(400);
    expect(fileIssue(xlsx)).toMatchObject({ field: 'file', code: 'invalid_format', message: expect.stringContaining('cannot be read as an XLSX workbook') });
  });

  it('names the line of unbalanced quotes, in the reader\'s language', async () => {
    const csv = '姓名,备注\n张三,好\n李四,"没有闭合的引号\n王五,好\n';
    const en = await upload('contacts.csv', csv);
    expect(en.statusCode).toBe(400);
    expect(fileIssue(en)).toMatchObject({ field: 'file', code: 'unclosed_quote', message: 'contacts.csv, line 3: a quoted cell is never closed (unbalanced quotes).' });
    const zh = await upload('contacts.csv', csv, 'zh-CN');
    expect(fileIssue(zh).message).toBe('contacts.csv 第 3 行：引号没有闭合（引号不成对）。');
    const stray = await upload('contacts.csv', '姓名,备注\n张"三,好\n');
    expect(fileIssue(stray)).toMatchObject({ code: 'invalid_quote', message: expect.stringContaining('line 2') });
  });

  it('refuses an empty file and a file with only its header row', async () => {
    const before = await importsStored();
    for (const content of ['', '\uFEFF', '姓名,手机,邮箱\r\n', '姓名,手机,邮箱\r\n\r\n\r\n']) {
      const res = await upload('contacts.csv', content);
      expect(res.statusCode, JSON.stringify(content)).toBe(422);
      expect(res.json().error.message).toBe('The file has no rows.');
    }
    expect(await importsStored()).toBe(before);
  });

  it('still reads a well-formed file with quoted cells and Windows line ends', async () => {
    const res = await upload('contacts.csv', '姓名,备注\r\n"欧阳, 娜娜","说""好""\r\n明天再联系"\r\n');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ headers: ['姓名', '备注'], counts: { total: 1 } });
    expect(res.json().preview).toEqual([['欧阳, 娜娜', '说"好"\r\n明天再联系']]);
  });
});
