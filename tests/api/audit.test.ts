/**
 * The audit log: every write leaves exactly one entry (who, from where, what, before and after),
 * refused writes leave none, GET /audit filters, and the table itself is append-only.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  ADMIN_PASSWORD,
  addUser,
  buildTestApp,
  expectStatus,
  login,
  PASSWORD,
  PLAN_ID,
  signIn,
  type Session,
} from '../helpers/app.ts';
import { defined } from '../../server/src/lib/invariant.ts';

interface AuditEntry {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  tokenId: number | null;
  ip: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  planId: string | null;
  indicatorCode: string | null;
  before: unknown;
  after: unknown;
}

const IP = '127.0.0.42';

let app: FastifyInstance;
let admin: Session;
let editor: Session;
let reviewer: Session;

beforeAll(async () => {
  app = await buildTestApp();
  admin = await login(app, 'admin', ADMIN_PASSWORD);
  editor = await signIn(app, 'wang', 'editor', ['stats']);
  reviewer = await signIn(app, 'rita', 'reviewer');
});
afterAll(() => app.close());

const auditCount = () =>
  defined(
    app.db.$client.prepare<[], { n: number }>('SELECT count(*) AS n FROM audit_log').get(),
    "app.db.$client.prepare<[], { n: number }>('SELECT count(...",
  ).n;
const newestEntries = async (n: number) =>
  expectStatus<AuditEntry[]>(
    await app.inject({ method: 'GET', url: `/api/v1/audit?limit=${n}`, headers: admin.headers }),
    200,
  );

/** Runs one request from IP and returns its reply and the audit entries it added. */
async function audited(options: InjectOptions) {
  const before = auditCount();
  const res = await app.inject({ remoteAddress: IP, ...options });
  const added = auditCount() - before;
  return { res, added, entry: added === 0 ? undefined : (await newestEntries(added))[0] };
}

const write = (who: Session, code: string, year: number, value: string) => ({
  method: 'PUT' as const,
  url: `/api/v1/indicators/${code}/observations/${year}`,
  headers: who.headers,
  payload: { value, dataStatus: 'preliminary', source: '统计快报' },
});

