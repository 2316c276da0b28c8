import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@voyage/kernel';
import { createTestApp, type TestApp } from '../../../test/app';
import { addMember, createWorkspaceWithAdmin, signIn, type SignedIn } from '../../../test/users';

let t: TestApp;
let admin: SignedIn;
let memberId: string;

// The signed-in user's own locale wins over Accept-Language, so the language is chosen with ?lang=.
const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, lang = 'en') =>
  t.app.inject({ method, url: `${url}${url.includes('?') ? '&' : '?'}lang=${lang}`, headers: admin.headers, payload: payload as never });
type Issue = { field: string; code: string; message: string };
const issues = (res: { json(): unknown }) => (res.json() as { error: { details: { fields: Issue[] } } }).error.details.fields;
const issueFor = (list: Issue[], field: string) => list.find((i) => i.field === field);

const FIELDS = [
  { key: 'nickname', type: 'text', config: { maxLength: 5 } },
  { key: 'notes', type: 'long_text' },
  { key: 'budget', type: 'number', config: { min: 0, max: 1000000, decimals: 2 } },
  { key: 'deal_value', type: 'currency', config: { currency: 'CNY' } },
  { key: 'birthday', type: 'date' },
  { key: 'met_at', type: 'datetime' },
  { key: 'vip', type: 'boolean' },
  { key: 'level', type: 'single_select', options: [{ value: 'gold', label: 'Gold' }, { value: 'silver', label: 'Silver' }] },
  { key: 'interests', type: 'multi_select', options: [{ value: 'golf', label: 'Golf' }, { value: 'tea', label: 'Tea' }] },
  { key: 'assistant', type: 'user' },
  { key: 'homepage', type: 'url' },
  { key: 'alt_email', type: 'email' },
  { key: 'wechat_phone', type: 'phone' },
  { key: 'company', type: 'record_link', config: { linkObject: 'account' } },
  { key: 'contract_no', type: 'autonumber', config: { format: 'CT-{YYYY}-{000000}' } },
];

beforeAll(async () => {
  t = await createTestApp();
  const objects = t.services.registry.all().flatMap((m) => (m.objects ?? []).map((o) => o.key));
  const ws = await createWorkspaceWithAdmin(t.database, { objects });
  admin = await signIn(t, ws.adminUserId, ws.workspaceId);
  memberId = await addMember(t.database, ws.workspaceId, ws.roleIds.rep);
  for (const f of FIELDS) {
    const res = await call('POST', '/api/v1/custom-fields', { object: 'contact', label: f.key, ...f });
    expect(res.statusCode, JSON.stringify(res.json())).toBe(201);
  }
});
afterAll(() => t.close());

