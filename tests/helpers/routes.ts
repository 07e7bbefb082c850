import type { FastifyInstance } from 'fastify';
import { defined } from '../../server/src/lib/invariant.ts';

/** One route of the app: an upper-case method and the path in Fastify's `:param` syntax. */
export interface RouteKey {
  method: string;
  path: string;
}

/**
 * Every method+path the app serves, read from `printRoutes()`: its tree prints each node as its
 * path segment under its parent, indented by 4 columns a level, so a full path is the concatenation
 * of the segments from the root. HEAD is left out (Fastify adds it to every GET).
 */
export function routesOf(app: FastifyInstance): RouteKey[] {
  const stack: string[] = [];
  const routes: RouteKey[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (\S+)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    stack.length = defined(m[1], 'm[1]').length / 4;
    stack.push(defined(m[2], 'm[2]'));
    for (const method of (m[3] ?? '').split(', ').filter((x) => x !== '' && x !== 'HEAD'))
      routes.push({ method, path: stack.join('') });
  }
  return routes;
}

/** `/indicators/:code` → `/indicators/{code}` (OpenAPI's syntax). */
export const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