describe('each write leaves exactly one entry with before and after', () => {
  test('PUT observation: the new revision after, the previous one before', async () => {
    const first = await audited(write(editor, 'gdp', 2023, '4800'));
    expect(first.res.statusCode).toBe(201);
    expect(first.added).toBe(1);
    const firstId = (first.res.json() as { id: number }).id;
    expect(first.entry).toMatchObject({
      action: 'observation.write',
      entityType: 'revision',
      entityId: String(firstId),
      username: 'wang',
      tokenId: null,
      ip: IP,
      planId: PLAN_ID,
      indicatorCode: 'gdp',
      before: null,
      after: { id: firstId, year: 2023, valueText: '4800', reviewState: 'pending' },
    });
    const second = await audited(write(editor, 'gdp', 2023, '4810'));
    expect(second.added).toBe(1);
    expect(second.entry).toMatchObject({
      before: { id: firstId, valueText: '4800' },
      after: { valueText: '4810', revisionNo: 2, baseRevisionId: firstId },
    });
  });

  test('approve and return: the review state before and after', async () => {
    const a = expectStatus<{ id: number }>(await app.inject(write(editor, 'gdp_per_capita', 2023, '50000')), 201);
    const approved = await audited({
      method: 'POST',
      url: `/api/v1/revisions/${a.id}/approve`,
      headers: reviewer.headers,
    });
    expect(approved.added).toBe(1);
    expect(approved.entry).toMatchObject({
      action: 'revision.approve',
      entityId: String(a.id),
      username: 'rita',
      ip: IP,
      indicatorCode: 'gdp_per_capita',
      before: { reviewState: 'pending' },
      after: { reviewState: 'approved' },
    });

    const b = expectStatus<{ id: number }>(await app.inject(write(editor, 'gdp_per_capita', 2023, '50100')), 201);
    const returned = await audited({
      method: 'POST',
      url: `/api/v1/revisions/${b.id}/return`,
      headers: reviewer.headers,
      payload: { reason: '口径不一致' },
    });
    expect(returned.added).toBe(1);
    expect(returned.entry).toMatchObject({
      action: 'revision.return',
      before: { reviewState: 'pending', reviewNote: null },
      after: { reviewState: 'returned', reviewNote: '口径不一致' },
    });
  });

  test('lock and unlock; repeating either changes nothing and leaves no entry', async () => {
    const url = `/api/v1/plans/${PLAN_ID}/locks/2026`;
    const lock = await audited({ method: 'PUT', url, headers: reviewer.headers });
    expect(lock.added).toBe(1);
    expect(lock.entry).toMatchObject({
      action: 'year.lock',
      entityType: 'year_lock',
      entityId: `${PLAN_ID}/2026`,
      username: 'rita',
      ip: IP,
      before: { locked: false },
      after: { locked: true },
    });
    const again = await audited({ method: 'PUT', url, headers: reviewer.headers });
    expect([again.res.statusCode, again.added]).toEqual([204, 0]);
    const unlock = await audited({ method: 'DELETE', url, headers: reviewer.headers });
    expect(unlock.added).toBe(1);
    expect(unlock.entry).toMatchObject({ action: 'year.unlock', before: { locked: true }, after: { locked: false } });
    const unlockAgain = await audited({ method: 'DELETE', url, headers: reviewer.headers });
    expect([unlockAgain.res.statusCode, unlockAgain.added]).toEqual([204, 0]);
  });

  test('assessment: none before, then the previous one', async () => {
    const payload = { year: 2022, status: 'on_track', justification: '符合预期' };
    const first = await audited({
      method: 'POST',
      url: '/api/v1/indicators/rd_intensity/assessments',
      headers: reviewer.headers,
      payload,
    });
    expect(first.added).toBe(1);
    expect(first.entry).toMatchObject({
      action: 'assessment.create',
      indicatorCode: 'rd_intensity',
      before: null,
      after: { year: 2022, status: 'on_track', assessedBy: 'rita' },
    });
    const second = await audited({
      method: 'POST',
      url: '/api/v1/indicators/rd_intensity/assessments',
      headers: reviewer.headers,
      payload: { ...payload, status: 'lagging' },
    });
    expect(second.entry).toMatchObject({ before: { status: 'on_track' }, after: { status: 'lagging' } });
  });

  test('target: the old spec before, the new one with its document after', async () => {
    const payload = {
      spec: { kind: 'level', value: 35 },
      text: '35',
      documentNo: '赣发改〔2023〕1号',
      issuedOn: '2023-01-10',
    };
    const r = await audited({
      method: 'PUT',
      url: '/api/v1/indicators/non_fossil_share/target',
      headers: admin.headers,
      payload,
    });
    expect(r.res.statusCode).toBe(200);
    expect(r.added).toBe(1);
    expect(r.entry).toMatchObject({
      action: 'target.set',
      username: 'admin',
      indicatorCode: 'non_fossil_share',
      before: { spec: { kind: 'assigned' }, text: null, note: '约束性指标具体数值按省下达任务执行' },
      after: {
        spec: { kind: 'level', value: 35 },
        text: '35',
        documentNo: '赣发改〔2023〕1号',
        issuedOn: '2023-01-10',
      },
    });
  });

  test('users: create and update, never with a password or its hash', async () => {
    const created = await audited({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { username: 'liwei', password: PASSWORD, role: 'editor', units: ['commerce'] },
    });
    expect(created.res.statusCode).toBe(201);
    expect(created.added).toBe(1);
    const id = (created.res.json() as { id: number }).id;
    expect(created.entry).toMatchObject({
      action: 'user.create',
      entityType: 'user',
      entityId: String(id),
      before: null,
      after: { username: 'liwei', role: 'editor', units: ['commerce'] },
    });
    const updated = await audited({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      headers: admin.headers,
      payload: { role: 'reviewer', password: 'Another long password 2' },
    });
    expect(updated.added).toBe(1);
    expect(updated.entry).toMatchObject({
      action: 'user.update',
      before: { role: 'editor' },
      after: { role: 'reviewer', passwordChanged: true },
    });
    for (const e of [created.entry, updated.entry]) {
      const text = JSON.stringify(e);
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain('Another long password 2');
      expect(text).not.toContain('$argon2');
    }
  });

  test('tokens: create and revoke, never with the token', async () => {
    const created = await audited({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: editor.headers,
      payload: { name: 'etl', scope: 'write' },
    });
    expect(created.added).toBe(1);
    const { id, token } = created.res.json() as { id: number; token: string };
    expect(created.entry).toMatchObject({
      action: 'token.create',
      entityType: 'token',
      entityId: String(id),
      username: 'wang',
      after: { name: 'etl', scope: 'write' },
    });
    expect(JSON.stringify(created.entry)).not.toContain(token);

    // a write through the token names the token
    const viaToken = await audited({
      ...write(editor, 'gdp', 2024, '5100'),
      headers: { authorization: `Bearer ${token}` },
    });
    expect(viaToken.entry).toMatchObject({ username: 'wang', tokenId: id });

    const revoked = await audited({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers: editor.headers });
    expect(revoked.added).toBe(1);
    expect(revoked.entry).toMatchObject({
      action: 'token.revoke',
      before: { revokedAt: null },
      after: { name: 'etl' },
    });
    expect((defined(revoked.entry, 'revoked.entry').after as { revokedAt: string | null }).revokedAt).not.toBeNull();
  });

  test('login and logout', async () => {
    await addUser(app, 'visitor', 'viewer');
    const signedIn = await audited({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'visitor', password: PASSWORD },
    });
    expect(signedIn.added).toBe(1);
    expect(signedIn.entry).toMatchObject({ action: 'auth.login', username: 'visitor', ip: IP });
    const cookie = defined(
      signedIn.res.cookies.find((c) => c.name === 'gz_session'),
      "signedIn.res.cookies.find((c) => c.name === 'gz_session')",
    );
    const headers = {
      cookie: `gz_session=${cookie.value}`,
      'x-csrf-token': (signedIn.res.json() as { csrfToken: string }).csrfToken,
    };
    const out = await audited({ method: 'POST', url: '/api/v1/auth/logout', headers });
    expect(out.added).toBe(1);
    expect(out.entry).toMatchObject({ action: 'auth.logout', username: 'visitor', ip: IP });
  });

  test.each([
    ['a 400', () => write(editor, 'gdp', 2023, 'abc'), 400],
    ['a 403 (other department)', () => write(editor, 'grain_capacity', 2023, '52'), 403],
    [
      'a 409 (stale base)',
      () => ({
        ...write(editor, 'gdp', 2023, '1'),
        payload: { value: '1', dataStatus: 'final', source: 'x', baseRevision: 1 },
      }),
      409,
    ],
    ['a 401', () => ({ ...write(editor, 'gdp', 2023, '1'), headers: {} }), 401],
    [
      'a failed login',
      () => ({
        method: 'POST' as const,
        url: '/api/v1/auth/login',
        payload: { username: 'wang', password: 'wrong password' },
      }),
      401,
    ],
    [
      'a 404',
      () => ({ method: 'POST' as const, url: '/api/v1/revisions/99999/approve', headers: reviewer.headers }),
      404,
    ],
  ])('%s leaves no entry', async (_name, request, status) => {
    const r = await audited(request());
    expect(r.res.statusCode).toBe(status);
    expect(r.added).toBe(0);
  });

  test('a locked year’s refused write leaves no entry', async () => {
    expectStatus(
      await app.inject({ method: 'PUT', url: `/api/v1/plans/${PLAN_ID}/locks/2027`, headers: reviewer.headers }),
      204,
    );
    const r = await audited(write(editor, 'gdp', 2027, '5600'));
    expect([r.res.statusCode, r.added]).toEqual([423, 0]);
  });
});

