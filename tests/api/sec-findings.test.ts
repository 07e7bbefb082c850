/**
 * Regression tests of the probe's findings (#10) that are not about accounts: draft leaks (M1), the
 * CSV line-break bypass (M2), X-Forwarded-For spoofing (M4), PUBLIC_READ leaks (M5), per-value
 * import audit (L4), pagination (L5), target and text validation, -0 (L6), no-store and HSTS (L7),
 * and the review-state trigger (L8). Each fails on the code as the probe found it.
 */
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseTrustProxy } from '@gz/server/config.ts';
import { ADMIN_PASSWORD, buildTestApp, expectStatus, login, PLAN_ID, signIn, type Session } from '../helpers/app.ts';

let app: FastifyInstance;
let admin: Session;
let editor: Session;
let reviewer: Session;
let viewer: Session;
const DRAFT = 'ganzhou-2026-2030';

const put = (who: Session, code: string, year: number, body: object, plan = PLAN_ID) =>
  app.inject({
    method: 'PUT',
    url: `/api/v1/indicators/${code}/observations/${year}?plan=${plan}`,
    headers: who.headers,
    payload: body,
  });

beforeAll(async () => {
  app = await buildTestApp();
  admin = await login(app, 'admin', ADMIN_PASSWORD);
  editor = await signIn(app, 'wang', 'editor', ['stats']);
  reviewer = await signIn(app, 'rita', 'reviewer');
  viewer = await signIn(app, 'vera', 'viewer');
  expectStatus(
    await app.inject({
      method: 'POST',
      url: `/api/v1/plans/${PLAN_ID}/successor`,
      headers: admin.headers,
      payload: { id: DRAFT, title: '十五五草案', baselineYear: 2025, targetYear: 2030 },
    }),
    201,
  );
});
afterAll(() => app.close());

