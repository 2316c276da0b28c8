import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { createWorkspaceWithAdmin } from '../../../test/users';
import { login } from './auth-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '3', LOCKOUT_THRESHOLD: '50' });
  await createWorkspaceWithAdmin(t.database, { email: 'rate@example.com', password: 'correct horse battery' });
});
afterAll(() => t.close());

describe('login throttling', () => {
  it('answers 429 past LOGIN_RATE_LIMIT_PER_MINUTE attempts from one address, without touching other addresses or routes', async () => {
    for (let i = 0; i < 3; i++) expect((await login(t, 'rate@example.com', 'wrong password')).status).toBe(401);
    const limited = await login(t, 'rate@example.com', 'correct horse battery');
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({ code: 'rate_limited', message: 'Too many requests. Slow down and try again shortly.' });
    const elsewhere = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.0.0.9', payload: { email: 'rate@example.com', password: 'correct horse battery' } });
    expect(elsewhere.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session' })).statusCode).toBe(401);
  });
});
