import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import { serializerCompiler, validatorCompiler, jsonSchemaTransform, jsonSchemaTransformObject, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { isLocale, localeFromAcceptLanguage, newId, type Locale } from '@voyage/kernel';
import type { Services } from './services';
import { installErrorHandler } from './http/error-handler';
import { registerRoutes } from './routes';
import { authPlugin } from './http/auth-plugin';
import { jobsPlugin } from './worker';
import { registerWebApp } from './static';
import { moduleGate } from './http/module-gate';

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
  interface FastifyRequest {
    locale: Locale;
  }
}

/** One log line per request (on completion) instead of Fastify's two, and none for health checks. */
class RequestLogs extends LogController {
  constructor() {
    super({ disableRequestLogging: (request) => request.url === '/api/health' || request.url === '/api/ready' });
  }

  override incomingRequest(): void {
    // The completion line below carries the method, URL, status and time.
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const line = { method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}

export interface BuildAppOptions {
  /** pino logger options; false in tests. */
  logger?: boolean | Record<string, unknown>;
}

export async function buildApp(services: Services, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const { env } = services;
  const app = Fastify({
    logger: options.logger ?? { level: env.LOG_LEVEL },
    logController: new RequestLogs(),
    bodyLimit: env.BODY_LIMIT,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : newId();
    },
    requestIdHeader: false,
    trustProxy: true,
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('services', services);
  app.decorateRequest('locale', 'en');

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    const q = (request.query as Record<string, unknown> | undefined)?.lang;
    request.locale = isLocale(q) ? q : localeFromAcceptLanguage(request.headers['accept-language']);
  });

  installErrorHandler(app);
  await app.register(cookie, { secret: env.VOYAGE_SECRET });
  await app.register(helmet, {
    contentSecurityPolicy: false, // the API reference page loads inline scripts; the SPA sets its own CSP meta
    crossOriginEmbedderPolicy: false,
  });
  await app.register(rateLimit, {
    global: true,
    max: env.RATE_LIMIT_PER_MINUTE,
    timeWindow: '1 minute',
    allowList: (req) => req.url === '/api/health' || req.url === '/api/ready' || !req.url.startsWith('/api/'),
    keyGenerator: (req) => (req.headers.authorization ? `key:${req.headers.authorization.slice(-16)}` : `ip:${req.ip}`),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Voyage CRM API', version: '1', description: 'REST API of Voyage CRM. Authenticate with a session cookie (plus the X-CSRF-Token header) or `Authorization: Bearer <api key>`.' },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key created in Settings → API keys' },
          session: { type: 'apiKey', in: 'cookie', name: 'voyage_session' },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    // Schemas registered in zod's global registry with an id (recursive ones must be) go to components.schemas.
    transformObject: jsonSchemaTransformObject,
  });

  await app.register(authPlugin);
  await app.register(moduleGate);
  await app.register(jobsPlugin);
  await registerRoutes(app);
  await registerWebApp(app);
  return app;
}