describe('GET /audit filters', () => {
  test('by indicator, by user, by plan', async () => {
    const get = (q: string) =>
      app
        .inject({ method: 'GET', url: `/api/v1/audit?${q}`, headers: reviewer.headers })
        .then((r) => expectStatus<AuditEntry[]>(r, 200));
    const gdp = await get('indicator=gdp');
    expect(gdp.length).toBeGreaterThanOrEqual(3);
    expect(gdp.every((e) => e.indicatorCode === 'gdp')).toBe(true);
    const rita = await get('user=rita');
    expect(rita.length).toBeGreaterThanOrEqual(5);
    expect(rita.every((e) => e.username === 'rita')).toBe(true);
    expect(new Set(rita.map((e) => e.action))).toEqual(
      new Set(['auth.login', 'revision.approve', 'revision.return', 'year.lock', 'year.unlock', 'assessment.create']),
    );
    const both = await get('indicator=gdp&user=wang');
    expect(both.every((e) => e.indicatorCode === 'gdp' && e.username === 'wang')).toBe(true);
    expect(both.length).toBeGreaterThanOrEqual(3);
    expect(await get('user=nobody')).toEqual([]);
    expect((await get(`plan=${PLAN_ID}`)).every((e) => e.planId === PLAN_ID)).toBe(true);
    // newest first
    const all = await get('limit=1000');
    expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => b - a));
    expect((await get('limit=2&offset=1')).map((e) => e.id)).toEqual(all.slice(1, 3).map((e) => e.id));
  });

  test('by time: from and to are inclusive ISO 8601 instants', async () => {
    const get = (q: string) =>
      app
        .inject({ method: 'GET', url: `/api/v1/audit?${q}`, headers: reviewer.headers })
        .then((r) => expectStatus<AuditEntry[]>(r, 200));
    const start = new Date(Date.now() - 1).toISOString();
    await app.inject({
      method: 'POST',
      url: '/api/v1/indicators/rd_intensity/assessments',
      headers: reviewer.headers,
      payload: { year: 2023, status: 'lagging', justification: '投入不足' },
    });
    const end = new Date(Date.now() + 1).toISOString();
    const window = await get(`from=${start}&to=${end}`);
    expect(window.map((e) => e.action)).toEqual(['assessment.create']);
    expect(defined(window[0], 'window[0]').at >= start && defined(window[0], 'window[0]').at <= end).toBe(true);
    expect(await get(`from=${end}`)).toEqual([]);
    expect(await get('to=2000-01-01T00:00:00Z')).toEqual([]);
    expect((await get(`to=${start}`)).length).toBeGreaterThan(0);
  });

  test('bounds given to the second (no milliseconds) compare as instants', async () => {
    const get = (q: string) =>
      app
        .inject({ method: 'GET', url: `/api/v1/audit?${q}`, headers: reviewer.headers })
        .then((r) => expectStatus<AuditEntry[]>(r, 200));
    // wait for a fresh second past its first millisecond, so the entry's time has a non-zero fraction
    while (new Date().getUTCMilliseconds() < 10 || new Date().getUTCMilliseconds() > 900)
      await new Promise((r) => setTimeout(r, 5));
    await app.inject({
      method: 'POST',
      url: '/api/v1/indicators/rd_intensity/assessments',
      headers: reviewer.headers,
      payload: { year: 2024, status: 'lagging', justification: '秒级边界' },
    });
    const entry = defined((await get('limit=1'))[0], "(await get('limit=1'))[0]");
    expect(entry.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const second = entry.at.slice(0, 19); // e.g. 2025-11-22T06:40:12
    // from 12Z includes 12.345; to 12Z (= 12.000) excludes it
    expect((await get(`from=${second}Z`)).map((e) => e.id)).toContain(entry.id);
    expect((await get(`to=${second}Z`)).map((e) => e.id)).not.toContain(entry.id);
    // the same instant written with more digits
    expect((await get(`from=${second}.000000Z`)).map((e) => e.id)).toContain(entry.id);
  });

  test.each([
    ['from=yesterday', 'query.from'],
    ['to=2024-13-01T00:00:00Z', 'query.to'],
    ['limit=0', 'query.limit'],
    ['limit=5000', 'query.limit'],
    ['offset=-1', 'query.offset'],
    ['indicator=BAD%20CODE', 'query.indicator'],
  ])('GET /audit?%s → 400 naming %s', async (q, field) => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/audit?${q}`, headers: reviewer.headers });
    expect(res.statusCode).toBe(400);
    expect((res.json() as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toContain(field);
  });
});

describe('append-only', () => {
  test('UPDATE and DELETE on audit_log raise', () => {
    const db = app.db.$client;
    const n = auditCount();
    expect(() => db.prepare(`UPDATE audit_log SET username = 'mallory'`).run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(auditCount()).toBe(n);
    expect(
      defined(
        db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM audit_log WHERE username = 'mallory'`).get(),
        'db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ...',
      ).n,
    ).toBe(0);
  });

  test('a revision’s value cannot be changed or deleted; its review state can', () => {
    const db = app.db.$client;
    expect(() => db.prepare(`UPDATE observation_revisions SET value_text = '1'`).run()).toThrow(/immutable/);
    expect(() => db.prepare('DELETE FROM observation_revisions').run()).toThrow(/never deleted/);
  });

  test('the entries listed match the table', async () => {
    const listed = await newestEntries(1000);
    expect(listed.length).toBe(auditCount());
  });
});
