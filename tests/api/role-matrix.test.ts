/**
 * Who may do what: every write route (and the two restricted reads) against every kind of caller,
 * as one table written out by hand. Each cell sets up what its request needs (a pending revision
 * entered by someone else, a token of the caller, a fresh session to sign out), so cells are
 * independent of their order.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  ADMIN_PASSWORD,
  addUser,
  buildTestApp,
  expectStatus,
  login,
  PLAN_ID,
  signIn,
  tokenFor,
  type Session,
} from '../helpers/app.ts';
import { routesOf } from '../helpers/routes.ts';
import { buildApp } from '@gz/server';
import { defined } from '../../server/src/lib/invariant.ts';

/** The callers: five roles with a session, nobody, and two tokens. */
const WHO = ['admin', 'reviewer', 'editor', 'editorOut', 'viewer', 'anonymous', 'readToken', 'writeToken'] as const;
type Who = (typeof WHO)[number];
/** Whose account each caller uses (tokens: the admin's read token, the in-department editor's write token). */
const ACCOUNT: Record<Who, string | null> = {
  admin: 'admin',
  reviewer: 'rita',
  editor: 'wang',
  editorOut: 'zhao',
  viewer: 'vera',
  anonymous: null,
  readToken: 'admin',
  writeToken: 'wang',
};

let app: FastifyInstance;
const sessions = new Map<string, Session>();
const tokens: Partial<Record<Who, { authorization: string }>> = {};
let entrant: Session;
let victimId: number;
let userSeq = 0;
const nextSeq = () => {
  userSeq += 1;
  return userSeq;
};

beforeAll(async () => {
  app = await buildTestApp();
  sessions.set('admin', await login(app, 'admin', ADMIN_PASSWORD));
  sessions.set('rita', await signIn(app, 'rita', 'reviewer'));
  sessions.set('wang', await signIn(app, 'wang', 'editor', ['stats']));
  sessions.set('zhao', await signIn(app, 'zhao', 'editor', ['commerce']));
  sessions.set('vera', await signIn(app, 'vera', 'viewer'));
  tokens.readToken = await tokenFor(app, defined(sessions.get('admin'), "sessions.get('admin')"), 'read');
  tokens.writeToken = await tokenFor(app, defined(sessions.get('wang'), "sessions.get('wang')"), 'write');
  // enters the values others approve or return, so that nobody in the table reviews their own
  entrant = await signIn(app, 'entrant', 'editor', ['stats']);
  victimId = (await addUser(app, 'victim', 'viewer')).id;
});
afterAll(() => app.close());

/** The credentials a caller sends: session cookie + CSRF header, a bearer token, or nothing. */
function credentials(who: Who): Record<string, string> {
  if (who === 'anonymous') return {};
  if (who === 'readToken' || who === 'writeToken') return defined(tokens[who], 'tokens[who]');
  return defined(
    sessions.get(defined(ACCOUNT[who], 'ACCOUNT[who]')),
    "sessions.get(defined(ACCOUNT[who], 'ACCOUNT[who]'))",
  ).headers;
}

/** A pending GDP revision entered by `entrant`. */
async function pendingRevision(): Promise<number> {
  const res = await app.inject({
    method: 'PUT',
    url: '/api/v1/indicators/gdp/observations/2024',
    headers: entrant.headers,
    payload: { value: '5100', dataStatus: 'preliminary', source: '快报' },
  });
  return expectStatus<{ id: number }>(res, 201).id;
}

/** A live token of the caller's account (of the admin for an anonymous caller), to revoke. */
async function tokenToRevoke(who: Who): Promise<number> {
  const owner = defined(sessions.get(ACCOUNT[who] ?? 'admin'), "sessions.get(ACCOUNT[who] ?? 'admin')");
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/tokens',
    headers: owner.headers,
    payload: { name: 'to revoke', scope: 'read' },
  });
  return expectStatus<{ id: number }>(res, 201).id;
}

const roundBody = () => ({
  name: '2025年度数据填报',
  planId: PLAN_ID,
  years: [2025],
  indicators: ['gdp'],
  dueDate: '2026-03-31',
});

/** A fresh open round, opened by the admin. */
async function openRound(): Promise<number> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/rounds',
    headers: defined(sessions.get('admin'), "sessions.get('admin')").headers,
    payload: roundBody(),
  });
  return expectStatus<{ id: number }>(res, 201).id;
}

