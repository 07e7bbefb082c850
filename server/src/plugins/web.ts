import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

const API_PATHS = /^\/(api|docs|openapi\.json|healthz)(\/|$|\?)/;

/**
 * Serves the built web app on the API's port. Unknown non-API GETs get index.html so that the
 * client-side router can take deep links; API paths keep their problem+json 404.
 */
export const webPlugin = fp(async (app: FastifyInstance, opts: { root: string }) => {
  const root = resolve(opts.root);
  if (!existsSync(resolve(root, 'index.html'))) {
    app.log.warn({ root }, 'web app not built: serving the API only');
    return;
  }
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: 'index.html',
    // hashed assets never change; index.html must always be revalidated
    setHeaders(res, path) {
      res.header('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.decorate('spaFallback', (url: string) => !API_PATHS.test(url));
});

declare module 'fastify' {
  interface FastifyInstance {
    spaFallback?: (url: string) => boolean;
  }
}
