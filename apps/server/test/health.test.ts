import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('system endpoints', () => {
  it('answers /api/health and /api/ready', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json().status).toBe('ok');
    const ready = await t.app.inject({ method: 'GET', url: '/api/ready' });
    expect(ready.json()).toEqual({ status: 'ready', database: t.database.kind });
  });

  it('serves a valid OpenAPI 3.1 document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/health']).toBeDefined();
  });

  it('returns the error shape with a request id and a translated message', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nothing-here', headers: { 'accept-language': 'en-US,en;q=0.9', 'x-request-id': 'req-123' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['x-request-id']).toBe('req-123');
    expect(res.json().error).toMatchObject({ code: 'not_found', requestId: 'req-123' });
    const zh = await t.app.inject({ method: 'GET', url: '/api/nothing-here', headers: { 'accept-language': 'zh-TW' } });
    expect(zh.json().error.message).toMatch(/找不到/);
  });
});

describe('security headers', () => {
  it('sends helmet headers on API responses but not on the load-balancer probes', async () => {
    const api = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    expect(api.headers['x-frame-options']).toBe('SAMEORIGIN');
    const probe = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(probe.statusCode).toBe(200);
    expect(probe.headers['x-frame-options']).toBeUndefined();
  });
});
