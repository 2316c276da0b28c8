import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from './helpers';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.t.close());

async function createKey(scopes: string[]): Promise<string> {
  const res = await w.t.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: w.admin.headers, payload: { name: `key ${scopes.join(' ')}`, scopes } });
  expect(res.statusCode).toBe(201);
  return res.json().key as string;
}

describe('API keys on customer records', () => {
  it('reads and writes contacts with the object scopes, and is refused without them', async () => {
    const writer = await createKey(['contact:write']);
    const created = await w.t.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: { authorization: `Bearer ${writer}` }, payload: { name: '王小明', email: 'xm.wang@example.cn' } });
    expect(created.statusCode).toBe(201);
    // No CSRF token needed for API keys; write implies read.
    const list = await w.t.app.inject({ method: 'GET', url: '/api/v1/contacts', headers: { authorization: `Bearer ${writer}` } });
    expect(list.statusCode).toBe(200);
    expect(list.json().data.map((c: { name: string }) => c.name)).toContain('王小明');

    const accountsOnly = await createKey(['account:read']);
    const refused = await w.t.app.inject({ method: 'GET', url: '/api/v1/contacts', headers: { authorization: `Bearer ${accountsOnly}`, 'accept-language': 'en' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'scope_missing', message: 'This API key lacks the scope "contact:read".' });

    const reader = await createKey(['contact:read']);
    const write = await w.t.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: { authorization: `Bearer ${reader}` }, payload: { name: 'Nope' } });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.code).toBe('scope_missing');
  });
});
