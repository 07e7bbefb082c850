/**
 * The hardening an intranet deployment relies on: security headers and a CSP naming no outside host,
 * HSTS only behind an HTTPS proxy, CORS closed unless configured, the body limit, the write rate
 * limit, and error bodies that never carry a stack trace or SQL. (Cookie flags and login throttling
 * are in auth.test.ts.)
 */
import { buildApp } from '@gz/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_PASSWORD, buildTestApp, expectStatus, login, signIn, type Session } from '../helpers/app.ts';

type App = Awaited<ReturnType<typeof buildTestApp>>;

const PUT_GDP_2023 = '/api/v1/indicators/gdp/observations/2023';
const gdpWrite = (value = '4800') => ({ value, dataStatus: 'preliminary', source: '2023年统计公报' });

/** Parses a Content-Security-Policy header into directive → sources. */
function parseCsp(header: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of header.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name, sources);
  }
  return directives;
}

describe('security headers on plain HTTP (the default)', () => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(() => app.close());

  test('the CSP allows only this origin, inline styles (antd) and data:/blob: images and fonts', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    const csp = parseCsp(String(res.headers['content-security-policy']));
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(csp.get('font-src')).toEqual(["'self'", 'data:']);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'self'"]);
    // No outside host or wildcard anywhere: every source is a keyword or a scheme of local data.
    const allowed = new Set(["'self'", "'none'", "'unsafe-inline'", 'data:', 'blob:']);
    for (const [name, sources] of csp) for (const s of sources) expect(allowed.has(s), `${name} ${s}`).toBe(true);
  });

  test('plain HTTP gets no upgrade-insecure-requests (an intranet page would go blank) and no HSTS', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(parseCsp(String(res.headers['content-security-policy'])).has('upgrade-insecure-requests')).toBe(false);
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  test('the other protective headers are set', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/indicators' });
    expect(res.statusCode).toBe(401);
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
    });
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  test('CORS is closed by default: no origin is allowed, preflight or not', async () => {
    const origin = 'http://dashboard.gov.example';
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/api/v1/indicators',
      headers: { origin, 'access-control-request-method': 'GET' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const get = await app.inject({ method: 'GET', url: '/healthz', headers: { origin } });
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
  });

  test('a body over BODY_LIMIT (default 10 MiB) is refused with 413 before it reaches the handler', async () => {
    const admin = await login(app, 'admin', ADMIN_PASSWORD);
    const body = JSON.stringify({ ...gdpWrite(), note: 'x'.repeat(10 * 1024 * 1024) });
    const res = await app.inject({
      method: 'PUT',
      url: PUT_GDP_2023,
      headers: { ...admin.headers, 'content-type': 'application/json' },
      payload: body,
    });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 413, title: 'Payload Too Large' });
    const count = app.db.$client
      .prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM observation_revisions WHERE entered_by IS NOT NULL')
      .get();
    expect(count?.n).toBe(0);
  });
});

describe('behind an HTTPS proxy (TRUST_PROXY=true)', () => {
  test('HSTS is sent and the CSP upgrades insecure requests', async () => {
    const app = await buildTestApp({ TRUST_PROXY: true });
    try {
      // HSTS only on what went out over HTTPS (SEC #10, L7): the proxy says so in X-Forwarded-Proto
      const res = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-forwarded-proto': 'https' } });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      const plain = await app.inject({ method: 'GET', url: '/healthz' });
      expect(plain.headers['strict-transport-security']).toBeUndefined();
      expect(parseCsp(String(res.headers['content-security-policy'])).get('upgrade-insecure-requests')).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

describe('CORS_ORIGINS opens the API to the configured origins only', () => {
  const allowed = 'https://portal.gz.gov.example';
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp({ CORS_ORIGINS: ` ${allowed} , https://other.gz.gov.example` });
  });
  afterAll(() => app.close());

  test('a configured origin gets its preflight answered, with credentials', async () => {
    const res = await app.inject({
      method: 'OPTIONS',
      url: '/api/v1/indicators',
      headers: {
        origin: allowed,
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'content-type,x-csrf-token',
      },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(allowed);
    expect(res.headers['access-control-allow-credentials']).toBe('true');
  });

  test('any other origin gets no CORS header', async () => {
    const res = await app.inject({
      method: 'OPTIONS',
      url: '/api/v1/indicators',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('write rate limit (WRITE_RATE_LIMIT per user per minute)', () => {
  let app: App;
  let wang: Session;
  let li: Session;
  beforeAll(async () => {
    app = await buildTestApp({ WRITE_RATE_LIMIT: 3 });
    wang = await signIn(app, 'wang', 'editor', ['stats']);
    li = await signIn(app, 'li', 'editor', ['stats']);
  });
  afterAll(() => app.close());

  const put = (s: Session, value: string) =>
    app.inject({ method: 'PUT', url: PUT_GDP_2023, headers: s.headers, payload: gdpWrite(value) });

  test('the 4th write of a minute gets 429 with Retry-After; other users and reads are unaffected', async () => {
    for (const value of ['4801', '4802', '4803']) expectStatus(await put(wang, value), 201);
    const limited = await put(wang, '4804');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.json()).toMatchObject({ status: 429, code: 'rate_limited', title: 'Too Many Requests' });
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);

    expectStatus(await put(li, '4805'), 201);
    expectStatus(await app.inject({ method: 'GET', url: '/api/v1/indicators/gdp', headers: wang.headers }), 200);
    const values = app.db.$client
      .prepare<[], { value_text: string }>(
        'SELECT value_text FROM observation_revisions WHERE year = 2023 AND entered_by IS NOT NULL ORDER BY id',
      )
      .all()
      .map((r) => r.value_text);
    expect(values).toEqual(['4801', '4802', '4803', '4805']);
  });
});

describe('error bodies never carry internals', () => {
  let app: App;
  beforeAll(async () => {
    app = await buildApp({ config: { DB_PATH: ':memory:', ADMIN_PASSWORD, WEB_DIST: '' } });
    // Routes that fail the way real bugs do: a thrown Error, and a SQL error from the driver.
    app.get('/api/v1/test-throw', { config: { access: 'public' } }, async () => {
      throw new Error('secret internal detail at /srv/app/server/src/x.ts:12');
    });
    app.get('/api/v1/test-sql', { config: { access: 'public' } }, async () =>
      app.db.$client.prepare('SELECT password_hash FROM no_such_table').all(),
    );
    await app.ready();
  });
  afterAll(() => app.close());

  test.each(['/api/v1/test-throw', '/api/v1/test-sql'])('%s answers a bare 500 problem', async (url) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toEqual({
      type: 'https://gz-tracker.local/problems/internal_error',
      title: 'Internal Server Error',
      status: 500,
      detail: 'The server failed to answer.',
      code: 'internal_error',
      instance: url,
    });
  });
});
