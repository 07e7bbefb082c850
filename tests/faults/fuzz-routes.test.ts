/**
 * Every route the app registers, fuzzed with random path parameters, query strings, bodies and
 * headers (fast-check), as a signed-in admin so that the handlers themselves run. Generation is
 * guided by the route's OpenAPI schema — mostly well-typed values that reach deep into the handlers,
 * mixed with arbitrary JSON, malformed bodies and broken percent-encoding. Whatever arrives, the
 * answer is 2xx–4xx, never a 5xx, and no body carries a stack trace or SQL.
 *
 * Routes are read from the router itself (`routesOf`, from `printRoutes`), not from the OpenAPI
 * document, so a route hidden from the documentation is fuzzed too. (An onRoute hook added after
 * buildApp sees nothing: every route is registered by the time it returns.)
 */
import fc from 'fast-check';
import { buildApp } from '@gz/server';
import { loadExcel } from '@gz/server/lib/excel.ts';
import { afterAll, describe, expect, test } from 'vitest';
import { ADMIN_PASSWORD, addUser, login, PLAN_ID, tokenFor } from '../helpers/app.ts';
import { routesOf, toOpenApiPath } from '../helpers/routes.ts';
import { defined } from '../../server/src/lib/invariant.ts';

/**
 * Runs per route: measured at 0.5–17 ms each on the shared 2-core machine (80 runs: 0.04–1.4 s a route,
 * 19 s the whole file), so 100 runs take at most about 2 s a route, 25 s the file.
 */
const RUNS_PER_ROUTE = 100;
/**
 * A route that cannot finish its runs within this time fails (markInterruptAsFailure) instead of passing
 * after a few runs: about 30× the slowest measured route, and well under the test timeout (120 s).
 */
const ROUTE_TIME_LIMIT_MS = 60_000;

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
};
interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  schema: JsonSchema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
}

const app = await buildApp({
  config: { DB_PATH: ':memory:', ADMIN_PASSWORD, WEB_DIST: '', WRITE_RATE_LIMIT: 1_000_000 },
});
await app.ready();
// exceljs loads on the first workbook, not at start: load it before the per-route clocks run
await loadExcel();
const fuzzer = await addUser(app, 'fuzzer', 'admin');
const session = await login(app, 'fuzzer');
const token = await tokenFor(app, session, 'write');
const tokenId = defined(
  app.db.$client.prepare<[number], { id: number }>('SELECT id FROM api_tokens WHERE user_id = ?').get(fuzzer.id),
  "app.db.$client .prepare<[number], { id: number }>('SELEC...",
).id;
const doc = app.swagger() as unknown as OpenApi;
const codes = app.db.$client
  .prepare<[], { code: string }>('SELECT code FROM indicators')
  .all()
  .map((r) => r.code);

afterAll(() => app.close());

/** The OpenAPI operation of a route, when it is documented. */
const operationOf = (method: string, url: string): Operation | undefined =>
  doc.paths[toOpenApiPath(url)]?.[method.toLowerCase()];
const resolveRef = (s: JsonSchema): JsonSchema =>
  s.$ref
    ? resolveRef(
        defined(
          doc.components.schemas[defined(s.$ref.split('/').at(-1), "s.$ref.split('/').at(-1)")],
          "doc.components.schemas[defined(s.$ref.split('/').at(-1)...",
        ),
      )
    : s;

/*
 * Each run is either tame or wild. A tame run is a plausible request — known codes and plans,
 * well-typed fields — so that it passes validation and exercises the handler to its end; a wild run
 * corrupts anything: stray JSON anywhere, odd strings, broken percent-encoding, forged credentials.
 */
const anyJson = fc.jsonValue({ maxDepth: 2 });
const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom('', ' ', '0', '-1', '1e309', 'null', '__proto__', '../../etc/passwd', "' OR 1=1 --", '<script>'),
);

/** Realistic values of well-known parameters and fields, so that lookups succeed and handlers run to the end. */
const HINTS: Record<string, fc.Arbitrary<unknown>> = {
  code: fc.constantFrom(...codes, 'no_such_code'),
  planId: fc.constantFrom(PLAN_ID, PLAN_ID, 'no-such-plan'),
  plan: fc.constantFrom(PLAN_ID, 'no-such-plan'),
  year: fc.integer({ min: 2020, max: 2031 }),
  id: fc.integer({ min: 1, max: 12 }),
  value: fc.oneof(
    fc.integer({ min: 0, max: 100 }).map(String),
    fc.integer({ min: 0, max: 9999 }),
    fc.stringMatching(/^-?\d{1,4}(\.\d{1,3})?$/),
  ),
  source: fc.constantFrom('统计公报', 'fuzz'),
  reason: fc.constantFrom('请核实', 'x'),
  justification: fc.constantFrom('依据年度评估', 'x'),
};

/** A named field: its hint when it has one (tame), or a value shaped by its schema. */
const field = (name: string, schema: JsonSchema | undefined, wild: boolean, depth = 0): fc.Arbitrary<unknown> => {
  const shaped = schema ? fromSchema(schema, wild, depth) : text;
  const hint = HINTS[name];
  return hint === undefined ? shaped : wild ? fc.oneof(hint, shaped) : hint;
};