/** An inactive webhook (to a closed loopback port), made by the admin. */
async function inactiveWebhook(): Promise<number> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/webhooks',
    headers: defined(sessions.get('admin'), "sessions.get('admin')").headers,
    payload: { name: 'matrix', url: 'http://127.0.0.1:9/hook', format: 'json', active: false },
  });
  return expectStatus<{ id: number }>(res, 201).id;
}

/** Builds the request of one route for one caller (with whatever it needs set up first). */
type RouteCase = (who: Who) => Promise<InjectOptions>;

const ROUTES = {
  'PUT /indicators/{code}/observations/{year}': async (who) => ({
    method: 'PUT',
    url: '/api/v1/indicators/gdp/observations/2023',
    headers: credentials(who),
    payload: { value: '4800', dataStatus: 'preliminary', source: '2023年统计公报' },
  }),
  'POST /revisions/{id}/approve': async (who) => ({
    method: 'POST',
    url: `/api/v1/revisions/${await pendingRevision()}/approve`,
    headers: credentials(who),
  }),
  'POST /revisions/{id}/return': async (who) => ({
    method: 'POST',
    url: `/api/v1/revisions/${await pendingRevision()}/return`,
    headers: credentials(who),
    payload: { reason: '请附来源文件' },
  }),
  'PUT /plans/{planId}/locks/{year}': async (who) => ({
    method: 'PUT',
    url: `/api/v1/plans/${PLAN_ID}/locks/2029`,
    headers: credentials(who),
  }),
  'DELETE /plans/{planId}/locks/{year}': async (who) => ({
    method: 'DELETE',
    url: `/api/v1/plans/${PLAN_ID}/locks/2029`,
    headers: credentials(who),
  }),
  'POST /indicators/{code}/assessments': async (who) => ({
    method: 'POST',
    url: '/api/v1/indicators/gdp/assessments',
    headers: credentials(who),
    payload: { year: 2022, status: 'on_track', justification: '与序时进度基本一致' },
  }),
  'PUT /indicators/{code}/target': async (who) => ({
    method: 'PUT',
    url: '/api/v1/indicators/energy_intensity_cut/target',
    headers: credentials(who),
    payload: {
      spec: { kind: 'cumulative_reduction', value: 13.5 },
      text: '累计下降13.5',
      documentNo: '赣府字〔2022〕12号',
      issuedOn: '2022-03-01',
    },
  }),
  'POST /users': async (who) => ({
    method: 'POST',
    url: '/api/v1/users',
    headers: credentials(who),
    payload: { username: `new-user-${nextSeq()}`, password: 'A long enough password 3', role: 'viewer' },
  }),
  'PATCH /users/{id}': async (who) => ({
    method: 'PATCH',
    url: `/api/v1/users/${victimId}`,
    headers: credentials(who),
    payload: { units: ['stats'] },
  }),
  'POST /tokens': async (who) => ({
    method: 'POST',
    url: '/api/v1/tokens',
    headers: credentials(who),
    payload: { name: 'matrix', scope: 'read' },
  }),
  'DELETE /tokens/{id}': async (who) => ({
    method: 'DELETE',
    url: `/api/v1/tokens/${await tokenToRevoke(who)}`,
    headers: credentials(who),
  }),
  'POST /auth/logout': async (who) => {
    // a session caller signs out of a session of its own, so the shared one stays valid for the other cells
    const account = ACCOUNT[who];
    const headers =
      who === 'anonymous' || who === 'readToken' || who === 'writeToken'
        ? credentials(who)
        : (await login(app, defined(account, 'account'), account === 'admin' ? ADMIN_PASSWORD : undefined)).headers;
    return { method: 'POST', url: '/api/v1/auth/logout', headers };
  },
  'GET /audit': async (who) => ({ method: 'GET', url: '/api/v1/audit', headers: credentials(who) }),
  'GET /users': async (who) => ({ method: 'GET', url: '/api/v1/users', headers: credentials(who) }),
  // units and rounds (#14)
  'POST /units': async (who) => ({
    method: 'POST',
    url: '/api/v1/units',
    headers: credentials(who),
    payload: { code: `unit_${nextSeq()}`, name: `测试单位${userSeq}` },
  }),
  'PATCH /units/{code}': async (who) => ({
    method: 'PATCH',
    url: '/api/v1/units/stats',
    headers: credentials(who),
    payload: { position: 20 },
  }),
  'PUT /indicators/{code}/units': async (who) => ({
    method: 'PUT',
    url: '/api/v1/indicators/gdp/units',
    headers: credentials(who),
    payload: { leadUnit: 'stats', contributingUnits: [] },
  }),
  'POST /rounds': async (who) => ({
    method: 'POST',
    url: '/api/v1/rounds',
    headers: credentials(who),
    payload: roundBody(),
  }),
  'POST /rounds/{id}/close': async (who) => ({
    method: 'POST',
    url: `/api/v1/rounds/${await openRound()}/close`,
    headers: credentials(who),
  }),
  'POST /me/notifications/read': async (who) => ({
    method: 'POST',
    url: '/api/v1/me/notifications/read',
    headers: credentials(who),
    payload: {},
  }),
  'POST /webhooks': async (who) => ({
    method: 'POST',
    url: '/api/v1/webhooks',
    headers: credentials(who),
    payload: { name: 'matrix', url: 'http://127.0.0.1:9/hook', format: 'json', active: false },
  }),
  'PATCH /webhooks/{id}': async (who) => ({
    method: 'PATCH',
    url: `/api/v1/webhooks/${await inactiveWebhook()}`,
    headers: credentials(who),
    payload: { name: '改名' },
  }),
  'POST /webhooks/{id}/test': async (who) => ({
    method: 'POST',
    url: '/api/v1/webhooks/999999/test',
    headers: credentials(who),
  }),
  'GET /rounds/{id}/completeness': async (who) => ({
    method: 'GET',
    url: `/api/v1/rounds/${await openRound()}/completeness`,
    headers: credentials(who),
  }),
  'POST /users/{id}/unlock': async (who) => ({
    method: 'POST',
    url: `/api/v1/users/${victimId}/unlock`,
    headers: credentials(who),
  }),
} satisfies Record<string, RouteCase>;
type RouteName = keyof typeof ROUTES;

