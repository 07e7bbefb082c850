/**
 * GET /indicators in pages (issue 13): `limit` and an opaque `cursor` (header `x-next-cursor`). Without them the
 * reply is the whole list as before; a page is exactly the matching slice of it; writes between two pages never
 * repeat or skip an indicator; bad limits and cursors are problem+json 400 naming the field.
 */
import { gunzipSync } from 'node:zlib';
import { encodeCursor } from '@gz/server/lib/cursor.ts';
import type { Indicator } from '@gz/shared';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildTestApp, expectStatus, signIn, type Session } from '../helpers/app.ts';

let app: FastifyInstance;
let viewer: Session;
let editor: Session;
let reviewer: Session;

beforeAll(async () => {
  app = await buildTestApp();
  viewer = await signIn(app, 'vera', 'viewer');
  editor = await signIn(app, 'ada', 'admin');
  reviewer = await signIn(app, 'rita', 'reviewer');
});
afterAll(() => app.close());

const get = (url: string) => app.inject({ method: 'GET', url, headers: viewer.headers });
const next = (res: LightMyRequestResponse) => res.headers['x-next-cursor'] as string | undefined;

/** Follows the cursors from the first page; the pages' items and how many pages there were. */
async function allPages(query: string, between: (page: number) => Promise<void> = async () => {}) {
  const pages: Indicator[][] = [];
  let cursor: string | undefined;
  do {
    const res = await get(`/api/v1/indicators?${query}${cursor === undefined ? '' : `&cursor=${cursor}`}`);
    pages.push(expectStatus<Indicator[]>(res, 200));
    cursor = next(res);
    if (cursor !== undefined) await between(pages.length);
  } while (cursor !== undefined);
  return pages;
}

async function approvedValue(code: string, year: number, value: string) {
  const written = expectStatus<{ id: number }>(
    await app.inject({
      method: 'PUT',
      url: `/api/v1/indicators/${code}/observations/${year}`,
      headers: editor.headers,
      payload: { value, dataStatus: 'preliminary', source: '统计公报' },
    }),
    201,
  );
  expectStatus(
    await app.inject({ method: 'POST', url: `/api/v1/revisions/${written.id}/approve`, headers: reviewer.headers }),
    200,
  );
}

describe('GET /indicators without limit', () => {
  test('answers the whole list, with no cursor header', async () => {
    const res = await get('/api/v1/indicators');
    expect(expectStatus<Indicator[]>(res, 200)).toHaveLength(36);
    expect(next(res)).toBeUndefined();
  });
});

