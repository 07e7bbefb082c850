/**
 * Random input never breaks the server: random JSON bodies, random path parameters and random
 * query values against the write and read routes always get a status below 500, and no reply
 * ever shows a stack trace or SQL text. Runs are bounded (100 cases a property).
 */
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  ADMIN_PASSWORD,
  addUser,
  buildTestApp,
  expectStatus,
  freshAddress,
  login,
  PLAN_ID,
  signIn,
  tokenFor,
  type Session,
} from '../helpers/app.ts';

const RUNS = 100;
const STACK = /\n\s+at |\bat .*\.[cm]?[jt]s:\d+|node_modules/;
const SQL =
  /\bSELECT\b[\s\S]*\bFROM\b|\bINSERT INTO\b|\bUPDATE\b\s+\S+\s+\bSET\b|\bDELETE FROM\b|SQLITE_|sqlite3?\b|drizzle/;

let app: FastifyInstance;
let adminToken: { authorization: string };
let editor: Session;
let victimId: number;

beforeAll(async () => {
  // thousands of writes from one token: lift the per-user write limit so that they reach the routes
  app = await buildTestApp({ WRITE_RATE_LIMIT: 1_000_000 });
  // a bearer token: no CSRF header, and a PATCH of some user cannot end its session
  adminToken = await tokenFor(app, await login(app, 'admin', ADMIN_PASSWORD), 'write');
  editor = await signIn(app, 'wang', 'editor', ['stats']);
  victimId = (await addUser(app, 'victim', 'viewer')).id;
});
afterAll(() => app.close());

/** A reply that is safe whatever the request was: no 5xx, no internals, problems as problem+json. */
function expectSafe(res: LightMyRequestResponse) {
  expect(res.statusCode, res.body).toBeLessThan(500);
  expect(res.body).not.toMatch(STACK);
  expect(res.body).not.toMatch(SQL);
  if (res.statusCode >= 400) {
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json() as { status: number; code: string };
    expect(body.status).toBe(res.statusCode);
    expect(typeof body.code).toBe('string');
  }
}

/** Sends any value as a JSON body (undefined: an empty body that claims to be JSON). */
const jsonRequest = (
  method: InjectOptions['method'],
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): InjectOptions => ({
  method,
  url,
  headers: { ...headers, 'content-type': 'application/json' },
  payload: JSON.stringify(body) ?? '',
});

/** Any JSON-ish body: arbitrary values, JSON values, and edge cases people and attackers send. */
const anyBody = fc.oneof(
  fc.anything(),
  fc.jsonValue(),
  fc.constantFrom<unknown>(
    { __proto__: { role: 'admin' } },
    { constructor: { prototype: { admin: true } } },
    [],
    '',
    0,
    null,
    { value: null },
    { value: {} },
  ),
);

/** Strings for path and query values: ASCII, any printable Unicode, and hand-picked troublemakers. */
const anyText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '2023',
    '2023.5',
    '1e3',
    '0x7e7',
    '９',
    'null',
    'undefined',
    '__proto__',
    'constructor',
    "' OR 1=1 --",
    '%',
    '..',
    'a'.repeat(300),
  ),
);
const enc = encodeURIComponent;

/** Field values of roughly the right shape, to get past the schema more often than fc.anything does. */
const looseValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.double(),
  fc.integer(),
  fc.constantFrom('4523.63', '-2.5', '120', '1e400', 'NaN', 'Infinity'),
  fc.constant(null),
);