describe('custom field values', () => {
  it('accepts valid values of every type and normalizes them', async () => {
    const account = await call('POST', '/api/v1/accounts', { name: 'Acme' });
    const res = await call('POST', '/api/v1/contacts', {
      name: 'Li Na',
      custom: {
        nickname: 'Nana', notes: 'Long\ntext', budget: 1234.5, deal_value: { amount: 990000, currency: 'CNY' }, birthday: '1990-02-28',
        met_at: '2026-03-01T10:00:00+08:00', vip: true, level: 'gold', interests: ['golf', 'tea', 'golf'], assistant: memberId,
        homepage: 'https://example.com', alt_email: 'li@example.com', wechat_phone: '138 1234 5678', company: account.json().id,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().custom).toMatchObject({
      budget: 1234.5, deal_value: { amount: 990000, currency: 'CNY' }, met_at: '2026-03-01T02:00:00.000Z', interests: ['golf', 'tea'],
      wechat_phone: '+8613812345678', company: account.json().id, contract_no: `CT-${new Date().getFullYear()}-000001`,
    });
  });

  it('names each bad custom field as custom.<key>, in English and Chinese', async () => {
    const bad = {
      name: 'Bad',
      custom: {
        nickname: 'much too long', budget: 'lots', deal_value: 12.5, birthday: '2026-02-30', met_at: 'yesterday', vip: 'yes', level: 'platinum',
        interests: ['golf', 'chess'], assistant: newId(), homepage: 'not a url', alt_email: 'nobody@', wechat_phone: '12345', company: newId(), mystery: 1,
      },
    };
    const expected: Record<string, string> = {
      'custom.nickname': 'too_long', 'custom.budget': 'invalid_type', 'custom.deal_value': 'invalid_type', 'custom.birthday': 'invalid_date',
      'custom.met_at': 'invalid_date', 'custom.vip': 'invalid_type', 'custom.level': 'invalid_option', 'custom.interests': 'invalid_option',
      'custom.assistant': 'not_member', 'custom.homepage': 'invalid_url', 'custom.alt_email': 'invalid_email', 'custom.wechat_phone': 'invalid_phone',
      'custom.company': 'not_found', 'custom.mystery': 'unknown',
    };
    const en = await call('POST', '/api/v1/contacts', bad, 'en');
    expect(en.statusCode).toBe(400);
    expect(en.json().error.code).toBe('validation_failed');
    const enIssues = issues(en);
    for (const [field, code] of Object.entries(expected)) {
      expect(issueFor(enIssues, field), field).toMatchObject({ code });
      expect(issueFor(enIssues, field)!.message).toContain(field);
    }
    expect(issueFor(enIssues, 'custom.wechat_phone')!.message).toBe('custom.wechat_phone is not a valid phone number.');

    const zh = await call('POST', '/api/v1/contacts', bad, 'zh-CN');
    const zhIssues = issues(zh);
    expect(zhIssues.map((i) => i.field).sort()).toEqual(Object.keys(expected).sort());
    expect(issueFor(zhIssues, 'custom.alt_email')!.message).toBe('custom.alt_email不是有效的邮箱地址。');
    expect(issueFor(zhIssues, 'custom.assistant')!.message).toBe('custom.assistant必须是本工作区的成员。');
    expect(issueFor(zhIssues, 'custom.birthday')!.message).toBe('custom.birthday不是有效的日期。');
  });

  it('checks number limits and decimals', async () => {
    const res = await call('POST', '/api/v1/contacts', { name: 'N', custom: { budget: 1.234 } });
    expect(issueFor(issues(res), 'custom.budget')).toMatchObject({ code: 'too_many_decimals' });
    const neg = await call('POST', '/api/v1/contacts', { name: 'N', custom: { budget: -1 } });
    expect(issueFor(issues(neg), 'custom.budget')).toMatchObject({ code: 'too_small' });
  });

  it('enforces required fields on create and when cleared, not on partial updates', async () => {
    const def = (await call('GET', '/api/v1/custom-fields?object=contact')).json().data.find((f: { key: string }) => f.key === 'level');
    expect((await call('PATCH', `/api/v1/custom-fields/${def.id}`, { version: def.version, required: true })).statusCode).toBe(200);
    const missing = await call('POST', '/api/v1/contacts', { name: 'No level' }, 'zh-CN');
    expect(missing.statusCode).toBe(400);
    expect(issueFor(issues(missing), 'custom.level')).toMatchObject({ code: 'required', message: 'custom.level为必填项。' });

    const ok = await call('POST', '/api/v1/contacts', { name: 'Has level', custom: { level: 'silver' } });
    expect(ok.statusCode).toBe(201);
    const partial = await call('PATCH', `/api/v1/contacts/${ok.json().id}`, { version: 1, title: 'Boss' });
    expect(partial.statusCode).toBe(200);
    expect(partial.json().custom.level).toBe('silver');
    const cleared = await call('PATCH', `/api/v1/contacts/${ok.json().id}`, { version: 2, custom: { level: null } });
    expect(issueFor(issues(cleared), 'custom.level')).toMatchObject({ code: 'required' });
    await call('PATCH', `/api/v1/custom-fields/${def.id}`, { version: def.version + 1, required: false });
  });

  it('numbers autonumber fields in order, per period, and refuses writing them', async () => {
    const year = new Date().getFullYear();
    const batch = await call('POST', '/api/v1/contacts/batch', { create: [{ name: 'A' }, { name: 'B' }, { name: 'C' }] });
    expect(batch.statusCode, batch.body).toBe(200);
    const numbers = batch.json().created.map((c: { custom: { contract_no: string } }) => c.custom.contract_no);
    const first = Number(numbers[0].slice(-6));
    expect(numbers).toEqual([0, 1, 2].map((i) => `CT-${year}-${String(first + i).padStart(6, '0')}`));
    const single = await call('POST', '/api/v1/contacts', { name: 'D' });
    expect(single.json().custom.contract_no).toBe(`CT-${year}-${String(first + 3).padStart(6, '0')}`);

    const written = await call('POST', '/api/v1/contacts', { name: 'E', custom: { contract_no: 'CT-1999-000001' } });
    expect(written.statusCode).toBe(400);
    expect(issueFor(issues(written), 'custom.contract_no')).toMatchObject({ code: 'read_only' });
    const counter = await t.database.query<{ period: string; value: number }>(`select period, value from autonumber_counters where object = 'contact' and field_key = 'contract_no'`);
    expect(counter).toEqual([{ period: String(year), value: first + 3 }]);
  });
});
