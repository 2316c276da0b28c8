import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from './helpers';

let w: World;
const UPLOAD_LIMIT = 2048;
beforeAll(async () => {
  w = await createWorld({ VOYAGE_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'voyage-follow-ups-')), UPLOAD_LIMIT: String(UPLOAD_LIMIT) });
});
afterAll(() => w.t.close());

type Who = { headers: Record<string, string> };
const inject = (who: Who, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  w.t.app.inject({ method, url, headers: who.headers, payload: payload as never });

/** A multipart/form-data body with one file field. */
function multipart(fileName: string, content: Buffer, contentType = 'text/plain') {
  const boundary = '----voyage-test-boundary';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  return { payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}
const upload = (who: Who, followUpId: string, fileName: string, content: Buffer) => {
  const body = multipart(fileName, content);
  return w.t.app.inject({ method: 'POST', url: `/api/v1/follow-ups/${followUpId}/files`, headers: { ...who.headers, 'content-type': body.contentType }, payload: body.payload });
};

describe('follow-ups', () => {
  it('logs a follow-up, keeps the last follow-up columns, and lists and sorts by them', async () => {
    const c = (await inject(w.admin, 'POST', '/api/v1/contacts', { name: '王芳' })).json();
    const next = new Date(Date.now() + 86_400_000).toISOString();
    const created = await inject(w.admin, 'POST', '/api/v1/follow-ups', { subjectType: 'contact', subjectId: c.id, type: 'call', content: '电话沟通报价', nextContactAt: next });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ subjectType: 'contact', subjectId: c.id, type: 'call', content: '电话沟通报价', ownerId: w.admin.userId, version: 1, files: [] });
    const record = (await inject(w.admin, 'GET', `/api/v1/contacts/${c.id}`)).json();
    expect(record).toMatchObject({ followUpCount: 1, lastFollowUpSummary: '电话沟通报价', nextContactAt: next, lastFollowUpAt: created.json().occurredAt, version: 1 });

    const later = await inject(w.admin, 'POST', '/api/v1/follow-ups', { subjectType: 'contact', subjectId: c.id, type: 'visit', content: '上门拜访', occurredAt: new Date(Date.now() + 1000).toISOString() });
    const after = (await inject(w.admin, 'GET', `/api/v1/contacts/${c.id}`)).json();
    expect(after).toMatchObject({ followUpCount: 2, lastFollowUpSummary: '上门拜访', nextContactAt: null });

    const list = (await inject(w.admin, 'GET', `/api/v1/follow-ups?subjectType=contact&subjectId=${c.id}&limit=1`)).json();
    expect(list.data.map((f: { content: string }) => f.content)).toEqual(['上门拜访']);
    const page2 = (await inject(w.admin, 'GET', `/api/v1/follow-ups?subjectType=contact&subjectId=${c.id}&limit=1&cursor=${list.nextCursor}`)).json();
    expect(page2.data.map((f: { content: string }) => f.content)).toEqual(['电话沟通报价']);
    expect(page2.nextCursor).toBeNull();

    const filtered = (await inject(w.admin, 'GET', `/api/v1/contacts?filter[followUpCount][gte]=2&sort=-lastFollowUpAt`)).json();
    expect(filtered.data.map((r: { id: string }) => r.id)).toEqual([c.id]);

    expect((await inject(w.admin, 'DELETE', `/api/v1/follow-ups/${later.json().id}`)).statusCode).toBe(204);
    expect((await inject(w.admin, 'GET', `/api/v1/contacts/${c.id}`)).json()).toMatchObject({ followUpCount: 1, lastFollowUpSummary: '电话沟通报价', nextContactAt: next });
  });

  it('changes a follow-up with its version and refuses a stale one', async () => {
    const a = (await inject(w.admin, 'POST', '/api/v1/accounts', { name: '远航科技' })).json();
    const f = (await inject(w.admin, 'POST', '/api/v1/follow-ups', { subjectType: 'account', subjectId: a.id, type: 'meeting', content: 'Kick-off' })).json();
    const changed = await inject(w.admin, 'PATCH', `/api/v1/follow-ups/${f.id}`, { version: 1, content: 'Kick-off meeting' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ content: 'Kick-off meeting', version: 2 });
    expect((await inject(w.admin, 'GET', `/api/v1/accounts/${a.id}`)).json().lastFollowUpSummary).toBe('Kick-off meeting');
    const stale = await inject(w.admin, 'PATCH', `/api/v1/follow-ups/${f.id}`, { version: 1, content: 'Again' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
  });

  it('rejects bad input with the field named', async () => {
    const c = (await inject(w.admin, 'POST', '/api/v1/contacts', { name: 'Input' })).json();
    const bad = await inject(w.admin, 'POST', '/api/v1/follow-ups', { subjectType: 'contact', subjectId: c.id, type: 'fax', content: '' });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['type', 'content']));
    const extra = await inject(w.admin, 'POST', '/api/v1/follow-ups', { subjectType: 'contact', subjectId: c.id, type: 'call', content: 'x', secret: 1 });
    expect(extra.statusCode).toBe(400);
  });

  it('gives a rep outside the data scope 404 and a read-only user 403', async () => {
    const c = (await inject(w.admin, 'POST', '/api/v1/contacts', { name: 'Not yours' })).json();
    const f = (await inject(w.admin, 'POST', '/api/v1/follow-ups', { subjectType: 'contact', subjectId: c.id, type: 'call', content: 'Admin call' })).json();
    const rep = await w.member('rep', 'Rep');
    const create = await inject(rep, 'POST', '/api/v1/follow-ups', { subjectType: 'contact', subjectId: c.id, type: 'call', content: 'Sneaky' });
    expect(create.statusCode).toBe(404);
    expect((await inject(rep, 'GET', `/api/v1/follow-ups/${f.id}`)).statusCode).toBe(404);
    expect((await inject(rep, 'PATCH', `/api/v1/follow-ups/${f.id}`, { version: 1, content: 'x' })).statusCode).toBe(404);
    expect((await inject(rep, 'DELETE', `/api/v1/follow-ups/${f.id}`)).statusCode).toBe(404);
    expect((await inject(rep, 'GET', `/api/v1/follow-ups?subjectType=contact&subjectId=${c.id}`)).statusCode).toBe(404);
    const own = (await inject(rep, 'POST', '/api/v1/contacts', { name: 'Mine' })).json();
    expect((await inject(rep, 'POST', '/api/v1/follow-ups', { subjectType: 'contact', subjectId: own.id, type: 'sms', content: 'Hi' })).statusCode).toBe(201);

    const viewer = await w.member('viewer', 'Viewer');
    expect((await inject(viewer, 'GET', `/api/v1/follow-ups/${f.id}`)).statusCode).toBe(200);
    const refused = await inject(viewer, 'POST', '/api/v1/follow-ups', { subjectType: 'contact', subjectId: c.id, type: 'call', content: 'No' });
    expect(refused.statusCode).toBe(403);
  });
});