describe('random bodies', () => {
  test('PUT /indicators/{code}/observations/{year}', async () => {
    await fc.assert(
      fc.asyncProperty(anyBody, async (body) => {
        expectSafe(await app.inject(jsonRequest('PUT', '/api/v1/indicators/gdp/observations/2023', body, adminToken)));
      }),
      { numRuns: RUNS },
    );
  });

  test('PUT observation with bodies of nearly the right shape', async () => {
    const shaped = fc.record(
      {
        value: looseValue,
        dataStatus: fc.oneof(fc.constantFrom('preliminary', 'final', 'revised'), fc.string({ maxLength: 10 })),
        source: fc.oneof(fc.string({ maxLength: 20 }), fc.constant('统计公报')),
        note: fc.oneof(fc.string({ maxLength: 20 }), fc.constant(null)),
        baseRevision: fc.oneof(
          fc.integer(),
          fc.double(),
          fc.constant(null),
          fc.string({ maxLength: 5 }),
          fc.constant(Number.MAX_SAFE_INTEGER),
        ),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        shaped,
        fc.constantFrom('gdp', 'urbanization_rate', 'industrial_value_added_growth', 'cultivated_land'),
        async (body, code) => {
          expectSafe(
            await app.inject(jsonRequest('PUT', `/api/v1/indicators/${code}/observations/2023`, body, adminToken)),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('POST /auth/login', async () => {
    const shaped = fc.record(
      { username: fc.oneof(anyText, fc.constant('admin')), password: fc.oneof(anyText, fc.anything()) },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyBody, shaped), async (body) => {
        // each from its own address, so the throttle does not hide what the route does
        expectSafe(
          await app.inject({ ...jsonRequest('POST', '/api/v1/auth/login', body), remoteAddress: freshAddress() }),
        );
      }),
      { numRuns: RUNS },
    );
  });

  test('POST /users and PATCH /users/{id}', async () => {
    const shaped = fc.record(
      {
        username: anyText,
        password: fc.oneof(anyText, fc.string({ minLength: 10, maxLength: 20 })),
        role: fc.oneof(fc.constantFrom('admin', 'reviewer', 'editor', 'viewer'), anyText),
        departments: fc.oneof(fc.array(anyText, { maxLength: 3 }), fc.anything()),
        active: fc.oneof(fc.boolean(), fc.anything()),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyBody, shaped), async (body) => {
        expectSafe(await app.inject(jsonRequest('POST', '/api/v1/users', body, adminToken)));
        expectSafe(await app.inject(jsonRequest('PATCH', `/api/v1/users/${victimId}`, body, adminToken)));
      }),
      { numRuns: RUNS },
    );
  });

  test('POST /tokens (as a signed-in editor)', async () => {
    const shaped = fc.record(
      { name: anyText, scope: fc.oneof(fc.constantFrom('read', 'write'), anyText) },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyBody, shaped), async (body) => {
        expectSafe(await app.inject(jsonRequest('POST', '/api/v1/tokens', body, editor.headers)));
      }),
      { numRuns: RUNS },
    );
  });

  test('POST /revisions/{id}/return', async () => {
    const pending = expectStatus<{ id: number }>(
      await app.inject({
        method: 'PUT',
        url: '/api/v1/indicators/gdp/observations/2024',
        headers: editor.headers,
        payload: { value: '5100', dataStatus: 'preliminary', source: '快报' },
      }),
      201,
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyBody, fc.record({ reason: fc.oneof(anyText, fc.anything()) })), async (body) => {
        expectSafe(await app.inject(jsonRequest('POST', `/api/v1/revisions/${pending.id}/return`, body, adminToken)));
      }),
      { numRuns: RUNS },
    );
  });

  test('POST /indicators/{code}/assessments', async () => {
    const shaped = fc.record(
      {
        year: fc.oneof(fc.integer({ min: 1900, max: 2200 }), fc.anything()),
        status: fc.oneof(fc.constantFrom('on_track', 'lagging', 'achieved'), anyText),
        justification: anyText,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyBody, shaped), async (body) => {
        expectSafe(await app.inject(jsonRequest('POST', '/api/v1/indicators/gdp/assessments', body, adminToken)));
      }),
      { numRuns: RUNS },
    );
  });

  test('PUT /indicators/{code}/target', async () => {
    const spec = fc.oneof(
      fc.record(
        {
          kind: fc.constantFrom('level', 'approx', 'floor', 'maintain', 'cumulative_reduction'),
          value: fc.oneof(fc.double(), fc.anything()),
        },
        { requiredKeys: ['kind'] },
      ),
      fc.record(
        { kind: fc.constant('annual_rate'), rate: fc.double(), tolerance: fc.double() },
        { requiredKeys: ['kind'] },
      ),
      fc.record({ kind: fc.constant('qualitative'), rule: anyText, band: fc.double() }, { requiredKeys: ['kind'] }),
      fc.anything(),
    );
    const shaped = fc.record(
      {
        spec,
        text: fc.oneof(anyText, fc.constant(null)),
        documentNo: anyText,
        issuedOn: fc.oneof(anyText, fc.constant('2022-03-01')),
        note: fc.oneof(anyText, fc.constant(null)),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(anyBody, shaped),
        fc.constantFrom('energy_intensity_cut', 'gdp', 'forest_coverage'),
        async (body, code) => {
          const res = await app.inject(jsonRequest('PUT', `/api/v1/indicators/${code}/target`, body, adminToken));
          expectSafe(res);
          // whatever target was accepted, the indicator still reads
          if (res.statusCode === 200)
            expectSafe(await app.inject({ method: 'GET', url: `/api/v1/indicators/${code}`, headers: adminToken }));
        },
      ),
      { numRuns: RUNS },
    );
    // and so does the whole list
    expectSafe(await app.inject({ method: 'GET', url: '/api/v1/indicators', headers: adminToken }));
  });

  test('bodies that are not JSON at all', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 60 }),
        fc.constantFrom(
          'application/json',
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data',
          'application/xml',
        ),
        async (raw, type) => {
          expectSafe(
            await app.inject({
              method: 'PUT',
              url: '/api/v1/indicators/gdp/observations/2023',
              headers: { ...adminToken, 'content-type': type },
              payload: raw,
            }),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('random path parameters and query values', () => {
  const body = { value: '4800', dataStatus: 'preliminary', source: '快报' };

  test('PUT /indicators/{code}/observations/{year} with random code and year', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(anyText, fc.constant('gdp')),
        fc.oneof(anyText, fc.integer({ min: -10, max: 3000 }).map(String)),
        async (code, year) => {
          expectSafe(
            await app.inject(
              jsonRequest('PUT', `/api/v1/indicators/${enc(code)}/observations/${enc(year)}`, body, adminToken),
            ),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('reads of one indicator, its values and trajectory with random code and query', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(anyText, fc.constant('gdp')),
        anyText,
        anyText,
        anyText,
        async (code, year, pending, plan) => {
          const q = `year=${enc(year)}&includePending=${enc(pending)}&plan=${enc(plan)}`;
          for (const suffix of ['', '/observations', '/trajectory']) {
            expectSafe(
              await app.inject({
                method: 'GET',
                url: `/api/v1/indicators/${enc(code)}${suffix}?${q}`,
                headers: adminToken,
              }),
            );
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('GET /indicators with random filters', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, anyText, anyText, anyText, async (category, attribute, year, plan) => {
        const url = `/api/v1/indicators?category=${enc(category)}&attribute=${enc(attribute)}&year=${enc(year)}&plan=${enc(plan)}`;
        expectSafe(await app.inject({ method: 'GET', url, headers: adminToken }));
      }),
      { numRuns: RUNS },
    );
  });

  test('GET /audit and /revisions with random filters', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, anyText, anyText, anyText, anyText, async (from, to, user, limit, state) => {
        expectSafe(
          await app.inject({
            method: 'GET',
            url: `/api/v1/audit?from=${enc(from)}&to=${enc(to)}&user=${enc(user)}&limit=${enc(limit)}&offset=${enc(limit)}&indicator=${enc(user)}`,
            headers: adminToken,
          }),
        );
        expectSafe(
          await app.inject({
            method: 'GET',
            url: `/api/v1/revisions?state=${enc(state)}&plan=${enc(user)}`,
            headers: adminToken,
          }),
        );
      }),
      { numRuns: RUNS },
    );
  });

  test('plans, locks, users, tokens and revisions with random ids', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(anyText, fc.constant(PLAN_ID)),
        fc.oneof(anyText, fc.integer({ min: -5, max: 5000 }).map(String)),
        async (planId, id) => {
          expectSafe(await app.inject({ method: 'GET', url: `/api/v1/plans/${enc(planId)}`, headers: adminToken }));
          expectSafe(
            await app.inject({
              method: 'PUT',
              url: `/api/v1/plans/${enc(planId)}/locks/${enc(id)}`,
              headers: adminToken,
            }),
          );
          expectSafe(
            await app.inject({
              method: 'DELETE',
              url: `/api/v1/plans/${enc(planId)}/locks/${enc(id)}`,
              headers: adminToken,
            }),
          );
          expectSafe(
            await app.inject(jsonRequest('PATCH', `/api/v1/users/${enc(id)}`, { units: ['stats'] }, adminToken)),
          );
          expectSafe(await app.inject({ method: 'DELETE', url: `/api/v1/tokens/${enc(id)}`, headers: editor.headers }));
          expectSafe(
            await app.inject({ method: 'POST', url: `/api/v1/revisions/${enc(id)}/approve`, headers: adminToken }),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });

  test.each([
    ['a broken UTF-8 escape', '/api/v1/indicators/%E0%A4%A'],
    ['a NUL byte', '/api/v1/indicators/gdp%00'],
    ['a bad escape in the query', '/api/v1/indicators?year=%ZZ'],
    ['a lone %', '/api/v1/%'],
    ['a 5000-character parameter', `/api/v1/indicators/${'x'.repeat(5000)}`],
  ])('a malformed URL: %s', async (_name, url) => {
    expectSafe(await app.inject({ method: 'GET', url, headers: adminToken }));
  });

  test('odd headers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 60 }), fc.string({ maxLength: 60 }), async (authorization, ifMatch) => {
        const safeHeader = (s: string) => s.replace(/[^\x20-\x7e]/g, '');
        expectSafe(
          await app.inject({
            method: 'GET',
            url: '/api/v1/indicators/gdp',
            headers: { authorization: safeHeader(authorization) },
          }),
        );
        expectSafe(
          await app.inject(
            jsonRequest('PUT', '/api/v1/indicators/gdp/observations/2023', body, {
              ...adminToken,
              'if-match': safeHeader(ifMatch),
            }),
          ),
        );
        expectSafe(
          await app.inject({
            method: 'GET',
            url: '/api/v1/auth/me',
            headers: { cookie: `gz_session=${safeHeader(authorization)}` },
          }),
        );
      }),
      { numRuns: RUNS },
    );
  });
});