describe('pages', () => {
  test('limit=10 gives 10, 10, 10 and 6 indicators: together the whole list, in its order, byte for byte', async () => {
    const whole = expectStatus<Indicator[]>(await get('/api/v1/indicators'), 200);
    const pages = await allPages('limit=10');
    expect(pages.map((p) => p.length)).toEqual([10, 10, 10, 6]);
    expect(pages.flat()).toEqual(whole);
    expect(pages[0]?.[0]?.code).toBe('gdp');
  });

  test('the first page again (from the cache) still carries the cursor of the next', async () => {
    const first = await get('/api/v1/indicators?limit=5');
    const again = await get('/api/v1/indicators?limit=5');
    expect(again.body).toBe(first.body);
    expect(next(again)).toBe(next(first));
    expect(next(first)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  test('filters apply before paging: the 9 binding indicators in pages of 4', async () => {
    const binding = expectStatus<Indicator[]>(await get('/api/v1/indicators?attribute=binding'), 200);
    const pages = await allPages('attribute=binding&limit=4');
    expect(pages.map((p) => p.length)).toEqual([4, 4, 1]);
    expect(pages.flat()).toEqual(binding);
  });

  test('a cursor alone pages by 100: the rest of the list after the first page', async () => {
    const first = await get('/api/v1/indicators?limit=30');
    const rest = await get(`/api/v1/indicators?cursor=${next(first)}`);
    expect(expectStatus<Indicator[]>(rest, 200)).toHaveLength(6);
    expect(next(rest)).toBeUndefined();
  });

  test('values entered and approved between pages neither repeat nor skip an indicator, and show at once', async () => {
    const before = expectStatus<Indicator[]>(await get('/api/v1/indicators'), 200).map((i) => i.code);
    const pages = await allPages('limit=12', async (page) => {
      // one value on the page just read, one on the page to come
      if (page === 1) {
        await approvedValue('gdp', 2023, '4800');
        await approvedValue(before[20] ?? 'gdp', 2023, '67.5');
      }
    });
    expect(pages.map((p) => p.length)).toEqual([12, 12, 12]);
    expect(pages.flat().map((i) => i.code)).toEqual(before);
    const changed = pages[1]?.find((i) => i.code === before[20]);
    expect(changed?.latest).toMatchObject({ year: 2023, valueText: '67.5' });
  });
});

describe('bounds and bad cursors', () => {
  test.each([
    ['1', 1, true],
    ['36', 36, false],
    ['500', 36, false],
  ] as const)('limit=%s answers %i indicators (next cursor: %s)', async (limit, count, more) => {
    const res = await get(`/api/v1/indicators?limit=${limit}`);
    expect(expectStatus<Indicator[]>(res, 200)).toHaveLength(count);
    expect(next(res) !== undefined).toBe(more);
  });

  test.each(['0', '501', '-3', '2.5', 'ten'])('limit=%s is a 400 naming query.limit', async (limit) => {
    const res = await get(`/api/v1/indicators?limit=${limit}`);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'query.limit' }] });
  });

  test.each([
    ['not base64url', 'a+b/c'],
    ['not a cursor at all', 'eHl6'],
    ['a cursor of the audit log', encodeCursor('aud', 5)],
    ['too long', 'A'.repeat(65)],
  ])('a cursor that is %s is a 400 naming query.cursor', async (_why, cursor) => {
    const res = await get(`/api/v1/indicators?limit=5&cursor=${encodeURIComponent(cursor)}`);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ errors: [{ field: 'query.cursor' }] });
    expect(['invalid_cursor', 'validation_failed']).toContain(res.json().code);
  });

  test('a made-up cursor is refused with invalid_cursor', async () => {
    const res = await get(`/api/v1/indicators?limit=5&cursor=${encodeCursor('aud', 5)}`);
    expect(res.json()).toMatchObject({ status: 400, code: 'invalid_cursor' });
  });
});

describe('compressed derived reads (the gzip is made once per body)', () => {
  test.each(['/api/v1/indicators', '/api/v1/indicators?limit=7', '/api/v1/plans/ganzhou-2021-2025/summary'])(
    '%s with Accept-Encoding gzip: the same bytes gzipped, the same ETag, first computed and then from the cache',
    async (url) => {
      const plain = await get(url);
      for (const _ of [1, 2]) {
        const zipped = await app.inject({
          method: 'GET',
          url,
          headers: { ...viewer.headers, 'accept-encoding': 'br;q=0, gzip' },
        });
        expect(zipped.statusCode).toBe(200);
        expect(zipped.headers['content-encoding']).toBe('gzip');
        expect(zipped.headers.vary).toContain('accept-encoding');
        expect(zipped.headers.etag).toBe(plain.headers.etag);
        expect(zipped.headers['x-next-cursor']).toBe(plain.headers['x-next-cursor']);
        expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(plain.body);
      }
    },
  );

  test('gzip refused (q=0) or not asked: the plain body', async () => {
    for (const encoding of ['gzip;q=0', 'identity']) {
      const res = await app.inject({
        method: 'GET',
        url: '/api/v1/indicators',
        headers: { ...viewer.headers, 'accept-encoding': encoding },
      });
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(expectStatus<Indicator[]>(res, 200)).toHaveLength(36);
    }
  });
});
