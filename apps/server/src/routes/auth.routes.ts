import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ZConfirmPasswordResetRequest,
  ZLoginRequest,
  ZLoginResponse,
  ZMfaRequest,
  ZMfaResponse,
  ZOkResponse,
  ZRequestPasswordResetRequest,
  ZRequestPasswordResetResponse,
  ZSessionResponse,
  ZSwitchWorkspaceRequest,
  ZSwitchWorkspaceResponse,
} from '@voyage/contracts';
import { AppError, confirmPasswordReset, describeSession, logIn, logOut, requestPasswordReset, switchWorkspace, translate, verifyMfa, type Env, type RequestMeta } from '@voyage/kernel';
import { SESSION_COOKIE, type SessionInfo } from '../http/auth-plugin';

const tags = ['auth'];

export function requestMeta(request: FastifyRequest): RequestMeta {
  return { ip: request.ip, requestId: request.id, userAgent: request.headers['user-agent'], locale: request.locale };
}

function cookieOptions(env: Env) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: env.PUBLIC_URL?.startsWith('https://') ?? false, signed: true };
}

function currentSession(request: FastifyRequest): SessionInfo {
  if (!request.session) throw new AppError('unauthenticated');
  return request.session;
}

function clearSessionCookie(reply: FastifyReply, env: Env): void {
  const { signed: _signed, ...options } = cookieOptions(env);
  reply.clearCookie(SESSION_COOKIE, options);
}

/** Sign-in, sign-out, the current session, switching workspace and password reset. */
export async function authRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { env } = app.services;
  // Guessing passwords from one address is throttled apart from the general API limit.
  const loginLimit = { max: env.LOGIN_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute', keyGenerator: (req: FastifyRequest) => `login:${req.ip}` };
  const deps = () => ({ env: app.services.env, database: app.services.database });

  r.post('/api/v1/auth/login', {
    schema: { tags, summary: 'Sign in with email and password', security: [], body: ZLoginRequest, response: { 200: ZLoginResponse } },
    config: { auth: 'public', rateLimit: loginLimit },
  }, async (request, reply) => {
    try {
      const result = await logIn(deps(), request.body, requestMeta(request));
      reply.setCookie(SESSION_COOKIE, result.token, { ...cookieOptions(env), expires: result.expiresAt });
      return { user: result.user, workspace: result.workspace, workspaces: result.workspaces, csrfToken: result.csrfToken, mfaRequired: result.mfaRequired };
    } catch (error) {
      // Unknown addresses leave no audit row (there is no workspace to put it in), so the log keeps them.
      if (error instanceof AppError && error.code !== 'not_found') request.log.warn({ email: request.body.email, ip: request.ip, code: error.code }, 'sign-in refused');
      throw error;
    }
  });

  r.post('/api/v1/auth/mfa', {
    schema: { tags, summary: 'Complete a two-factor sign-in with an authenticator or recovery code', body: ZMfaRequest, response: { 200: ZMfaResponse } },
    config: { auth: 'session', rateLimit: loginLimit },
  }, async (request) => verifyMfa(deps(), currentSession(request), request.body.code, requestMeta(request)));

  r.post('/api/v1/auth/logout', {
    schema: { tags, summary: 'Sign out: ends the session and clears the cookie', response: { 200: ZOkResponse } },
    config: { auth: 'session' },
  }, async (request, reply) => {
    await logOut(app.services.database.db, currentSession(request), requestMeta(request));
    clearSessionCookie(reply, env);
    return { ok: true as const };
  });

  r.get('/api/v1/auth/session', {
    schema: { tags, summary: 'The signed-in user, workspace, role and CSRF token', response: { 200: ZSessionResponse } },
    config: { auth: 'session' },
  }, async (request) => {
    const session = currentSession(request);
    const described = await describeSession(app.services.database.db, session, request.actor);
    return { ...described, csrfToken: session.csrfToken, mfaPending: session.mfaPending };
  });

  r.post('/api/v1/auth/switch-workspace', {
    schema: { tags, summary: 'Work in another workspace the user belongs to', body: ZSwitchWorkspaceRequest, response: { 200: ZSwitchWorkspaceResponse } },
    config: { auth: 'session' },
  }, async (request) => ({ workspace: await switchWorkspace(app.services.database.db, currentSession(request), request.body.workspaceId) }));

  r.post('/api/v1/auth/password-reset/request', {
    schema: { tags, summary: 'Email a password-reset link (answers the same whether or not the account exists)', security: [], body: ZRequestPasswordResetRequest, response: { 202: ZRequestPasswordResetResponse } },
    config: { auth: 'public', rateLimit: loginLimit },
  }, async (request, reply) => {
    const queued = await requestPasswordReset(deps(), request.body.email, requestMeta(request));
    if (!queued) request.log.info({ email: request.body.email, ip: request.ip }, 'password reset requested for an address without a workspace account');
    return reply.status(202).send({ accepted: true as const, message: translate(request.locale, 'auth.password_reset_requested') });
  });

  r.post('/api/v1/auth/password-reset/confirm', {
    schema: { tags, summary: 'Set a new password with the emailed token', security: [], body: ZConfirmPasswordResetRequest, response: { 200: ZOkResponse } },
    config: { auth: 'public', rateLimit: loginLimit },
  }, async (request) => {
    await confirmPasswordReset(deps(), request.body.token, request.body.password, requestMeta(request));
    return { ok: true as const };
  });
}
