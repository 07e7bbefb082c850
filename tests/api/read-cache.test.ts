/**
 * Derived reads (indicators with progress, the plan summary, trajectories, observations) are served
 * from memory while the data is unchanged, with an ETag for conditional requests. What matters is
 * that a cached reply is never stale and never reaches someone the route would refuse.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Indicator } from '@gz/shared';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildTestApp, expectStatus, PLAN_ID, signIn, type Session } from '../helpers/app.ts';

type App = Awaited<ReturnType<typeof buildTestApp>>;

describe('ETag and 304 on derived reads', () => {
  let app: App;
  let wang: Session;
  let rita: Session;
  beforeAll(async () => {
    app = await buildTestApp();
    wang = await signIn(app, 'wang', 'editor', ['stats']);
    rita = await signIn(app, 'rita', 'reviewer');
  });
  afterAll(() => app.close());

  const get = (url: string, etag?: string) =>
    app.inject({
      method: 'GET',
      url,
      headers: { ...wang.headers, ...(etag === undefined ? {} : { 'if-none-match': etag }) },
    });

  test.each([
    '/api/v1/indicators',
    '/api/v1/indicators/gdp',
    `/api/v1/plans/${PLAN_ID}/summary`,
    '/api/v1/indicators/gdp/trajectory',
  ])('%s: 200 with an ETag, the same bytes again, then 304 without a body when the ETag is sent back', async (url) => {
    const first = await get(url);
    expect(first.statusCode).toBe(200);
    // signed in: stored by no cache (L7); the ETag still answers If-None-Match
    expect(first.headers['cache-control']).toBe('no-store');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]{32}"$/);

    const again = await get(url);
    expect(again.statusCode).toBe(200);
    expect(again.body).toBe(first.body);
    expect(again.headers.etag).toBe(etag);
    expect(again.headers['content-type']).toBe(first.headers['content-type']);

    const notModified = await get(url, etag);
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');
    expect(notModified.headers.etag).toBe(etag);

    expect((await get(url, `"other", W/${etag}`)).statusCode).toBe(304);
    expect((await get(url, '"something-else"')).statusCode).toBe(200);
  });

  test('each query has its own entry', async () => {
    const all = await get('/api/v1/indicators');
    const binding = await get('/api/v1/indicators?attribute=binding');
    expect(expectStatus<Indicator[]>(binding, 200)).toHaveLength(9);
    expect(binding.headers.etag).not.toBe(all.headers.etag);
    expect((await get('/api/v1/indicators?attribute=binding', String(all.headers.etag))).statusCode).toBe(200);
  });

  test('a write that changes the figures changes the reply at once; one that does not keeps the ETag valid', async () => {
    const url = '/api/v1/indicators/gdp?year=2023';
    const before = await get(url);
    const etag = String(before.headers.etag);
    expect(expectStatus<Indicator>(before, 200).latest?.year).toBe(2022);

    // an unrelated write (a sign-in stores a session) moves the data version: recomputed, same bytes, still 304
    await signIn(app, 'vera', 'viewer');
    expect((await get(url, etag)).statusCode).toBe(304);

    // a pending value does not count yet, but the list of revisions shows it at once
    const observations = expectStatus<{ revisions: unknown[] }>(await get('/api/v1/indicators/gdp/observations'), 200)
      .revisions.length;
    const written = expectStatus<{ id: number }>(
      await app.inject({
        method: 'PUT',
        url: '/api/v1/indicators/gdp/observations/2023',
        headers: wang.headers,
        payload: { value: '4700', dataStatus: 'preliminary', source: '统计公报' },
      }),
      201,
    );
    expect(
      expectStatus<{ revisions: unknown[] }>(await get('/api/v1/indicators/gdp/observations'), 200).revisions,
    ).toHaveLength(observations + 1);
    expect((await get(url, etag)).statusCode).toBe(304);

    // approved, it counts: the cached reply is gone and the ETag no longer matches
    expectStatus(
      await app.inject({ method: 'POST', url: `/api/v1/revisions/${written.id}/approve`, headers: rita.headers }),
      200,
    );
    const after = await get(url, etag);
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(expectStatus<Indicator>(after, 200).latest).toMatchObject({ year: 2023, valueText: '4700' });
  });

  test('a cached reply is not given to a caller the route refuses', async () => {
    expect((await get('/api/v1/indicators')).statusCode).toBe(200);
    const anonymous = await app.inject({ method: 'GET', url: '/api/v1/indicators' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers.etag).toBeUndefined();
  });
});

describe('with PUBLIC_READ, the pending preview stays for signed-in callers', () => {
  test('a cached includePending=true reply is refused to an anonymous caller', async () => {
    const app = await buildTestApp({ PUBLIC_READ: true });
    try {
      const viewer = await signIn(app, 'vera', 'viewer');
      const url = '/api/v1/indicators?includePending=true';
      expect((await app.inject({ method: 'GET', url, headers: viewer.headers })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url })).statusCode).toBe(401);
      expect((await app.inject({ method: 'GET', url: '/api/v1/indicators' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('a write by another process (the CLI, a restore) is seen too', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gz-cache-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // over HTTP, as a reader meets it: the server reads the data version once per turn of its event loop, and a
  // request that comes over the network is read in a turn after the one it was sent in (see data-version.test.ts)
  test('a value approved through a second connection shows in the next read', async () => {
    const path = join(dir, 'cache.db');
    const app = await buildTestApp({ DB_PATH: path });
    try {
      const viewer = await signIn(app, 'vera', 'viewer');
      const base = await app.listen({ host: '127.0.0.1', port: 0 });
      const latest = async () => {
        const res = await fetch(`${base}/api/v1/indicators/gdp?year=2023`, { headers: viewer.headers });
        expect(res.status).toBe(200);
        return ((await res.json()) as Indicator).latest;
      };
      expect((await latest())?.year).toBe(2022);

      const other = new Database(path);
      other
        .prepare(
          `INSERT INTO observation_revisions (indicator_id, year, revision_no, value_text, data_status, source, review_state)
           SELECT id, 2023, 1, '4811', 'final', 'other process', 'approved' FROM indicators WHERE plan_id = ? AND code = 'gdp'`,
        )
        .run(PLAN_ID);
      other.close();

      expect(await latest()).toMatchObject({ year: 2023, valueText: '4811' });
    } finally {
      await app.close();
    }
  });
});
