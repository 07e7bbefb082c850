import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { withProblems } from '../lib/http.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The 4xx every route can give whatever its handler does: 400 (a malformed URL, query or body), 401
 * and 403 from the auth plugin's checks of the route's `access` (writes always need a write token
 * and, with a session, the CSRF header), 429 from the write limit on /api writes.
 */
function commonProblems(route: RouteOptions): number[] {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const write = methods.some((m) => !SAFE_METHODS.has(m));
  const api = route.url.startsWith('/api/');
  const access = route.config?.access ?? (!api ? 'public' : write ? ['admin'] : 'read');
  const statuses = [400];
  if (access !== 'public') statuses.push(401);
  if (access !== 'public' && (write || Array.isArray(access))) statuses.push(403);
  if (api && write) statuses.push(429);
  return statuses;
}

type OpenApiDocument = { components?: { schemas?: Record<string, unknown> } } & Record<string, unknown>;

/**
 * Drops the component schemas nothing refers to (fastify-type-provider-zod registers an `…Input`
 * twin of every named schema, used only where a request body names it), until none is left over.
 */
export function pruneUnusedComponents<T extends OpenApiDocument>(doc: T): T {
  const schemas = doc.components?.schemas;
  if (!schemas) return doc;
  const { components, ...rest } = doc;
  const reached = new Set<string>();
  const queue: unknown[] = [rest, { ...components, schemas: undefined }];
  while (queue.length > 0) {
    const node = queue.pop();
    if (Array.isArray(node)) queue.push(...node);
    else if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        const match = key === '$ref' && typeof value === 'string' ? /^#\/components\/schemas\/(.+)$/.exec(value) : null;
        if (match?.[1] !== undefined && !reached.has(match[1])) {
          reached.add(match[1]);
          queue.push(schemas[match[1]]);
        } else queue.push(value);
      }
    }
  }
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => reached.has(name)));
  return { ...doc, components: { ...components, schemas: kept } };
}

/** OpenAPI generated from the route schemas: the document at /openapi.json, the explorer at /docs. */
export const swaggerPlugin = fp(async (app: FastifyInstance) => {
  // every route documents the problem replies it can give (routes add their own: 404, 409, …)
  app.addHook('onRoute', (route) => {
    if (!route.schema || route.schema.hide) return;
    route.schema = { ...route.schema, response: withProblems(route.schema.response, commonProblems(route)) };
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: '赣州示范区指标监测平台 API',
        description:
          'Indicators, yearly values, progress against target and evaluations of the Ganzhou demonstration-zone plan. ' +
          'Authenticate with a session cookie (POST /api/v1/auth/login) or `Authorization: Bearer <token>`. ' +
          'Errors are application/problem+json (RFC 9457).',
        version: '1.0.0',
        // no licence is granted: the platform is built for the Ganzhou government's own use
        license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
      },
      // the API is served by the same host as the web app, whatever its address on the intranet
      servers: [{ url: '/', description: 'this server' }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'API token from POST /api/v1/tokens' },
          session: { type: 'apiKey', in: 'cookie', name: 'gz_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: (input) => {
      const doc = jsonSchemaTransformObject(input);
      return pruneUnusedComponents(doc as unknown as OpenApiDocument) as unknown as typeof doc;
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
});
