import fp from 'fastify-plugin';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, assertCapability, assertScope, isLocale, loadActor, safeEqual, schema, sha256, type Actor, type Context } from '@voyage/kernel';

export const SESSION_COOKIE = 'voyage_session';
export const CSRF_HEADER = 'x-csrf-token';

/** How a route is reached. Default: a signed-in member of a workspace (session or API key). */
export type RouteAuth = 'public' | 'session' | 'member';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
    /** Platform capability the actor needs, e.g. `settings.roles`. */
    capability?: string;
    /** API-key scope the route needs, e.g. `settings:write`. */
    scope?: string;
    /** Accept API keys on this route (default true for members). */
    apiKeys?: boolean;
    /** The module the route belongs to; the route answers 403 module_disabled while it is off. */
    module?: string;
  }
  interface FastifyRequest {
    session: SessionInfo | null;
    actor: Actor | null;
    /** The use-case context of an authenticated member request. */
    ctx(): Context;
  }
}

export interface SessionInfo {
  id: string;
  userId: string;
  workspaceId: string | null;
  csrfToken: string;
  mfaPending: boolean;
  userLocale: string | null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Parses `vk_<workspace-id-hex>_<secret>` API keys: the workspace lets the lookup use its index. */
export function parseApiKey(token: string): { workspaceId: string; hash: string } | null {
  const m = /^vk_([0-9a-f]{32})_([A-Za-z0-9_-]{20,})$/.exec(token);
  if (!m) return null;
  const h = m[1];
  const workspaceId = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  return { workspaceId, hash: sha256(token) };
}

async function authenticate(app: FastifyInstance, request: FastifyRequest): Promise<void> {
  const { db } = app.services.database;
  const authz = request.headers.authorization;
  if (authz?.startsWith('Bearer ')) {
    const parsed = parseApiKey(authz.slice(7).trim());
    if (!parsed) throw new AppError('unauthenticated');
    const k = schema.apiKeys;
    const rows = await db.select().from(k).where(and(eq(k.workspaceId, parsed.workspaceId), eq(k.keyHash, parsed.hash), isNull(k.revokedAt))).limit(1);
    const key = rows[0];
    if (!key || (key.expiresAt && key.expiresAt < new Date())) throw new AppError('unauthenticated');
    const actor = await loadActor(db, key.workspaceId, key.userId);
    if (!actor) throw new AppError('unauthenticated');
    actor.apiKey = { id: key.id, scopes: key.scopes };
    request.actor = actor;
    // Recording last use is best effort and must not slow the request.
    void db.update(k).set({ lastUsedAt: new Date() }).where(and(eq(k.workspaceId, key.workspaceId), eq(k.id, key.id))).catch(() => undefined);
    return;
  }
  const raw = request.cookies[SESSION_COOKIE];
  if (!raw) return;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return;
  const s = schema.sessions;
  const u = schema.users;
  const rows = await db
    .select({ id: s.id, userId: s.userId, workspaceId: s.workspaceId, csrfToken: s.csrfToken, mfaPending: s.mfaPending, userLocale: u.locale, lastSeenAt: s.lastSeenAt })
    .from(s)
    .innerJoin(u, eq(u.id, s.userId))
    .where(and(eq(s.id, sha256(unsigned.value)), gt(s.expiresAt, new Date())))
    .limit(1);
  const session = rows[0];
  if (!session) return;
  request.session = session;
  if (isLocale(session.userLocale) && !(request.query as Record<string, unknown>)?.lang) request.locale = session.userLocale;
  if (Date.now() - session.lastSeenAt.getTime() > 60_000) {
    void db.update(s).set({ lastSeenAt: new Date() }).where(eq(s.id, session.id)).catch(() => undefined);
  }
  if (!session.mfaPending && session.workspaceId) {
    request.actor = await loadActor(db, session.workspaceId, session.userId);
  }
}

async function plugin(app: FastifyInstance): Promise<void> {
  app.decorateRequest('session', null);
  app.decorateRequest('actor', null);
  app.decorateRequest('ctx', function (this: FastifyRequest): Context {
    if (!this.actor) throw new AppError('unauthenticated');
    const services = (this.server as FastifyInstance).services;
    return { env: services.env, database: services.database, db: services.database.db, workspaceId: this.actor.workspaceId, actor: this.actor, locale: this.locale, requestId: this.id, ip: this.ip };
  });

  app.addHook('preHandler', async (request) => {
    if (!request.url.startsWith('/api/v1/')) return;
    const config = request.routeOptions.config ?? {};
    const mode: RouteAuth = config.auth ?? 'member';
    await authenticate(app, request);
    if (mode === 'public') return;
    // CSRF: a cookie-authenticated state change must echo the session's token in a header.
    if (request.session && !request.actor?.apiKey && !SAFE_METHODS.has(request.method)) {
      const given = request.headers[CSRF_HEADER];
      if (typeof given !== 'string' || !safeEqual(given, request.session.csrfToken)) throw new AppError('csrf_failed');
    }
    if (mode === 'session') {
      if (!request.session) throw new AppError('unauthenticated');
      return;
    }
    if (!request.actor) throw new AppError(request.session?.mfaPending ? 'mfa_required' : 'unauthenticated');
    if (request.actor.apiKey && config.apiKeys === false) throw new AppError('forbidden', { params: { action: 'api_key' } });
    if (config.scope) assertScope(request.actor, config.scope);
    if (config.capability) assertCapability(request.actor, config.capability);
  });
}

export const authPlugin = fp(plugin, { name: 'voyage-auth' });