// prettier-ignore
const MATRIX: Array<[RouteName, ...number[]]> = [
  //                                              admin reviewer editor editorOut viewer anonymous readToken writeToken
  ['PUT /indicators/{code}/observations/{year}', 201, 403, 201, 403, 403, 401, 403, 201],
  ['POST /revisions/{id}/approve', 200, 200, 403, 403, 403, 401, 403, 403],
  ['POST /revisions/{id}/return', 200, 200, 403, 403, 403, 401, 403, 403],
  ['PUT /plans/{planId}/locks/{year}', 204, 204, 403, 403, 403, 401, 403, 403],
  ['DELETE /plans/{planId}/locks/{year}', 204, 204, 403, 403, 403, 401, 403, 403],
  ['POST /indicators/{code}/assessments', 201, 201, 403, 403, 403, 401, 403, 403],
  ['PUT /indicators/{code}/target', 200, 403, 403, 403, 403, 401, 403, 403],
  ['POST /users', 201, 403, 403, 403, 403, 401, 403, 403],
  ['PATCH /users/{id}', 200, 403, 403, 403, 403, 401, 403, 403],
  ['POST /tokens', 201, 201, 201, 201, 201, 401, 403, 403],
  ['DELETE /tokens/{id}', 204, 204, 204, 204, 204, 401, 403, 204],
  ['POST /auth/logout', 204, 204, 204, 204, 204, 401, 403, 204],
  ['GET /audit', 200, 200, 403, 403, 403, 401, 200, 403],
  ['GET /users', 200, 403, 403, 403, 403, 401, 200, 403],
  // units and rounds (#14): admins write; admins and leaders (reviewer, viewer) read completeness
  ['POST /units', 201, 403, 403, 403, 403, 401, 403, 403],
  ['PATCH /units/{code}', 200, 403, 403, 403, 403, 401, 403, 403],
  ['PUT /indicators/{code}/units', 200, 403, 403, 403, 403, 401, 403, 403],
  ['POST /rounds', 201, 403, 403, 403, 403, 401, 403, 403],
  ['POST /rounds/{id}/close', 200, 403, 403, 403, 403, 401, 403, 403],
  ['GET /rounds/{id}/completeness', 200, 200, 403, 403, 200, 401, 200, 403],
  ['POST /me/notifications/read', 200, 200, 200, 200, 200, 401, 403, 200],
  ['POST /webhooks', 201, 403, 403, 403, 403, 401, 403, 403],
  ['PATCH /webhooks/{id}', 200, 403, 403, 403, 403, 401, 403, 403],
  ['POST /webhooks/{id}/test', 404, 403, 403, 403, 403, 401, 403, 403],
  ['POST /users/{id}/unlock', 200, 403, 403, 403, 403, 401, 403, 403],
];

