/**
 * 50 writers and 50 readers hammer a listening server over real HTTP for a few seconds. Writers
 * contend for four indicator-years with optimistic concurrency (each sends the revision it saw), so
 * most of their writes conflict. Afterwards: no 5xx, every conflict a 409 naming the current revision,
 * every acknowledged write stored exactly once, and each indicator-year's history one unbroken chain.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '@gz/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_PASSWORD, addUser, login, PLAN_ID, tokenFor } from '../helpers/app.ts';
import { defined } from '../../server/src/lib/invariant.ts';

const WRITERS = 50;
const READERS = 50;
const DURATION_MS = 4_000;
// each writer tries at least this often, so that a slow or busy machine still sees real contention
const MIN_WRITES_EACH = 3;
const CELLS = [
  { code: 'gdp', year: 2022 }, // has the seeded, approved revision 1 already
  { code: 'gdp', year: 2023 },
  { code: 'gdp_per_capita', year: 2023 },
  { code: 'retail_sales', year: 2024 },
] as const;
const READ_URLS = [
  '/api/v1/indicators',
  '/api/v1/indicators/gdp',
  '/api/v1/indicators/gdp/observations',
  `/api/v1/plans/${PLAN_ID}/summary`,
  '/api/v1/revisions?state=pending',
];

interface Acknowledged {
  id: number;
  code: string;
  year: number;
  base: number | null;
}

interface StoredRevision {
  id: number;
  code: string;
  year: number;
  revision_no: number;
  base_revision_id: number | null;
  entered_by: number | null;
}

describe(`${WRITERS} concurrent writers and ${READERS} readers over HTTP`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'gz-load-'));
  let app: Awaited<ReturnType<typeof buildApp>>;
  let base: string;
  const statuses = new Map<number, number>();
  const acknowledged: Acknowledged[] = [];
  const badConflicts: string[] = [];
  const nonMonotonic: string[] = [];
  let conflicts = 0;
  let reads = 0;

  const tally = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);

  beforeAll(async () => {
    app = await buildApp({
      config: { DB_PATH: join(dir, 'load.db'), ADMIN_PASSWORD, WEB_DIST: '', WRITE_RATE_LIMIT: 1_000_000 },
    });
    await app.ready();
    base = await app.listen({ host: '127.0.0.1', port: 0 });

    // five editors of the statistics bureau with write tokens; readers use a viewer's read token
    const writeTokens: string[] = [];
    for (let i = 0; i < 5; i++) {
      await addUser(app, `editor${i}`, 'editor', ['stats']);
      writeTokens.push((await tokenFor(app, await login(app, `editor${i}`), 'write')).authorization);
    }
    await addUser(app, 'reader', 'viewer');
    const readToken = (await tokenFor(app, await login(app, 'reader'), 'read')).authorization;
    const deadline = Date.now() + DURATION_MS;

    async function writer(w: number) {
      const cell = defined(CELLS[w % CELLS.length], 'CELLS[w % CELLS.length]');
      const headers = {
        authorization: defined(writeTokens[w % writeTokens.length], 'writeTokens[w % writeTokens.length]'),
        'content-type': 'application/json',
      };
      const seen = await fetch(`${base}/api/v1/indicators/${cell.code}/observations`, { headers });
      tally(seen.status);
      const history = (await seen.json()) as { revisions: Array<{ year: number; revisionId: number }> };
      let current: number | null = history.revisions.filter((r) => r.year === cell.year).at(-1)?.revisionId ?? null;
      let n = 0;
      while (n < MIN_WRITES_EACH || Date.now() < deadline) {
        n += 1;
        const res = await fetch(`${base}/api/v1/indicators/${cell.code}/observations/${cell.year}`, {
          method: 'PUT',
          headers,
          body: JSON.stringify({
            value: String(1000 + w * 1000 + n),
            dataStatus: 'preliminary',
            source: `writer ${w}`,
            baseRevision: current,
          }),
        });
        tally(res.status);
        const body = (await res.json()) as { id?: number; code?: string; current?: { id: number } | null };
        if (res.status === 201) {
          acknowledged.push({ id: defined(body.id, 'body.id'), code: cell.code, year: cell.year, base: current });
          current = defined(body.id, 'body.id');
        } else if (res.status === 409) {
          conflicts += 1;
          // a conflict must name the revision that won, so that the client can rebase on it
          if (body.code !== 'conflict' || typeof body.current?.id !== 'number') badConflicts.push(JSON.stringify(body));
          else current = body.current.id;
        }
      }
    }

    async function reader(r: number) {
      const headers = { authorization: readToken };
      let lastSeen = 0;
      for (let n = r; Date.now() < deadline; n++) {
        const url = defined(READ_URLS[n % READ_URLS.length], 'READ_URLS[n % READ_URLS.length]');
        const res = await fetch(base + url, { headers });
        tally(res.status);
        const body = (await res.json()) as { revisions?: unknown[] };
        reads += 1;
        // one server, one database: a reader never sees history shrink
        if (url.endsWith('/observations') && body.revisions) {
          if (body.revisions.length < lastSeen) nonMonotonic.push(`${url}: ${body.revisions.length} after ${lastSeen}`);
          lastSeen = body.revisions.length;
        }
      }
    }

    await Promise.all([
      ...Array.from({ length: WRITERS }, (_, w) => writer(w)),
      ...Array.from({ length: READERS }, (_, r) => reader(r)),
    ]);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const stored = () =>
    app.db.$client
      .prepare<[], StoredRevision>(
        `SELECT r.id, i.code, r.year, r.revision_no, r.base_revision_id, r.entered_by
         FROM observation_revisions r JOIN indicators i ON i.id = r.indicator_id ORDER BY r.id`,
      )
      .all();

  test('every reply is 200, 201 or 409: no 5xx, nothing else', () => {
    expect([...statuses.keys()].sort()).toEqual([200, 201, 409]);
    expect(reads).toBeGreaterThanOrEqual(READERS);
  });

  test('writers really contended, and every conflict was a 409 naming the current revision', () => {
    expect(conflicts).toBeGreaterThan(acknowledged.length);
    expect(badConflicts).toEqual([]);
    expect(nonMonotonic).toEqual([]);
  });

  test('every acknowledged write is stored exactly once, with its audit entry, and nothing else was stored', () => {
    const ids = acknowledged.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    const written = stored().filter((r) => r.entered_by !== null);
    expect(written.map((r) => r.id)).toEqual([...ids].sort((a, b) => a - b));
    const audited = defined(
      app.db.$client
        .prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'observation.write'")
        .get(),
      'app.db.$client .prepare<[], { n: number }>("SELECT COUNT(...',
    );
    expect(audited.n).toBe(ids.length);
    // each stored revision was based on exactly the revision its writer had seen
    const byId = new Map(written.map((r) => [r.id, r]));
    for (const a of acknowledged)
      expect(byId.get(a.id)).toMatchObject({ code: a.code, year: a.year, base_revision_id: a.base });
  });

  test('each indicator-year is one unbroken chain: revision n is based on revision n − 1', () => {
    const all = stored();
    for (const cell of CELLS) {
      const chain = all
        .filter((r) => r.code === cell.code && r.year === cell.year)
        .sort((a, b) => a.revision_no - b.revision_no);
      expect(chain.length, `${cell.code} ${cell.year}`).toBeGreaterThan(1);
      expect(chain.map((r) => r.revision_no)).toEqual(chain.map((_, k) => k + 1));
      expect(defined(chain[0], 'chain[0]').base_revision_id).toBeNull();
      for (let k = 1; k < chain.length; k++)
        expect(defined(chain[k], 'chain[k]').base_revision_id).toBe(defined(chain[k - 1], 'chain[k - 1]').id);
    }
  });

  test('the database passes its integrity check', () => {
    expect(app.db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
