/**
 * Sessions and tokens found are kept in memory between writes (issue 13). What must not change: a deactivation,
 * a revoked token or an expired session takes effect on the very next request — also when the change comes
 * through another connection (the CLI) or from the clock alone (idle timeout, expiry), with no write at all.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { buildTestApp, expectStatus, signIn, type Session } from '../helpers/app.ts';

const dir = mkdtempSync(join(tmpdir(), 'gz-lookups-'));
const file = join(dir, 'tracker.db');
let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp({ DB_PATH: file });
});
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.useRealTimers();
});

const me = (headers: Record<string, string>) => app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });

describe('kept lookups take every change at once', () => {
  // over HTTP, as the CLI's change meets a browser: the server reads the data version once per turn of its event
  // loop, and a request that comes over the network is read in a turn after the one it was sent in
  test('a user deactivated through another connection is refused on the next request', async () => {
    const vera: Session = await signIn(app, 'vera', 'viewer');
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const meOverHttp = async () => (await fetch(`${base}/api/v1/auth/me`, { headers: vera.headers })).status;
    expect(await meOverHttp()).toBe(200);
    expect(await meOverHttp()).toBe(200);
    const other = new Database(file);
    try {
      other.prepare(`UPDATE users SET active = 0 WHERE username = 'vera'`).run();
    } finally {
      other.close();
    }
    expect(await meOverHttp()).toBe(401);
  });

  test('a revoked token is refused on the next request', async () => {
    const wang = await signIn(app, 'wang', 'editor', ['stats']);
    const created = expectStatus<{ id: number; token: string }>(
      await app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: wang.headers,
        payload: { name: 'etl', scope: 'read' },
      }),
      201,
    );
    const bearer = { authorization: `Bearer ${created.token}` };
    expect((await me(bearer)).statusCode).toBe(200);
    expect((await me(bearer)).statusCode).toBe(200);
    expectStatus(
      await app.inject({ method: 'DELETE', url: `/api/v1/tokens/${created.id}`, headers: wang.headers }),
      204,
    );
    const refused = await me(bearer);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ code: 'invalid_token' });
  });

  test('a session idle for longer than SESSION_IDLE_MINUTES ends by the clock alone, with no write between', async () => {
    const rita = await signIn(app, 'rita', 'reviewer');
    expect((await me(rita.headers)).statusCode).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 31 * 60_000 });
    expect((await me(rita.headers)).statusCode).toBe(401);
  });

  test('a session past its absolute lifetime ends by the clock alone', async () => {
    const ada = await signIn(app, 'ada', 'admin');
    expect((await me(ada.headers)).statusCode).toBe(200);
    // used every 20 minutes (never idle), for 13 hours: the 12-hour lifetime ends it
    let now = Date.now();
    vi.useFakeTimers({ toFake: ['Date'], now });
    for (let k = 0; k < 36; k++) {
      now += 20 * 60_000;
      vi.setSystemTime(now);
      const res = await me(ada.headers);
      // the 36th step reaches 12 hours: the first refused
      expect(res.statusCode).toBe(k < 35 ? 200 : 401);
    }
  });
});
