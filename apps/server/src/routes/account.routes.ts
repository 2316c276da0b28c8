import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ZMyAccountResponse,
  ZChangePasswordRequest,
  ZConfirmTotpRequest,
  ZEnrollTotpResponse,
  ZOkResponse,
  ZPasswordConfirmationRequest,
  ZRecoveryCodesResponse,
  ZUpdateMyAccountRequest,
  ZWhoamiResponse,
} from '@voyage/contracts';
import { eq } from 'drizzle-orm';
import { changePassword, confirmTotp, disableTotp, enrollTotp, regenerateRecoveryCodes, schema, updateAccount } from '@voyage/kernel';

const tags = ['account'];
// A person's own account is managed by the person, never through an integration's key.
const own = { apiKeys: false } as const;

/** The signed-in person's profile, password and two-factor sign-in. */
export async function accountRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/account/whoami', {
    schema: { tags, summary: 'Who the request acts as (a session or an API key)', response: { 200: ZWhoamiResponse } },
    config: { scope: 'profile:read' },
  }, async (request) => {
    const { actor, workspaceId } = request.ctx();
    const w = schema.workspaces;
    const workspace = await app.services.database.db.select({ id: w.id, name: w.name }).from(w).where(eq(w.id, workspaceId)).limit(1);
    return {
      user: { id: actor.userId, email: actor.email, name: actor.name },
      workspace: workspace[0],
      via: actor.apiKey ? ('api_key' as const) : ('session' as const),
      scopes: actor.apiKey?.scopes ?? null,
    };
  });

  r.patch('/api/v1/account', {
    schema: { tags, summary: 'Change my name, language or theme', body: ZUpdateMyAccountRequest, response: { 200: ZMyAccountResponse } },
    config: own,
  }, async (request) => ({ user: await updateAccount(request.ctx(), request.body) }));

  r.post('/api/v1/account/password', {
    schema: { tags, summary: 'Change my password (signs out my other sessions)', body: ZChangePasswordRequest, response: { 200: ZOkResponse } },
    config: own,
  }, async (request) => {
    await changePassword(request.ctx(), { ...request.body, keepSessionId: request.session?.id });
    return { ok: true as const };
  });

  r.post('/api/v1/account/totp/enroll', {
    schema: { tags, summary: 'Start setting up two-factor sign-in', response: { 200: ZEnrollTotpResponse } },
    config: own,
  }, async (request) => enrollTotp(request.ctx()));

  r.post('/api/v1/account/totp/confirm', {
    schema: { tags, summary: 'Turn two-factor sign-in on with a code; returns recovery codes once', body: ZConfirmTotpRequest, response: { 200: ZRecoveryCodesResponse } },
    config: own,
  }, async (request) => confirmTotp(request.ctx(), request.body.code));

  r.post('/api/v1/account/totp/disable', {
    schema: { tags, summary: 'Turn two-factor sign-in off', body: ZPasswordConfirmationRequest, response: { 200: ZOkResponse } },
    config: own,
  }, async (request) => {
    await disableTotp(request.ctx(), request.body.password);
    return { ok: true as const };
  });

  r.post('/api/v1/account/recovery-codes/regenerate', {
    schema: { tags, summary: 'Replace my recovery codes', body: ZPasswordConfirmationRequest, response: { 200: ZRecoveryCodesResponse } },
    config: own,
  }, async (request) => regenerateRecoveryCodes(request.ctx(), request.body.password));
}
