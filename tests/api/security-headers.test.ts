/**
 * The security headers are made once at start (issue 13) from helmet's own output: every reply carries the same
 * set — a page, an API read from the cache, a 304, a refusal, an unknown path and a malformed request alike.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildTestApp, signIn, type Session } from '../helpers/app.ts';

const HELMET_HEADERS = [
  'content-security-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'x-content-type-options',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
];
const security = (res: LightMyRequestResponse) =>
  Object.fromEntries(HELMET_HEADERS.map((name) => [name, res.headers[name]]));

let app: FastifyInstance;
let viewer: Session;
beforeAll(async () => {
  app = await buildTestApp();
  viewer = await signIn(app, 'vera', 'viewer');
});
afterAll(() => app.close());

describe('security headers made once', () => {
  test('the same set on every kind of reply', async () => {
    const reference = security(await app.inject({ method: 'GET', url: '/healthz' }));
    expect(reference['x-frame-options']).toBe('SAMEORIGIN');
    expect(reference['x-content-type-options']).toBe('nosniff');
    expect(reference['content-security-policy']).toContain("default-src 'self'");
    const first = await app.inject({ method: 'GET', url: '/api/v1/indicators/gdp', headers: viewer.headers });
    const cached = await app.inject({ method: 'GET', url: '/api/v1/indicators/gdp', headers: viewer.headers });
    const notModified = await app.inject({
      method: 'GET',
      url: '/api/v1/indicators/gdp',
      headers: { ...viewer.headers, 'if-none-match': String(first.headers.etag) },
    });
    const replies = [
      first,
      cached,
      notModified,
      await app.inject({ method: 'GET', url: '/api/v1/indicators' }),
      await app.inject({ method: 'GET', url: '/api/v1/no-such-thing', headers: viewer.headers }),
      await app.inject({ method: 'GET', url: '/api/v1/indicators?year=abc', headers: viewer.headers }),
    ];
    expect(replies.map((r) => r.statusCode)).toEqual([200, 200, 304, 401, 404, 400]);
    for (const res of replies) expect(security(res)).toEqual(reference);
  });
});