describe('follow-up attachments', () => {
  it('uploads and downloads a file, checks access, and refuses a file over the limit', async () => {
    const c = (await inject(w.admin, 'POST', '/api/v1/contacts', { name: 'Files' })).json();
    const f = (await inject(w.admin, 'POST', '/api/v1/follow-ups', { subjectType: 'contact', subjectId: c.id, type: 'email', content: 'Sent the quote' })).json();
    const up = await upload(w.admin, f.id, '报价单.txt', Buffer.from('quote v1'));
    expect(up.statusCode).toBe(201);
    expect(up.json()).toMatchObject({ fileName: '报价单.txt', contentType: 'text/plain', size: 8 });
    const fileId = up.json().id;
    expect((await inject(w.admin, 'GET', `/api/v1/follow-ups/${f.id}`)).json().files).toEqual([expect.objectContaining({ id: fileId, fileName: '报价单.txt' })]);

    const down = await inject(w.admin, 'GET', `/api/v1/follow-ups/${f.id}/files/${fileId}`);
    expect(down.statusCode).toBe(200);
    expect(down.body).toBe('quote v1');
    expect(down.headers['content-disposition']).toContain("filename*=UTF-8''%E6%8A%A5%E4%BB%B7%E5%8D%95.txt");
    expect(down.headers['content-disposition']).toMatch(/^attachment/);

    const rep = await w.member('rep', 'Outsider');
    expect((await inject(rep, 'GET', `/api/v1/follow-ups/${f.id}/files/${fileId}`)).statusCode).toBe(404);
    expect((await upload(rep, f.id, 'x.txt', Buffer.from('x'))).statusCode).toBe(404);

    const big = await upload(w.admin, f.id, 'big.bin', Buffer.alloc(UPLOAD_LIMIT + 1, 1));
    expect(big.statusCode).toBe(400);
    expect(big.json().error.code).toBe('payload_too_large');
    expect((await inject(w.admin, 'GET', `/api/v1/follow-ups/${f.id}`)).json().files).toHaveLength(1);

    const noFile = await inject(w.admin, 'POST', `/api/v1/follow-ups/${f.id}/files`, { not: 'multipart' });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error.details.fields[0].field).toBe('file');
    // JSON routes keep working beside the multipart one.
    expect((await inject(w.admin, 'PATCH', `/api/v1/follow-ups/${f.id}`, { version: 1, content: 'Sent the quote (v1)' })).statusCode).toBe(200);
  });
});
