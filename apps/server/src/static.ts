import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { projectPath } from '@voyage/kernel';

export const WEB_DIST_DIR = projectPath('apps/web/dist');

/**
 * Serves the built web app, with index.html for every other non-API path so the
 * single-page app's routes survive a reload. Skipped when the app has not been built.
 */
export async function registerWebApp(app: FastifyInstance, root = WEB_DIST_DIR): Promise<void> {
  if (!existsSync(path.join(root, 'index.html'))) {
    app.log.info({ root }, 'web app not built; serving the API only');
    return;
  }
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    setHeaders(reply, file) {
      // Vite puts a content hash in every asset name, so assets never change under one URL.
      reply.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    if (request.url.startsWith('/api/') || request.url === '/api') return reply.callNotFound();
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