/** An arbitrary shaped by a JSON schema: values of the right type; in a wild run, sometimes anything at all. */
function fromSchema(schema: JsonSchema, wild: boolean, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 4) return anyJson;
  const typed = ofType(resolveRef(schema), wild, depth);
  return wild ? fc.oneof({ weight: 4, arbitrary: typed }, { weight: 1, arbitrary: anyJson }) : typed;
}

function ofType(s: JsonSchema, wild: boolean, depth: number): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf ?? s.allOf;
  if (alternatives) return fc.oneof(...alternatives.map((a) => fromSchema(a, wild, depth + 1)));
  if (Array.isArray(s.type)) return fc.oneof(...s.type.map((type) => ofType({ ...s, type }, wild, depth)));
  const orText = (a: fc.Arbitrary<unknown>) => (wild ? fc.oneof(a, text) : a);
  switch (s.type) {
    case 'string':
      if (s.format === 'date') return orText(fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));
      if (s.format === 'date-time') return orText(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()));
      if (s.pattern) return orText(fc.stringMatching(new RegExp(s.pattern)));
      return orText(
        fc.string({
          unit: 'grapheme',
          minLength: s.minLength ?? 0,
          maxLength: Math.max(s.minLength ?? 0, Math.min(s.maxLength ?? 40, 40)),
        }),
      );
    case 'integer': {
      const min = Math.max(s.minimum ?? -1e6, -1e6);
      const max = Math.min(s.maximum ?? 1e6, 1e6);
      return wild
        ? fc.oneof(fc.integer({ min, max }), fc.constantFrom(0, -1, min - 1, max + 1, 2 ** 53))
        : fc.integer({ min, max });
    }
    case 'number':
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -1e4, max: 1e5 }));
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(s.items ? fromSchema(s.items, wild, depth + 1) : anyJson, { maxLength: 4 });
    case 'object': {
      const props = Object.fromEntries(
        Object.entries(s.properties ?? {}).map(([k, v]) => [k, field(k, v, wild, depth + 1)]),
      );
      return fc.record(props, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
    }
    default:
      return anyJson;
  }
}

/** A path segment, percent-encoded; a wild one may be deliberately broken. */
function segment(name: string, schema: JsonSchema | undefined, wild: boolean): fc.Arbitrary<string> {
  const value = field(name, schema, wild).map((v) => encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v)));
  return wild
    ? fc.oneof(
        { weight: 6, arbitrary: value },
        { weight: 1, arbitrary: fc.constantFrom('%', '%zz', '%E4%B8', '%00', '..', '%2e%2e%2f') },
      )
    : value;
}

type Body = { payload?: string | Buffer; contentType?: string };
const CONTENT_TYPES = [
  'application/json',
  'text/plain',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=gbk',
];

/** A small CSV in the exchange format (the import template's columns); wild cells in a wild run. */
const csvImport = (wild: boolean) =>
  fc
    .array(
      fc.tuple(
        field('code', undefined, wild),
        field('year', undefined, wild),
        field('value', undefined, wild),
        fc.constantFrom('preliminary', '初步核算', 'final', ...(wild ? ['', 'x'] : [])),
        field('source', undefined, wild),
      ),
      { minLength: 1, maxLength: 6 },
    )
    .map((rows): Body => {
      const cell = (v: unknown) => `"${String(v).replaceAll('"', '""')}"`;
      const lines = [['指标代码 code', '年份 year', '数值 value', '数据状态 dataStatus', '来源 source'], ...rows].map(
        (r) => r.map(cell).join(','),
      );
      return { payload: lines.join('\r\n'), contentType: 'text/csv' };
    });

/** A request body: JSON shaped by the route's schema (CSV for the import); wild runs add raw bytes under any content type. */
function bodyFor(method: string, url: string, op: Operation | undefined, wild: boolean): fc.Arbitrary<Body> {
  const schema = op?.requestBody?.content['application/json']?.schema;
  const json = (schema ? fromSchema(schema, wild) : anyJson).map(
    (v): Body => ({ payload: JSON.stringify(v) ?? 'null', contentType: 'application/json' }),
  );
  const tame =
    url === '/api/v1/import' ? csvImport(wild) : ['GET', 'DELETE'].includes(method) ? fc.constant<Body>({}) : json;
  if (!wild) return tame;
  const raw = fc.record({
    payload: fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)),
    ),
    contentType: fc.constantFrom(...CONTENT_TYPES),
  });
  return fc.oneof(
    { weight: 4, arbitrary: tame },
    { weight: 2, arbitrary: raw },
    { weight: 1, arbitrary: json },
    { weight: 1, arbitrary: fc.constant<Body>({}) },
  );
}

