import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';

// Bad input on a public route (login) that has a strict body schema: each kind gets 400
// naming the field, never a 500.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ BODY_LIMIT: '2048' });
});
afterAll(() => t.close());

const post = (payload: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload, headers: { 'content-type': 'application/json', 'accept-language': 'en', ...headers } });

describe('bad input', () => {
  it('rejects malformed JSON with 400', async () => {
    const res = await post('{"email": "a@b.c", ');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('bad_request');
    expect(res.json().error.details.fields[0].field).toBe('body');
  });

  it('names unknown fields, wrong types and missing fields', async () => {
    const res = await post(JSON.stringify({ email: 42, nickname: 'x' }));
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.details.fields as Array<{ field: string; code: string; message: string }>;
    const byField = Object.fromEntries(fields.map((f) => [f.field, f]));
    expect(byField.nickname).toMatchObject({ code: 'unknown', message: 'nickname is not a known field.' });
    expect(byField.email.code).toBe('invalid_type');
    expect(byField.password).toMatchObject({ code: 'required', message: 'password is required.' });
    expect(res.json().error.message).toMatch(/Some fields are invalid: .*email/);
  });

  it('names over-long strings, translated', async () => {
    const res = await post(JSON.stringify({ email: `${'a'.repeat(400)}@example.com`, password: 'x' }), { 'accept-language': 'zh-CN' });
    expect(res.statusCode).toBe(400);
    const email = res.json().error.details.fields.find((f: { field: string }) => f.field === 'email');
    expect(email.code).toBe('too_long');
    expect(email.message).toMatch(/email过长/);
  });

  it('rejects a body over the limit with 400', async () => {
    const res = await post(JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(5000) }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('payload_too_large');
  });
});
