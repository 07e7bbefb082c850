/**
 * The command line (#10): user actions are audited (L4), a reset password kills the user's tokens
 * and must be changed (H1, L3), and `restore` refuses while a server holds the database (L6).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildApp } from '@gz/server';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { ADMIN_PASSWORD, addUser, expectStatus, login, PASSWORD, tokenFor } from '../helpers/app.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'gz-sec-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[], dbPath: string) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DB_PATH: dbPath },
      timeout: 30_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const startApp = (dbPath: string) => buildApp({ config: { DB_PATH: dbPath, ADMIN_PASSWORD, WEB_DIST: '' } });

describe('CLI user commands', () => {
  test('user:add and user:reset-password are audited as cli:<user>; the reset kills the tokens and forces a change', async () => {
    const db = join(dir, 'users.db');
    let app = await startApp(db);
    await app.ready();
    await addUser(app, 'wang', 'editor', ['stats']);
    const token = await tokenFor(app, await login(app, 'wang'), 'read');
    await app.close();

    const weak = await cli(['user:add', 'liwei', 'viewer', '--password', 'aaaaaaaaaa'], db);
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain('too_few_classes');
    // users carry unit codes now: the free-text --departments is refused
    const legacy = await cli(['user:add', 'liwei', 'viewer', '--departments', '市统计局', '--password', PASSWORD], db);
    expect(legacy.code).toBe(2);
    expect(legacy.stderr).toContain('--units');
    const added = await cli(
      ['user:add', 'liwei', 'viewer', '--units', 'stats', '--display-name', '李伟', '--password', PASSWORD],
      db,
    );
    expect(added, added.stderr).toMatchObject({ code: 0 });
    const reset = await cli(['user:reset-password', 'wang', '--password', 'Reset on the CLI 7'], db);
    expect(reset, reset.stderr).toMatchObject({ code: 0 });

    const raw = new Database(db, { readonly: true });
    const entries = raw
      .prepare("SELECT action, username, ip, entity_id AS entityId FROM audit_log WHERE ip = 'cli' ORDER BY id")
      .all();
    const revoked = raw.prepare('SELECT revoked_reason AS reason FROM api_tokens').all();
    raw.close();
    expect(entries).toEqual([
      { action: 'user.create', username: expect.stringMatching(/^cli:/), ip: 'cli', entityId: expect.any(String) },
      { action: 'user.update', username: expect.stringMatching(/^cli:/), ip: 'cli', entityId: expect.any(String) },
    ]);
    expect(revoked).toEqual([{ reason: 'password_set' }]);

    app = await startApp(db);
    await app.ready();
    try {
      expect((await app.inject({ method: 'GET', url: '/api/v1/plans', headers: token })).statusCode).toBe(401);
      const s = await login(app, 'wang', 'Reset on the CLI 7');
      const me = expectStatus<{ user: { mustChangePassword: boolean } }>(
        await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: s.headers }),
        200,
      );
      expect(me.user.mustChangePassword).toBe(true);
    } finally {
      await app.close();
    }
  }, 90_000);

  test('restore refuses while a server holds the database, and works once it is stopped', async () => {
    const live = join(dir, 'live.db');
    const copy = join(dir, 'copy.db');
    const app = await startApp(live);
    await app.ready();
    try {
      expect(await cli(['backup', copy], live)).toMatchObject({ code: 0 });
      const refused = await cli(['restore', copy], live);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('open in another process');
      // the running server is untouched
      expect((await login(app, 'admin', ADMIN_PASSWORD)).username).toBe('admin');
    } finally {
      await app.close();
    }
    const ok = await cli(['restore', copy], live);
    expect(ok, ok.stderr).toMatchObject({ code: 0 });
  }, 90_000);
});
