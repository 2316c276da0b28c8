import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { eq } from 'drizzle-orm';
import { openSecret, queueMail, schema } from '@voyage/kernel';
import { createTestApp, type TestApp } from '../../../test/app';
import { addMember, createWorkspaceWithAdmin, signIn, type SignedIn } from '../../../test/users';

interface Received {
  envelopeTo: string[];
  headers: Record<string, string>;
  text: string;
}

/** Decodes RFC 2047 words, joining adjacent ones before UTF-8 decoding so no character is split. */
function decodeHeader(value: string): string {
  const parts: Buffer[] = [];
  let rest = value;
  const word = /^=\?utf-8\?([bq])\?([^?]*)\?=\s*/i;
  while (rest.length) {
    const m = word.exec(rest);
    if (m) {
      parts.push(m[1].toLowerCase() === 'b' ? Buffer.from(m[2], 'base64') : Buffer.from(m[2].replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1'));
      rest = rest.slice(m[0].length);
    } else {
      parts.push(Buffer.from(rest[0], 'utf8'));
      rest = rest.slice(1);
    }
  }
  return Buffer.concat(parts).toString('utf8');
}

function parseMessage(raw: string, envelopeTo: string[]): Received {
  const split = raw.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  const body = raw.slice(split + 4);
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body, 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')
        : body;
  return { envelopeTo, headers, text: text.replace(/\r\n/g, '\n').trim() };
}

let t: TestApp;
let smtp: SMTPServer;
let smtpPort: number;
const inbox: Received[] = [];
let admin: SignedIn;
let rep: SignedIn;
let workspaceId: string;

async function waitForStatus(messageId: string, statuses: string[], timeoutMs = 20_000): Promise<typeof schema.mailMessages.$inferSelect> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await t.database.db.select().from(schema.mailMessages).where(eq(schema.mailMessages.id, messageId));
    if (row && statuses.includes(row.status)) return row;
    if (Date.now() > until) throw new Error(`message stayed ${row?.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'crm@voyage.example' && auth.password === 's3cret-密码') return callback(null, { user: auth.username });
      return callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      if (address.address.endsWith('@nowhere.example')) return callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      return callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        inbox.push(parseMessage(Buffer.concat(chunks).toString('utf8'), session.envelope.rcptTo.map((r) => r.address)));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  t = await createTestApp();
  const ws = await createWorkspaceWithAdmin(t.database, { name: '远航贸易' });
  workspaceId = ws.workspaceId;
  admin = await signIn(t, ws.adminUserId, workspaceId);
  rep = await signIn(t, await addMember(t.database, workspaceId, ws.roleIds.rep), workspaceId);
  await t.services.jobs.startWorkers();
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((resolve) => smtp.close(resolve));
});

const settingsBody = () => ({ host: '127.0.0.1', port: smtpPort, secure: false, username: 'crm@voyage.example', password: 's3cret-密码', fromName: '远航贸易销售部', fromEmail: 'Sales@Voyage.example', version: 0 });

describe('mail settings', () => {
  it('starts on the built-in mail catcher', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/mail/settings', headers: admin.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ host: null, port: null, secure: false, username: null, passwordSet: false, fromName: 'Voyage CRM', fromEmail: 'no-reply@voyage.local', catcher: true, version: 0 });
  });

  it('rejects invalid settings naming each field', async () => {
    const res = await t.app.inject({ method: 'PUT', url: '/api/v1/mail/settings', headers: admin.headers, payload: { ...settingsBody(), port: 70000, fromEmail: 'not-an-email', relay: 'open' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['fromEmail', 'port', 'relay']);
  });

  it('saves them with the password encrypted, never returned and never audited', async () => {
    const res = await t.app.inject({ method: 'PUT', url: '/api/v1/mail/settings', headers: admin.headers, payload: settingsBody() });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ host: '127.0.0.1', port: smtpPort, secure: false, username: 'crm@voyage.example', passwordSet: true, fromName: '远航贸易销售部', fromEmail: 'sales@voyage.example', catcher: false, version: 1 });
    expect(res.body).not.toContain('s3cret');
    const [row] = await t.database.db.select().from(schema.mailSettings).where(eq(schema.mailSettings.workspaceId, workspaceId));
    expect(row.passwordEncrypted).not.toContain('s3cret');
    expect(openSecret(t.env.VOYAGE_SECRET, row.passwordEncrypted!)).toBe('s3cret-密码');
    const audit = await t.database.query<{ old_values: unknown; new_values: Record<string, unknown> }>("select old_values, new_values from audit_log where workspace_id = $1 and action = 'setting_change' and object = 'mail_settings'", [workspaceId]);
    expect(audit).toHaveLength(1);
    expect(audit[0].new_values).toMatchObject({ host: '127.0.0.1', passwordChanged: true });
    expect(JSON.stringify(audit)).not.toContain('s3cret');
    const again = await t.app.inject({ method: 'GET', url: '/api/v1/mail/settings', headers: admin.headers });
    expect(again.json()).toMatchObject({ passwordSet: true, version: 1 });
    expect(again.body).not.toContain('s3cret');
  });

  it('refuses a stale version with 409', async () => {
    const res = await t.app.inject({ method: 'PUT', url: '/api/v1/mail/settings', headers: admin.headers, payload: { ...settingsBody(), version: 0 } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('version_conflict');
  });

  it('keeps the stored password when the request leaves it out', async () => {
    const { password: _omitted, ...rest } = settingsBody();
    const res = await t.app.inject({ method: 'PUT', url: '/api/v1/mail/settings', headers: admin.headers, payload: { ...rest, fromName: '远航贸易', version: 1 } });
    expect(res.json()).toMatchObject({ passwordSet: true, fromName: '远航贸易', version: 2 });
  });

  it('is refused to a member without the settings.mail capability', async () => {
    for (const [method, url, payload] of [
      ['GET', '/api/v1/mail/settings', undefined],
      ['PUT', '/api/v1/mail/settings', settingsBody()],
      ['POST', '/api/v1/mail/test', { to: 'x@example.com' }],
      ['GET', '/api/v1/mail/messages', undefined],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: rep.headers, payload });
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
  });
});

describe('mail delivery', () => {
  it('sends through the workspace SMTP server with a Chinese subject intact', async () => {
    const messageId = await t.database.db.transaction((tx) =>
      queueMail(tx, { workspaceId, to: 'buyer@customer.example', subject: '报价单 Q-2026-018：远航企业版年度订阅', text: '王经理您好，\n\n附件是本次报价，有效期 30 天。' }),
    );
    await t.services.jobs.nudgeOutbox();
    const row = await waitForStatus(messageId!, ['sent', 'failed']);
    expect(row.status).toBe('sent');
    const received = inbox.find((m) => m.envelopeTo.includes('buyer@customer.example'))!;
    expect(received.headers.to).toBe('buyer@customer.example');
    expect(decodeHeader(received.headers.subject)).toBe('报价单 Q-2026-018：远航企业版年度订阅');
    expect(decodeHeader(received.headers.from)).toMatch(/远航贸易"?\s*<sales@voyage\.example>$/);
    expect(received.text).toBe('王经理您好，\n\n附件是本次报价，有效期 30 天。');
    expect(row.messageId).toBe(received.headers['message-id']);
    expect(row.sentAt).not.toBeNull();
  });

  it('marks a message the server refuses for good as failed, with its answer', async () => {
    const messageId = await t.database.db.transaction((tx) => queueMail(tx, { workspaceId, to: 'ghost@nowhere.example', subject: 'Hello', text: 'Anyone there?' }));
    await t.services.jobs.nudgeOutbox();
    const row = await waitForStatus(messageId!, ['sent', 'failed']);
    expect(row.status).toBe('failed');
    expect(row.error).toMatch(/550|Mailbox unavailable/);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/mail/messages?status=failed', headers: admin.headers });
    expect(res.json().data.map((m: { id: string }) => m.id)).toEqual([messageId]);
  });

  it('keeps mail in the catcher when the workspace has no SMTP server, and shows it in the Outbox', async () => {
    const other = await createWorkspaceWithAdmin(t.database, { name: 'Catcher Co' });
    const otherAdmin = await signIn(t, other.adminUserId, other.workspaceId);
    const before = inbox.length;
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/mail/test?lang=zh-CN', headers: otherAdmin.headers, payload: { to: 'ops@catcher.example' } });
    expect(res.statusCode).toBe(202);
    const { messageId } = res.json();
    const row = await waitForStatus(messageId, ['caught', 'sent', 'failed']);
    expect(row.status).toBe('caught');
    expect(inbox.length).toBe(before);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/mail/messages?status=caught', headers: otherAdmin.headers });
    expect(list.json().data).toEqual([expect.objectContaining({ id: messageId, to: 'ops@catcher.example', subject: 'Voyage CRM 测试邮件', status: 'caught', from: '"Voyage CRM" <no-reply@voyage.local>' })]);
    const one = await t.app.inject({ method: 'GET', url: `/api/v1/mail/messages/${messageId}`, headers: otherAdmin.headers });
    expect(one.json()).toMatchObject({ textBody: '这是一封来自 Voyage CRM 的测试邮件，您的邮件设置可以正常使用。', htmlBody: null });
    // Another workspace's message is not found here.
    const foreign = await t.app.inject({ method: 'GET', url: `/api/v1/mail/messages/${messageId}`, headers: admin.headers });
    expect(foreign.statusCode).toBe(404);
  });

  it('pages through the Outbox with a cursor', async () => {
    const first = await t.app.inject({ method: 'GET', url: '/api/v1/mail/messages?limit=1', headers: admin.headers });
    const page1 = first.json();
    expect(page1.data).toHaveLength(1);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const second = await t.app.inject({ method: 'GET', url: `/api/v1/mail/messages?limit=1&cursor=${page1.nextCursor}`, headers: admin.headers });
    expect(second.json().data[0].id).not.toBe(page1.data[0].id);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/mail/messages?cursor=nonsense', headers: admin.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('query.cursor');
  });
});