const headerValue = fc.string({ maxLength: 40 });
const wildHeaders = fc.record(
  {
    'if-match': fc.oneof(
      headerValue,
      fc.nat().map((n) => `"${n}"`),
      fc.constant('"none"'),
    ),
    'if-none-match': fc.oneof(
      headerValue,
      fc.constant('*'),
      fc.nat().map((n) => `"${n}"`),
    ),
    accept: fc.oneof(headerValue, fc.constantFrom('application/json', 'text/html', '*/*', 'application/xml')),
    'accept-language': headerValue,
    'x-forwarded-for': fc.oneof(headerValue, fc.ipV4()),
    origin: fc.oneof(headerValue, fc.webUrl()),
    range: headerValue,
  },
  { requiredKeys: [] },
);

/** Who calls: the admin (session or token) so that handlers run; in a wild run also nobody or a forged credential. */
const caller = (wild: boolean) => {
  const admin = fc.constantFrom<Record<string, string>>(session.headers, token);
  if (!wild) return admin;
  const forged = fc.constantFrom<Record<string, string>>(
    {},
    { authorization: 'Bearer forged' },
    { cookie: 'gz_session=forged', 'x-csrf-token': session.headers['x-csrf-token'] },
    { cookie: session.headers.cookie },
  );
  return fc.oneof({ weight: 2, arbitrary: admin }, { weight: 1, arbitrary: forged });
};

// Text that must never reach a client: stack frames, file paths, driver names, SQL.
const LEAKS = [
  /\n\s+at /,
  /node_modules/,
  /\.ts:\d+/,
  /SQLITE_/,
  /SqliteError/i,
  /better-sqlite3/,
  /\b(SELECT|INSERT INTO|UPDATE|DELETE FROM)\b.*\b(FROM|VALUES|SET|WHERE)\b/,
];

// HEAD mirrors GET; the CORS preflight catch-all answers OPTIONS on any path
const routes = routesOf(app)
  .filter((r) => !(r.method === 'OPTIONS' && r.path === '*'))
  .map(({ method, path }) => ({ method, url: path }));

describe('every registered route, fuzzed', () => {
  test('the router lists every documented API operation', () => {
    const listed = new Set(routes.map((r) => `${r.method} ${toOpenApiPath(r.url)}`));
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(documented.filter((d) => !listed.has(d))).toEqual([]);
    expect(routes.length).toBeGreaterThanOrEqual(documented.length);
  });

  test.each(routes)('$method $url answers 2xx–4xx without internals', async ({ method, url }) => {
    const op = operationOf(method, url);
    const parameters = op?.parameters ?? [];
    const pathSchema = (name: string) => parameters.find((p) => p.in === 'path' && p.name === name)?.schema;
    const names = [...url.matchAll(/:(\w+)/g)].map((m) => defined(m[1], 'm[1]'));
    const request = (wild: boolean) =>
      fc.record({
        params: fc.tuple(...names.map((n) => segment(n, pathSchema(n), wild))),
        rest: fc.array(segment('*', undefined, wild), { maxLength: 3 }).map((s) => s.join('/')),
        query: fc.record(
          Object.fromEntries([
            ...parameters.filter((p) => p.in === 'query').map((p) => [p.name, field(p.name, p.schema, wild)] as const),
            ...(wild ? [['zz', text] as const] : []),
          ]),
          { requiredKeys: [] },
        ),
        body: bodyFor(method, url, op, wild),
        who: caller(wild),
        extra: wild ? wildHeaders : fc.constant({}),
      });

    await fc.assert(
      fc.asyncProperty(fc.oneof(request(false), request(true)), async ({ params, rest, query, body, who, extra }) => {
        let i = 0;
        let path = url.replace(/:(\w+)/g, () => defined(params[i++], 'params[i++]')).replace('*', rest);
        // the fuzzing admin must stay signed in: it never deactivates itself or revokes its own token
        if (
          (url === '/api/v1/users/:id' && path.endsWith(`/${fuzzer.id}`)) ||
          (url === '/api/v1/tokens/:id' && path.endsWith(`/${tokenId}`))
        )
          path += '0';
        const search = new URLSearchParams(
          Object.entries(query).map(([k, v]) => [k, typeof v === 'string' ? v : (JSON.stringify(v) ?? '')]),
        );
        // logging the session out would end the run's credentials; logout is fuzzed with the token
        const credentials = url === '/api/v1/auth/logout' && who === session.headers ? token : who;
        const headers: Record<string, string> = {
          ...extra,
          ...credentials,
          ...(body.contentType ? { 'content-type': body.contentType } : {}),
        };
        const res = await app.inject({
          method: method as 'GET',
          url: `${path}${search.size > 0 ? `?${search}` : ''}`,
          headers,
          ...(body.payload !== undefined ? { payload: body.payload } : {}),
        });
        const where = `${method} ${path}?${search} → ${res.statusCode}: ${res.body.slice(0, 300)}`;
        expect(res.statusCode, where).toBeLessThan(500);
        for (const leak of LEAKS) expect(leak.test(res.body), where).toBe(false);
        if (res.statusCode >= 400 && path.startsWith('/api/'))
          expect(res.headers['content-type'], where).toMatch(/^application\/problem\+json/);
      }),
      { numRuns: RUNS_PER_ROUTE, interruptAfterTimeLimit: ROUTE_TIME_LIMIT_MS, markInterruptAsFailure: true },
    );
  });

  test('after all of it the database is sound', () => {
    expect(app.db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
