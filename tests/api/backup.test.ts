/**
 * `pnpm backup <file>` and `pnpm restore <file>` (server/src/cli.ts) run as the separate processes they
 * are in production: the backup is taken while an app holds the database open and keeps writing, so it
 * must be a consistent snapshot (each revision with its audit entry); the restore checks integrity first.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildApp } from '@gz/server';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_PASSWORD, expectStatus, login } from '../helpers/app.ts';
import { defined } from '../../server/src/lib/invariant.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

/** Runs the CLI like `pnpm backup|restore` does; resolves with the exit code and output, never throws. */
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

/** What a database holds that a backup must keep consistent. */
function inspect(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const one = <T>(sql: string) => defined(db.prepare<[], T>(sql).get(), 'db.prepare<[], T>(sql).get()');
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      revisions: one<{ n: number }>('SELECT COUNT(*) AS n FROM observation_revisions WHERE entered_by IS NOT NULL').n,
      audited: one<{ n: number }>("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'observation.write'").n,
      // revision numbers of 2023 must run 1, 2, 3 … without a gap or a repeat
      numbering: db
        .prepare<[], { revision_no: number }>(
          "SELECT revision_no FROM observation_revisions r JOIN indicators i ON i.id = r.indicator_id WHERE i.code = 'gdp' AND r.year = 2023 ORDER BY r.revision_no",
        )
        .all()
        .map((r) => r.revision_no),
    };
  } finally {
    db.close();
  }
}

const sequence = (n: number) => Array.from({ length: n }, (_, k) => k + 1);

describe('online backup and restore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gz-backup-'));
  const live = join(dir, 'tracker.db');
  const copy = join(dir, 'backup.db');
  let written = 0;
  let atBackup: ReturnType<typeof inspect>;

  beforeAll(async () => {
    const app = await buildApp({
      config: { DB_PATH: live, ADMIN_PASSWORD, WEB_DIST: '', WRITE_RATE_LIMIT: 1_000_000 },
    });
    await app.ready();
    try {
      const admin = await login(app, 'admin', ADMIN_PASSWORD);
      let writing = true;
      const writer = (async () => {
        while (writing) {
          const res = await app.inject({
            method: 'PUT',
            url: '/api/v1/indicators/gdp/observations/2023',
            headers: admin.headers,
            payload: { value: String(4000 + written), dataStatus: 'preliminary', source: 'backup test' },
          });
          expectStatus(res, 201);
          written += 1;
        }
      })();
      while (written < 20) await new Promise((r) => setTimeout(r, 10));
      const out = await cli(['backup', copy], live);
      const writtenDuringBackup = written;
      // keep writing a little after the copy so that the live database moves on
      while (written < writtenDuringBackup + 10) await new Promise((r) => setTimeout(r, 10));
      writing = false;
      await writer;
      expect(out, out.stderr).toMatchObject({ code: 0 });
      expect(out.stdout).toContain('integrity ok');
    } finally {
      await app.close();
    }
    atBackup = inspect(copy);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('the copy taken under writes is sound and consistent: every revision has its audit entry', () => {
    expect(atBackup.integrity).toBe('ok');
    expect(atBackup.revisions).toBeGreaterThanOrEqual(20);
    expect(atBackup.revisions).toBeLessThan(written);
    expect(atBackup.audited).toBe(atBackup.revisions);
    expect(atBackup.numbering).toEqual(sequence(atBackup.revisions));
  });

  test('restore puts the copy back in place of the live database', async () => {
    expect(inspect(live).revisions).toBe(written);
    const out = await cli(['restore', copy], live);
    expect(out, out.stderr).toMatchObject({ code: 0 });
    expect(out.stdout).toContain(`restored ${copy}`);
    expect(inspect(live)).toEqual(atBackup);

    // and the server starts on it and serves the restored history
    const app = await buildApp({ config: { DB_PATH: live, ADMIN_PASSWORD, WEB_DIST: '' } });
    await app.ready();
    try {
      const admin = await login(app, 'admin', ADMIN_PASSWORD);
      const obs = expectStatus<{ revisions: Array<{ year: number }> }>(
        await app.inject({ method: 'GET', url: '/api/v1/indicators/gdp/observations', headers: admin.headers }),
        200,
      );
      expect(obs.revisions.filter((r) => r.year === 2023)).toHaveLength(atBackup.revisions);
    } finally {
      await app.close();
    }
    // a separate process (and an app start) each: seconds on a loaded 2-core CI machine, not a speed target
  }, 60_000);

  test('restore refuses a file that is not a sound database and leaves the live one alone', async () => {
    const before = inspect(live);
    const garbage = join(dir, 'garbage.db');
    writeFileSync(garbage, 'this is not an SQLite database\n'.repeat(200));
    const out = await cli(['restore', garbage], live);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('refusing to restore');
    expect(out.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(out.stdout).not.toContain('restored');
    expect(inspect(live)).toEqual(before);

    const missing = await cli(['restore', join(dir, 'nope.db')], live);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no file');
  }, 60_000); // two CLI processes: seconds each on a loaded machine
});
