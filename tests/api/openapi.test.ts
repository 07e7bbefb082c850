/**
 * The OpenAPI document is generated from the route schemas; these tests make sure it covers every
 * route the app actually has (whoever adds one later), and that the explorer is served.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildTestApp, expectStatus } from '../helpers/app.ts';
import { routesOf, toOpenApiPath, type RouteKey } from '../helpers/routes.ts';

interface OpenApiDoc {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<
    string,
    Record<
      string,
      {
        summary?: string;
        security?: unknown[];
        responses: Record<string, unknown>;
        parameters?: Array<{ in: string; name: string }>;
      }
    >
  >;
  components: { securitySchemes: Record<string, unknown>; schemas?: Record<string, unknown> };
}

let app: FastifyInstance;
let doc: OpenApiDoc;
let apiRoutes: RouteKey[];

beforeAll(async () => {
  app = await buildTestApp();
  doc = expectStatus<OpenApiDoc>(await app.inject({ method: 'GET', url: '/openapi.json' }), 200);
  apiRoutes = routesOf(app).filter((r) => r.path.startsWith('/api/v1/'));
});
afterAll(() => app.close());

describe('/openapi.json', () => {
  test('is an OpenAPI 3.1 document served without a login', async () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('赣州示范区指标监测平台 API');
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['bearer', 'session']);
  });

  test('the route list read from printRoutes is plausible (the parser works)', () => {
    const keys = apiRoutes.map((r) => `${r.method} ${r.path}`);
    expect(keys).toContain('GET /api/v1/indicators');
    expect(keys).toContain('PUT /api/v1/indicators/:code/observations/:year');
    expect(keys).toContain('POST /api/v1/revisions/:id/approve');
    expect(keys).toContain('DELETE /api/v1/plans/:planId/locks/:year');
    expect(keys).toContain('PATCH /api/v1/users/:id');
    expect(apiRoutes.length).toBeGreaterThanOrEqual(23);
  });

  test('documents every /api/v1 route with its method, in {param} syntax', () => {
    const missing = apiRoutes.filter((r) => doc.paths[toOpenApiPath(r.path)]?.[r.method.toLowerCase()] === undefined);
    expect(missing).toEqual([]);
  });

  test('documents no route the app does not have', () => {
    const have = new Set(routesOf(app).map((r) => `${r.method.toLowerCase()} ${toOpenApiPath(r.path)}`));
    const extra = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`))
      .filter((k) => !have.has(k));
    expect(extra).toEqual([]);
  });

  test('/healthz is documented and needs no credentials', () => {
    expect(doc.paths['/healthz']?.get?.security).toEqual([]);
    expect(doc.paths['/api/v1/auth/login']?.post?.security).toEqual([]);
  });

  test('every operation has a summary and a documented success reply', () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op.summary, `${method} ${path}`).toBeTruthy();
        expect(
          Object.keys(op.responses).some((s) => s.startsWith('2')),
          `${method} ${path}`,
        ).toBe(true);
      }
    }
  });

  test('path parameters are declared for each {param}', () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(ops)) {
        const declared = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        expect(declared.sort(), `${method} ${path}`).toEqual([...names].sort());
      }
    }
  });

  test('the problem replies are documented on a write', () => {
    const put = doc.paths['/api/v1/indicators/{code}/observations/{year}']?.put;
    expect(Object.keys(put?.responses ?? {}).sort()).toEqual(['201', '400', '401', '403', '404', '409', '423', '429']);
  });
});

describe('/docs', () => {
  test('serves the HTML explorer without a login', async () => {
    let res = await app.inject({ method: 'GET', url: '/docs' });
    if (res.statusCode >= 300 && res.statusCode < 400)
      res = await app.inject({ method: 'GET', url: String(res.headers.location) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('<html');
    expect(res.body.toLowerCase()).toContain('swagger');
  });
});
