/**
 * Migrations and the seed load are idempotent: opening a database file again, or restarting the app
 * on it, changes nothing. Uses real files in a temporary folder (WAL needs a file, not :memory:).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '@gz/server';
import { openDatabase, type Db } from '@gz/server/db/client.ts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_PASSWORD, PASSWORD } from '../helpers/app.ts';
import { defined } from '../../server/src/lib/invariant.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gz-migrations-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tablesOf = (db: Db) =>
  db.$client
    .prepare<[], { type: string; name: string }>(
      `SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`,
    )
    .all()
    .map((r) => `${r.type} ${r.name}`);

const count = (db: Db, table: string) =>
  defined(
    db.$client.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get(),
    'db.$client.prepare<[], { n: number }>(`SELECT count(*) AS...',
  ).n;

describe('migrations', () => {
  test('apply to an empty file, and again to the same file without error', () => {
    const file = join(dir, 'twice.db');
    const first = openDatabase(file);
    const schema = tablesOf(first);
    const applied = count(first, '__drizzle_migrations');
    first.$client.close();

    const second = openDatabase(file);
    expect(tablesOf(second)).toEqual(schema);
    expect(count(second, '__drizzle_migrations')).toBe(applied);
    second.$client.close();

    for (const table of [
      'plans',
      'categories',
      'indicators',
      'target_versions',
      'users',
      'sessions',
      'api_tokens',
      'observation_revisions',
      'assessments',
      'year_locks',
      'audit_log',
    ]) {
      expect(schema).toContain(`table ${table}`);
    }
    for (const trigger of [
      'audit_log_no_update',
      'audit_log_no_delete',
      'revisions_value_immutable',
      'revisions_no_delete',
    ]) {
      expect(schema).toContain(`trigger ${trigger}`);
    }
  });

  test('a folder that does not exist yet is created', () => {
    const db = openDatabase(join(dir, 'nested', 'deeper', 'tracker.db'));
    expect(count(db, 'plans')).toBe(0);
    db.$client.close();
  });

  test('the connection runs in WAL mode with foreign keys on', () => {
    const db = openDatabase(join(dir, 'pragmas.db'));
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    db.$client.close();
  });
});

describe('restart', () => {
  const counts = (db: Db) => ({
    plans: count(db, 'plans'),
    categories: count(db, 'categories'),
    indicators: count(db, 'indicators'),
    targetVersions: count(db, 'target_versions'),
    revisions: count(db, 'observation_revisions'),
    users: count(db, 'users'),
  });

  test('building the app twice on the same file loads the seed and the admin once', async () => {
    const file = join(dir, 'restart.db');
    const config = { DB_PATH: file, ADMIN_PASSWORD, WEB_DIST: '' };
    const first = await buildApp({ config });
    await first.ready();
    const before = counts(first.db);
    await first.close();
    expect(before).toEqual({ plans: 1, categories: 7, indicators: 36, targetVersions: 36, revisions: 2, users: 1 });

    // a second start with another ADMIN_PASSWORD must not create or change the admin
    const second = await buildApp({ config: { ...config, ADMIN_PASSWORD: PASSWORD } });
    await second.ready();
    try {
      expect(counts(second.db)).toEqual(before);
      const ok = await second.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password: ADMIN_PASSWORD },
      });
      expect(ok.statusCode).toBe(200);
      const other = await second.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password: PASSWORD },
      });
      expect(other.statusCode).toBe(401);
    } finally {
      await second.close();
    }
  });

  test('data written before a restart is still there after it', async () => {
    const file = join(dir, 'persist.db');
    const config = { DB_PATH: file, ADMIN_PASSWORD, WEB_DIST: '' };
    const first = await buildApp({ config });
    await first.ready();
    const login = await first.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: ADMIN_PASSWORD },
    });
    const cookie = defined(
      login.cookies.find((c) => c.name === 'gz_session'),
      "login.cookies.find((c) => c.name === 'gz_session')",
    );
    const headers = {
      cookie: `gz_session=${cookie.value}`,
      'x-csrf-token': (login.json() as { csrfToken: string }).csrfToken,
    };
    const put = await first.inject({
      method: 'PUT',
      url: '/api/v1/indicators/gdp/observations/2023',
      headers,
      payload: { value: '4800.50', dataStatus: 'preliminary', source: '2023年统计公报' },
    });
    expect(put.statusCode, put.body).toBe(201);
    await first.close();

    const second = await buildApp({ config });
    await second.ready();
    try {
      expect(count(second.db, 'observation_revisions')).toBe(3);
      // the session survives a restart too (it lives in the database)
      const res = await second.inject({ method: 'GET', url: '/api/v1/indicators/gdp/observations', headers });
      const body = res.json() as { revisions: Array<{ year: number; valueText: string; reviewState: string }> };
      expect(body.revisions.filter((r) => r.year === 2023)).toMatchObject([
        { valueText: '4800.50', reviewState: 'pending' },
      ]);
    } finally {
      await second.close();
    }
  });
});
