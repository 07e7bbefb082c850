/**
 * Evidence files live in the database, so `pnpm backup` and `pnpm restore` (run as the separate
 * processes they are in production) carry them byte for byte.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildApp } from '@gz/server';
import { afterAll, expect, test } from 'vitest';
import { ADMIN_PASSWORD, expectStatus, login, signIn } from '../helpers/app.ts';
import { createTask, multipartFile, tinyPdf } from '../helpers/ledger.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'gz-ledger-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[], dbPath: string) =>
  run(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DB_PATH: dbPath },
    timeout: 60_000,
  });

test('a backup and a restore carry the evidence files byte for byte', { timeout: 120_000 }, async () => {
  const live = join(dir, 'tracker.db');
  const copy = join(dir, 'backup.db');
  // a PDF with 3 MB of random bytes behind its header, and an image
  const pdf = Buffer.concat([tinyPdf('scan'), randomBytes(3 * 1024 * 1024)]);
  const png = Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5e0d4d50000000049454e44ae426082',
    'hex',
  );

  const app = await buildApp({ config: { DB_PATH: live, ADMIN_PASSWORD, WEB_DIST: '' } });
  await app.ready();
  const ids: number[] = [];
  try {
    const admin = await login(app, 'admin', ADMIN_PASSWORD);
    const unit = await signIn(app, 'fgw', 'editor', ['ndrc']);
    const task = await createTask(app, admin, { measureId: 'gz2026-02', title: '五区一体化' });
    const report = expectStatus<{ id: number }>(
      await app.inject({
        method: 'POST',
        url: `/api/v1/tasks/${task.id}/reports`,
        headers: unit.headers,
        payload: { period: '2026-Q3', progress: '推进中', percent: 40 },
      }),
      201,
    );
    for (const [name, bytes] of [
      ['扫描件.pdf', pdf],
      ['现场照片.png', png],
    ] as const) {
      const form = multipartFile(name, bytes);
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/task-reports/${report.id}/evidence`,
        headers: { ...unit.headers, ...form.headers },
        payload: form.payload,
      });
      ids.push(expectStatus<{ id: number }>(res, 201).id);
    }
    const out = await cli(['backup', copy], live);
    expect(out.stdout).toContain(copy);
  } finally {
    await app.close();
  }

  // restore the copy over a fresh database path and serve it again
  const restored = join(dir, 'restored.db');
  const back = await cli(['restore', copy], restored);
  expect(back.stdout).toContain('restored');
  const again = await buildApp({ config: { DB_PATH: restored, ADMIN_PASSWORD, WEB_DIST: '' } });
  await again.ready();
  try {
    const admin = await login(again, 'admin', ADMIN_PASSWORD);
    const [first, second] = ids;
    const a = await again.inject({
      method: 'GET',
      url: `/api/v1/evidence/${first}`,
      headers: { cookie: admin.headers.cookie },
    });
    const b = await again.inject({
      method: 'GET',
      url: `/api/v1/evidence/${second}`,
      headers: { cookie: admin.headers.cookie },
    });
    expect(a.statusCode).toBe(200);
    expect(a.rawPayload.equals(pdf)).toBe(true);
    expect(b.rawPayload.equals(png)).toBe(true);
    expect(b.headers['content-type']).toBe('image/png');
  } finally {
    await again.close();
  }
});