const CELLS = MATRIX.flatMap(([route, ...statuses]) =>
  WHO.map((who, k) => [route, who, defined(statuses[k], 'statuses[k]')] as const),
);

/**
 * Write routes whose role checks are tested with their feature rather than here. A write route in
 * neither list fails the coverage test below: whoever adds one decides where its roles are tested.
 */
const TESTED_ELSEWHERE = [
  // evaluations and annual targets
  'POST /plans/{planId}/evaluations',
  'PUT /indicators/{code}/annual-targets/{year}',
  // data exchange
  'POST /import',
  // plan lifecycle
  'POST /plans',
  'POST /plans/import',
  'PATCH /plans/{planId}',
  'POST /plans/{planId}/successor',
  'POST /plans/{planId}/indicators',
  'PATCH /plans/{planId}/indicators/{code}',
  'DELETE /plans/{planId}/indicators/{code}',
  'POST /plans/{planId}/publish',
  // measures ledger (issue 12): roles in tests/api/ledger.test.ts
  'POST /measure-links',
  'DELETE /measure-links/{id}',
  'POST /tasks',
  'POST /tasks/{id}/reports',
  'POST /task-reports/{id}/approve',
  'POST /task-reports/{id}/return',
  'POST /task-reports/{id}/evidence',
  'POST /ledger/import',
  'POST /rounds/{id}/task-requests',
  // FINAL (#11): tested in final-report.test.ts and plan-lifecycle.test.ts
  'POST /plans/{planId}/archive',
  'PATCH /settings',
  'PUT /plans/{planId}/evaluations/{year}/draft',
  'PUT /plans/{planId}/indicators/{code}/reasons/{year}',
  'POST /reasons/{id}/approve',
  'POST /reasons/{id}/return',
  // accounts (SEC #10): changing one's own password would end the shared sessions of the other cells
  'POST /auth/password',
];