describe('M1: a draft plan is invisible outside its admins, and not reviewable', () => {
  let draftRevision: number;
  beforeAll(async () => {
    draftRevision = expectStatus<{ id: number }>(
      await put(admin, 'gdp', 2026, { value: '6100', dataStatus: 'preliminary', source: '草案测算' }, DRAFT),
      201,
    ).id;
  });

  test('GET /revisions of a viewer or reviewer lists no draft value; the admin sees it', async () => {
    for (const who of [viewer, reviewer]) {
      const items = expectStatus<{ id: number; planId: string }[]>(
        await app.inject({ method: 'GET', url: '/api/v1/revisions', headers: who.headers }),
        200,
      );
      expect(items.some((r) => r.planId === DRAFT || r.id === draftRevision)).toBe(false);
    }
    const mine = expectStatus<{ id: number }[]>(
      await app.inject({ method: 'GET', url: '/api/v1/revisions', headers: admin.headers }),
      200,
    );
    expect(mine.some((r) => r.id === draftRevision)).toBe(true);
  });

  test('GET /audit of a reviewer shows no entry of the draft plan', async () => {
    const entries = expectStatus<{ planId: string | null }[]>(
      await app.inject({ method: 'GET', url: '/api/v1/audit?limit=1000', headers: reviewer.headers }),
      200,
    );
    expect(entries.filter((e) => e.planId === DRAFT)).toEqual([]);
    const all = expectStatus<{ planId: string | null }[]>(
      await app.inject({ method: 'GET', url: '/api/v1/audit?limit=1000', headers: admin.headers }),
      200,
    );
    expect(all.filter((e) => e.planId === DRAFT).length).toBeGreaterThanOrEqual(2); // the plan and the value
  });

  test('a reviewer cannot approve a draft plan’s revision (409 plan_not_published)', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/revisions/${draftRevision}/approve`,
      headers: reviewer.headers,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'plan_not_published' });
  });
});

describe('M2: the CSV export survives a two-line note with a formula on its second line', () => {
  test('parsed again by csv-parse: columns intact, no cell starts with =', async () => {
    const written = expectStatus<{ id: number }>(
      await put(editor, 'gdp', 2024, {
        value: '5100',
        dataStatus: 'preliminary',
        source: '快报',
        note: '第一行\n=1+2',
      }),
      201,
    );
    expectStatus(
      await app.inject({ method: 'POST', url: `/api/v1/revisions/${written.id}/approve`, headers: reviewer.headers }),
      200,
    );
    const csv = (await app.inject({ method: 'GET', url: '/api/v1/export.csv', headers: editor.headers })).body.replace(
      /^\uFEFF/,
      '',
    );
    const records = parse(csv, { relax_column_count: true }) as string[][];
    const width = records[0]?.length ?? 0;
    expect(width).toBeGreaterThan(5);
    expect(records.every((r) => r.length === width)).toBe(true);
    expect(records.flat().filter((cell) => cell.startsWith('='))).toEqual([]);
    // and no line inside a cell starts a formula either
    expect(records.flat().filter((cell) => /(^|[\r\n])[=+@]/.test(cell))).toEqual([]);
    const row = records.find((r) => r.some((c) => c.startsWith('第一行')));
    expect(row?.find((c) => c.startsWith('第一行'))).toBe("第一行\n'=1+2");
  });
});

describe('M4: TRUST_PROXY never lets a client choose its address', () => {
  test('parseTrustProxy: false, true, hop counts and address lists', () => {
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('true')).toBe(true);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('10.0.0.1, 10.0.0.0/24')).toEqual(['10.0.0.1', '10.0.0.0/24']);
  });

  test.each([
    ['true (one hop)', true],
    ['the proxy’s address', ['127.0.0.1']],
  ] as const)(
    'with %s the audit log records the address the proxy saw, not the one the client claims',
    async (_label, trust) => {
      const proxied = await buildTestApp({ TRUST_PROXY: trust as true });
      try {
        // the client claims 1.2.3.4; the proxy (127.0.0.1) appends the real client 203.0.113.7
        const res = await proxied.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress: '127.0.0.1',
          headers: { 'x-forwarded-for': '1.2.3.4, 203.0.113.7' },
          payload: { username: 'admin', password: ADMIN_PASSWORD },
        });
        expect(res.statusCode).toBe(200);
        const row = proxied.db.$client.prepare("SELECT ip FROM audit_log WHERE action = 'auth.login'").get() as {
          ip: string;
        };
        expect(row.ip).toBe('203.0.113.7');
      } finally {
        await proxied.close();
      }
    },
  );
});

describe('M5: PUBLIC_READ shows approved values only, and no names', () => {
  test('anonymous observations: no pending revision, no enteredBy or reviewedBy', async () => {
    const open = await buildTestApp({ PUBLIC_READ: true });
    try {
      const ed = await signIn(open, 'wang', 'editor', ['stats']);
      expectStatus(
        await open.inject({
          method: 'PUT',
          url: '/api/v1/indicators/gdp/observations/2024',
          headers: ed.headers,
          payload: { value: '5100', dataStatus: 'preliminary', source: '快报' },
        }),
        201,
      );
      const anon = expectStatus<{
        current: { enteredBy: string | null }[];
        revisions: { reviewState: string; enteredBy: string | null; reviewedBy: string | null }[];
      }>(await open.inject({ method: 'GET', url: '/api/v1/indicators/gdp/observations' }), 200);
      expect(anon.revisions.length).toBeGreaterThan(0);
      expect(
        anon.revisions.every((r) => r.reviewState === 'approved' && r.enteredBy === null && r.reviewedBy === null),
      ).toBe(true);
      expect(anon.current.every((o) => o.enteredBy === null)).toBe(true);
      // a signed-in reader still sees the pending value and its author (and is not served the public copy)
      const signedIn = expectStatus<{ revisions: { reviewState: string; enteredBy: string | null }[] }>(
        await open.inject({ method: 'GET', url: '/api/v1/indicators/gdp/observations', headers: ed.headers }),
        200,
      );
      expect(signedIn.revisions.some((r) => r.reviewState === 'pending' && r.enteredBy === 'wang')).toBe(true);
      const list = expectStatus<{ latest: { enteredBy: string | null } | null }[]>(
        await open.inject({ method: 'GET', url: '/api/v1/indicators' }),
        200,
      );
      expect(list.every((i) => i.latest === null || i.latest.enteredBy === null)).toBe(true);
    } finally {
      await open.close();
    }
  });
});

describe('L4: an import is audited per value, before and after, grouped by its import id', () => {
  test('two rows → one commit entry and two value entries with the same import id', async () => {
    const csv =
      '\uFEFF指标代码 code,年份 year,数值 value,数据状态 dataStatus,来源 source\r\ngdp,2022,4600,final,年鉴\r\nretail_sales,2023,2100,preliminary,快报\r\n';
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/import',
      headers: { ...editor.headers, 'content-type': 'text/csv; charset=utf-8' },
      payload: csv,
    });
    const report = expectStatus<{ importId: number; created: number }>(res, 200);
    expect(report.created).toBe(2);
    const entries = expectStatus<
      {
        action: string;
        importId: number;
        username: string;
        role: string;
        indicatorCode: string | null;
        before: { valueText: string } | null;
        after: { valueText: string };
      }[]
    >(
      await app.inject({ method: 'GET', url: `/api/v1/audit?import=${report.importId}`, headers: reviewer.headers }),
      200,
    );
    expect(entries.map((e) => [e.action, e.indicatorCode]).sort()).toEqual([
      ['import.commit', null],
      ['observation.write', 'gdp'],
      ['observation.write', 'retail_sales'],
    ]);
    const gdp = entries.find((e) => e.indicatorCode === 'gdp');
    expect(gdp?.before?.valueText).toBe('4524'); // the documented 2022 figure it supersedes
    expect(gdp?.after.valueText).toBe('4600');
    expect(entries.every((e) => e.importId === report.importId)).toBe(true);
    // the actor as the audit log records it: who, in which role, from where
    expect(entries.every((e) => e.username === 'wang' && e.role === 'editor')).toBe(true);
  });
});

describe('L5: /revisions and /audit come in pages', () => {
  test('limit and an opaque cursor walk /revisions without gaps or repeats; a bad cursor is a problem', async () => {
    for (const year of [2021, 2022, 2023])
      expectStatus(
        await put(editor, 'retail_sales', year, { value: '1900', dataStatus: 'final', source: '年鉴' }),
        201,
      );
    const all = expectStatus<{ id: number }[]>(
      await app.inject({ method: 'GET', url: '/api/v1/revisions', headers: reviewer.headers }),
      200,
    );
    expect(all.length).toBeGreaterThanOrEqual(4);
    const seen: number[] = [];
    let url = '/api/v1/revisions?limit=2';
    for (let i = 0; i < 10; i += 1) {
      const res = await app.inject({ method: 'GET', url, headers: reviewer.headers });
      seen.push(...expectStatus<{ id: number }[]>(res, 200).map((r) => r.id));
      const next = res.headers['x-next-cursor'];
      if (next === undefined) break;
      url = `/api/v1/revisions?limit=2&cursor=${String(next)}`;
    }
    expect(seen).toEqual(all.map((r) => r.id));
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/revisions?limit=1001', headers: reviewer.headers })).statusCode,
    ).toBe(400);
    const bad = await app.inject({ method: 'GET', url: '/api/v1/revisions?cursor=abc', headers: reviewer.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'invalid_cursor', errors: [{ field: 'query.cursor' }] });
  });

  test('/audit: pages by cursor', async () => {
    const first = await app.inject({ method: 'GET', url: '/api/v1/audit?limit=3', headers: reviewer.headers });
    const page1 = expectStatus<{ id: number }[]>(first, 200);
    const page2 = expectStatus<{ id: number }[]>(
      await app.inject({
        method: 'GET',
        url: `/api/v1/audit?limit=3&cursor=${String(first.headers['x-next-cursor'])}`,
        headers: reviewer.headers,
      }),
      200,
    );
    expect(page2[0]?.id).toBeLessThan(page1[2]?.id ?? 0);
    const all = expectStatus<{ id: number }[]>(
      await app.inject({ method: 'GET', url: '/api/v1/audit?limit=6', headers: reviewer.headers }),
      200,
    );
    expect([...page1, ...page2].map((e) => e.id)).toEqual(all.map((e) => e.id));
  });
});

describe('L6: targets, text fields and -0', () => {
  test.each([
    ['gdp', { kind: 'level', value: 0 }],
    ['gdp', { kind: 'level', value: -1 }],
    ['gdp', { kind: 'level', value: 1e308 }],
    ['digital_economy_share', { kind: 'level', value: 120 }],
    ['industrial_value_added_growth', { kind: 'annual_rate', rate: 150 }],
  ])('target of %s %j → 400 naming body.spec', async (code, spec) => {
    const res = await app.inject({
      method: 'PUT',
      url: `/api/v1/indicators/${code}/target`,
      headers: admin.headers,
      payload: { spec, text: 'x', documentNo: '赣府字〔2022〕12号', issuedOn: '2022-03-01' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errors: [{ field: 'body.spec' }] });
  });

  test('a plausible target is still accepted', async () => {
    const res = await app.inject({
      method: 'PUT',
      url: '/api/v1/indicators/digital_economy_share/target',
      headers: admin.headers,
      payload: {
        spec: { kind: 'level', value: 10 },
        text: '10',
        documentNo: '赣府字〔2022〕12号',
        issuedOn: '2022-03-01',
      },
    });
    expect(res.statusCode).toBe(200);
  });

  test('a 2 MiB plan title and a NUL source are refused, naming the field', async () => {
    const big = await app.inject({
      method: 'POST',
      url: `/api/v1/plans/${PLAN_ID}/successor`,
      headers: admin.headers,
      payload: { id: 'huge-title', title: '长'.repeat(1024 * 1024), baselineYear: 2025, targetYear: 2030 },
    });
    expect(big.statusCode).toBe(400);
    expect(big.json()).toMatchObject({ errors: [{ field: 'body.title' }] });
    const nul = await put(editor, 'gdp', 2023, { value: '4800', dataStatus: 'final', source: '\u0000' });
    expect(nul.statusCode).toBe(400);
    expect(nul.json()).toMatchObject({ errors: [{ field: 'body.source' }] });
    const esc = await put(editor, 'gdp', 2023, {
      value: '4800',
      dataStatus: 'final',
      source: '年鉴',
      note: 'a\u001b[31mred',
    });
    expect(esc.json()).toMatchObject({ errors: [{ field: 'body.note' }] });
  });

  test('-0 is stored as 0', async () => {
    const res = expectStatus<{ valueText: string }>(
      await put(admin, 'industrial_value_added_growth', 2023, { value: '-0.0', dataStatus: 'final', source: '年鉴' }),
      201,
    );
    expect(res.valueText).toBe('0.0');
  });
});

describe('L7: caching and HSTS', () => {
  test('private replies carry Cache-Control: no-store; plain HTTP gets no HSTS', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: viewer.headers });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/users', headers: admin.headers })).headers['cache-control'],
    ).toBe('no-store');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('L8: the review state only moves from pending to approved or returned', () => {
  test('approved → pending and returned → approved are refused by the database', () => {
    const db = app.db.$client;
    const approved = db
      .prepare("SELECT id FROM observation_revisions WHERE review_state = 'approved' LIMIT 1")
      .get() as { id: number };
    expect(() =>
      db.prepare("UPDATE observation_revisions SET review_state = 'pending' WHERE id = ?").run(approved.id),
    ).toThrow(/illegal review-state transition/);
    const pending = db.prepare("SELECT id FROM observation_revisions WHERE review_state = 'pending' LIMIT 1").get() as {
      id: number;
    };
    db.prepare("UPDATE observation_revisions SET review_state = 'returned' WHERE id = ?").run(pending.id);
    expect(() =>
      db.prepare("UPDATE observation_revisions SET review_state = 'approved' WHERE id = ?").run(pending.id),
    ).toThrow(/illegal review-state transition/);
  });
});

describe('L5: reads per API token are rate-limited', () => {
  test('READ_RATE_LIMIT reads a minute per token, then 429 (logged); a session is not counted per token', async () => {
    const limited = await buildTestApp({ READ_RATE_LIMIT: 3 });
    try {
      const s = await login(limited, 'admin', ADMIN_PASSWORD);
      const created = expectStatus<{ token: string }>(
        await limited.inject({
          method: 'POST',
          url: '/api/v1/tokens',
          headers: s.headers,
          payload: { name: 'poller', scope: 'read' },
        }),
        201,
      );
      const auth = { authorization: `Bearer ${created.token}` };
      const codes: number[] = [];
      for (let i = 0; i < 4; i += 1)
        codes.push((await limited.inject({ method: 'GET', url: '/api/v1/plans', headers: auth })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429]);
      for (let i = 0; i < 4; i += 1)
        expect((await limited.inject({ method: 'GET', url: '/api/v1/plans', headers: s.headers })).statusCode).toBe(
          200,
        );
      const denied = limited.db.$client
        .prepare("SELECT status, token_id AS tokenId FROM security_log WHERE event = 'request.denied'")
        .all();
      expect(denied).toEqual([{ status: 429, tokenId: expect.any(Number) }]);
    } finally {
      await limited.close();
    }
  });
});
