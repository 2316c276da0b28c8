import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { createTestApp, type TestApp } from '../../../test/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '5' });
});
afterAll(() => t.close());

describe('API conventions', () => {
  it('publishes a valid OpenAPI 3.1 document and an interactive reference', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toMatch(/openapi\.json/);
  });

  it('answers 429 with the error shape past the rate limit, but never limits health checks', async () => {
    // The limit is 5 per minute per client; earlier requests in this file count too.
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await t.app.inject({ method: 'GET', url: '/api/openapi.json', headers: { 'accept-language': 'en' } })).statusCode);
    expect(codes.filter((c) => c === 200).length).toBeLessThanOrEqual(5);
    const limited = await t.app.inject({ method: 'GET', url: '/api/openapi.json', headers: { 'accept-language': 'en' } });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toMatchObject({ code: 'rate_limited', message: 'Too many requests. Slow down and try again shortly.' });
    for (let i = 0; i < 10; i++) expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });
});