describe('role matrix', () => {
  test('covers every write route of the app', () => {
    const writes = routesOf(app)
      .filter(
        (r) =>
          r.path.startsWith('/api/v1/') && !['GET', 'OPTIONS'].includes(r.method) && r.path !== '/api/v1/auth/login',
      )
      .map((r) => `${r.method} ${r.path.slice('/api/v1'.length).replace(/:(\w+)/g, '{$1}')}`);
    expect(writes.filter((w) => !(w in ROUTES) && !TESTED_ELSEWHERE.includes(w))).toEqual([]);
  });

  test.each(CELLS)('%s as %s → %i', async (route, who, status) => {
    const res = await app.inject(await ROUTES[route](who));
    expect(res.statusCode, res.body).toBe(status);
    if (status === 401) expect((res.json() as { code: string }).code).toBe('unauthorized');
    if (status === 403) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('CSRF', () => {
  test.each(Object.keys(ROUTES).filter((r) => !r.startsWith('GET')) as RouteName[])(
    '%s with the admin cookie but no x-csrf-token → 403',
    async (route) => {
      const options = await ROUTES[route]('admin');
      const { 'x-csrf-token': _dropped, ...headers } = options.headers as Record<string, string>;
      const res = await app.inject({ ...options, headers });
      expect(res.statusCode).toBe(403);
      expect((res.json() as { detail: string }).detail).toContain('x-csrf-token');
    },
  );

  test('a wrong x-csrf-token (another session’s) → 403', async () => {
    const options = await ROUTES['POST /tokens']('admin');
    const res = await app.inject({
      ...options,
      headers: {
        ...(options.headers as object),
        'x-csrf-token': defined(sessions.get('wang'), "sessions.get('wang')").headers['x-csrf-token'],
      },
    });
    expect(res.statusCode).toBe(403);
  });

  test('reads need no CSRF header', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: { cookie: defined(sessions.get('admin'), "sessions.get('admin')").headers.cookie },
    });
    expect(res.statusCode).toBe(200);
  });
});

describe('four eyes', () => {
  test('nobody approves or returns a revision they entered, admin included (session or token) → 403 four_eyes', async () => {
    const admin = defined(sessions.get('admin'), "sessions.get('admin')");
    const res = await app.inject({
      method: 'PUT',
      url: '/api/v1/indicators/gdp/observations/2025',
      headers: admin.headers,
      payload: { value: '5400', dataStatus: 'preliminary', source: '预计' },
    });
    const { id } = expectStatus<{ id: number }>(res, 201);
    const adminWrite = await tokenFor(app, admin, 'write');
    for (const headers of [admin.headers, adminWrite]) {
      for (const [action, payload] of [
        ['approve', undefined],
        ['return', { reason: 'self' }],
      ] as const) {
        const r = await app.inject({
          method: 'POST',
          url: `/api/v1/revisions/${id}/${action}`,
          headers,
          ...(payload ? { payload } : {}),
        });
        expect(r.statusCode).toBe(403);
        expect((r.json() as { code: string }).code).toBe('four_eyes');
      }
    }
    // someone else may
    expectStatus(
      await app.inject({
        method: 'POST',
        url: `/api/v1/revisions/${id}/approve`,
        headers: defined(sessions.get('rita'), "sessions.get('rita')").headers,
      }),
      200,
    );
  });
});

/**
 * SEC (#10, M8): separation of duties. The six roles against the routes that tell them apart, in
 * both modes. `combined` (default): the admin also manages accounts and reads the logs. `strict`:
 * accounts belong to the security administrator, the logs to the audit administrator (and reviewers),
 * and nobody both manages accounts and enters or approves values; the admin cannot read the audit log.
 */
describe.each(['combined', 'strict'] as const)('separation of duties, ROLE_SEPARATION=%s', (mode) => {
  const ROLE_WHO = ['admin', 'reviewer', 'editor', 'viewer', 'security', 'audit'] as const;
  type RoleWho = (typeof ROLE_WHO)[number];
  let sod: FastifyInstance;
  const as = new Map<RoleWho, Session>();
  let entrantSod: Session;
  let victim = 0;
  let seq = 0;
  const nextSod = () => {
    seq += 1;
    return seq;
  };

  beforeAll(async () => {
    sod = await buildTestApp({ ROLE_SEPARATION: mode });
    as.set('admin', await login(sod, 'admin', ADMIN_PASSWORD));
    as.set('reviewer', await signIn(sod, 'rita', 'reviewer'));
    as.set('editor', await signIn(sod, 'wang', 'editor', ['stats']));
    as.set('viewer', await signIn(sod, 'vera', 'viewer'));
    as.set('security', await signIn(sod, 'sam', 'security_admin'));
    as.set('audit', await signIn(sod, 'ada', 'audit_admin'));
    entrantSod = await signIn(sod, 'entrant', 'editor', ['stats']);
    victim = (await addUser(sod, 'victim', 'viewer')).id;
  });
  afterAll(() => sod.close());

  const h = (who: RoleWho) => as.get(who)?.headers ?? {};
  async function pending(): Promise<number> {
    const res = await sod.inject({
      method: 'PUT',
      url: '/api/v1/indicators/gdp/observations/2024',
      headers: entrantSod.headers,
      payload: { value: '5100', dataStatus: 'preliminary', source: '快报' },
    });
    return expectStatus<{ id: number }>(res, 201).id;
  }
  const CASES: Record<string, (who: RoleWho) => Promise<InjectOptions>> = {
    'PUT observation': async (who) => ({
      method: 'PUT',
      url: '/api/v1/indicators/gdp/observations/2023',
      headers: h(who),
      payload: { value: '4800', dataStatus: 'final', source: '年鉴' },
    }),
    'POST approve': async (who) => ({
      method: 'POST',
      url: `/api/v1/revisions/${await pending()}/approve`,
      headers: h(who),
    }),
    'PUT lock': async (who) => ({ method: 'PUT', url: `/api/v1/plans/${PLAN_ID}/locks/2021`, headers: h(who) }),
    'POST /users': async (who) => ({
      method: 'POST',
      url: '/api/v1/users',
      headers: h(who),
      payload: { username: `sod-${nextSod()}`, password: 'A long enough password 3', role: 'viewer' },
    }),
    'PATCH /users (password)': async (who) => ({
      method: 'PATCH',
      url: `/api/v1/users/${victim}`,
      headers: h(who),
      payload: { password: `Another pass ${nextSod()}!x` },
    }),
    'POST unlock': async (who) => ({ method: 'POST', url: `/api/v1/users/${victim}/unlock`, headers: h(who) }),
    'GET /users': async (who) => ({ method: 'GET', url: '/api/v1/users', headers: h(who) }),
    'GET /audit': async (who) => ({ method: 'GET', url: '/api/v1/audit', headers: h(who) }),
    'GET /security-log': async (who) => ({ method: 'GET', url: '/api/v1/security-log', headers: h(who) }),
    'GET /indicators': async (who) => ({ method: 'GET', url: '/api/v1/indicators', headers: h(who) }),
  };
  const accounts = mode === 'strict' ? 403 : 200;
  // prettier-ignore
  const TABLE: Array<[string, ...number[]]> = [
    //                           admin                      reviewer editor viewer security audit
    ['PUT observation', 201, 403, 201, 403, 403, 403],
    ['POST approve', 200, 200, 403, 403, 403, 403],
    ['PUT lock', 204, 204, 403, 403, 403, 403],
    ['POST /users', mode === 'strict' ? 403 : 201, 403, 403, 403, 201, 403],
    ['PATCH /users (password)', accounts, 403, 403, 403, 200, 403],
    ['POST unlock', accounts, 403, 403, 403, 200, 403],
    ['GET /users', accounts, 403, 403, 403, 200, 403],
    ['GET /audit', accounts, 200, 403, 403, 403, 200],
    ['GET /security-log', accounts, 200, 403, 403, 403, 200],
    ['GET /indicators', 200, 200, 200, 200, 200, 200],
  ];
  const cells = TABLE.flatMap(([route, ...codes]) => ROLE_WHO.map((who, k) => [route, who, codes[k] ?? 0] as const));

  test.each(cells)('%s as %s → %i', async (route, who, status) => {
    const make = CASES[route];
    if (!make) throw new Error(`no case ${route}`);
    const res = await sod.inject(await make(who));
    expect(res.statusCode, res.body).toBe(status);
  });

  if (mode === 'strict') {
    test('M8: the admin can neither reset a reviewer’s password nor read the audit log of his own actions', async () => {
      const rita = (await sod.inject({ method: 'GET', url: '/api/v1/users', headers: h('security') }))
        .json<{ id: number; username: string }[]>()
        .find((u) => u.username === 'rita');
      const reset = await sod.inject({
        method: 'PATCH',
        url: `/api/v1/users/${rita?.id ?? 0}`,
        headers: h('admin'),
        payload: { password: 'Taken over 2026!' },
      });
      expect(reset.statusCode).toBe(403);
      expect(
        (await sod.inject({ method: 'GET', url: '/api/v1/audit?user=admin', headers: h('admin') })).statusCode,
      ).toBe(403);
    });
  }
});

describe('ROLE_SEPARATION=strict, first start', () => {
  test('creates a security and an audit administrator, each with its own password printed once', async () => {
    const lines: string[] = [];
    const strict = await buildApp({
      config: { DB_PATH: ':memory:', ADMIN_PASSWORD, WEB_DIST: '', ROLE_SEPARATION: 'strict' },
      logger: { level: 'warn', stream: { write: (l: string) => lines.push(l) } },
    });
    await strict.ready();
    try {
      // the generated passwords go to the start-up banner (app.generatedAccounts), once; the log only names the accounts
      const made = lines
        .map((l) => (JSON.parse(l) as { msg: string }).msg)
        .filter((m) => m.includes('ROLE_SEPARATION=strict'));
      expect(made).toHaveLength(2);
      expect(made.map((m) => /created "(\w+)" \((\w+)\)/.exec(m)?.slice(1))).toEqual([
        ['secadmin', 'security_admin'],
        ['auditadmin', 'audit_admin'],
      ]);
      const creds = strict.generatedAccounts;
      expect(creds.map((c) => [c.username, c.role])).toEqual([
        ['secadmin', 'security_admin'],
        ['auditadmin', 'audit_admin'],
      ]);
      const [secCred, audCred] = creds;
      expect(secCred?.password).toEqual(expect.any(String));
      expect(secCred?.password).not.toBe(audCred?.password);
      for (const c of creds) expect(lines.join('\n')).not.toContain(c.password);
      const sec = await login(strict, 'secadmin', secCred?.password);
      expect((await strict.inject({ method: 'GET', url: '/api/v1/users', headers: sec.headers })).statusCode).toBe(200);
      const aud = await login(strict, 'auditadmin', audCred?.password);
      expect((await strict.inject({ method: 'GET', url: '/api/v1/audit', headers: aud.headers })).statusCode).toBe(200);
    } finally {
      await strict.close();
    }
  });
});
