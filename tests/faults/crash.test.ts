/**
 * The server process killed with SIGKILL — no shutdown hook, no checkpoint — in the middle of a burst
 * of writes and in the middle of an import's transaction, then restarted over the same file. The
 * database must pass PRAGMA integrity_check, every write the server acknowledged must be there with its
 * audit entry, and each import must be wholly there or not at all.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@gz/server/db/client.ts';
import { writeCsv, writeXlsx, XLSX_MIME } from '@gz/server/modules/exchange/workbook.ts';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { signInOver, startServer } from '../../bench/server-process.ts';
import { SYNTHETIC_PLAN_ID, seedSynthetic, syntheticImportRows } from '../../bench/synthetic.ts';
import { ADMIN_PASSWORD } from '../helpers/app.ts';
import { defined } from '../../server/src/lib/invariant.ts';

const ENV = { ADMIN_PASSWORD, WRITE_RATE_LIMIT: '1000000', LOG_LEVEL: 'warn' };
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDb(name: string) {
  const dir = mkdtempSync(join(tmpdir(), 'gz-crash-'));
  dirs.push(dir);
  return join(dir, name);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Opens the file as the restarted server would (recovering the WAL) and runs the checks on it. */
function withDb<T>(path: string, read: (db: Database.Database) => T): T {
  const db = new Database(path, { fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

describe('SIGKILL during a burst of writes', () => {
  const CELLS = [
    ['gdp', 2023],
    ['gdp_per_capita', 2023],
    ['retail_sales', 2024],
  ] as const;

  test('after a restart every acknowledged write is there, once, with its audit entry; the file is sound', async () => {
    const path = tempDb('writes.db');
    const server = await startServer(path, ENV);
    const admin = await signInOver(server.url, 'admin', ADMIN_PASSWORD);
    const acknowledged: number[] = [];
    const unexpected: string[] = [];
    let killing = false;

    async function writer(w: number) {
      const [code, year] = defined(CELLS[w % CELLS.length], 'CELLS[w % CELLS.length]');
      for (let n = 0; !killing; n++) {
        try {
          const res = await fetch(`${server.url}/api/v1/indicators/${code}/observations/${year}`, {
            method: 'PUT',
            headers: { ...admin, 'content-type': 'application/json' },
            body: JSON.stringify({
              value: String(1000 + w * 1000 + n),
              dataStatus: 'preliminary',
              source: `burst ${w}`,
            }),
          });
          const body = (await res.json()) as { id: number };
          if (res.status === 201) acknowledged.push(body.id);
          else unexpected.push(`${res.status} ${JSON.stringify(body)}`);
        } catch {
          return; // the connection died with the server
        }
      }
    }
    const writers = Array.from({ length: 30 }, (_, w) => writer(w));
    while (acknowledged.length < 150) await sleep(2);
    killing = true;
    await server.kill();
    await Promise.all(writers);
    expect(await server.exited).toBe('SIGKILL');
    expect(unexpected).toEqual([]);

    const stored = withDb(path, (db) => ({
      integrity: db.pragma('integrity_check', { simple: true }),
      ids: db
        .prepare<[], { id: number }>('SELECT id FROM observation_revisions WHERE entered_by IS NOT NULL ORDER BY id')
        .all()
        .map((r) => r.id),
      audited: defined(
        db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'observation.write'").get(),
        'db .prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM...',
      ).n,
      numbering: CELLS.map(([code, year]) =>
        db
          .prepare<[string, number], { revision_no: number }>(
            'SELECT r.revision_no FROM observation_revisions r JOIN indicators i ON i.id = r.indicator_id WHERE i.code = ? AND r.year = ? ORDER BY r.revision_no',
          )
          .all(code, year)
          .map((r) => r.revision_no),
      ),
    }));
    expect(stored.integrity).toBe('ok');
    // acknowledged ⊆ stored; a write in flight at the kill may have committed without its reply getting out
    expect(acknowledged.filter((id) => !stored.ids.includes(id))).toEqual([]);
    expect(new Set(acknowledged).size).toBe(acknowledged.length);
    expect(stored.ids.length).toBeGreaterThanOrEqual(acknowledged.length);
    expect(stored.audited).toBe(stored.ids.length);
    for (const numbers of stored.numbering) expect(numbers).toEqual(numbers.map((_, k) => k + 1));

    // the restarted server serves the same history and takes new writes
    const again = await startServer(path, ENV);
    try {
      const session = await signInOver(again.url, 'admin', ADMIN_PASSWORD);
      const res = await fetch(`${again.url}/api/v1/indicators/gdp/observations/2023`, {
        method: 'PUT',
        headers: { ...session, 'content-type': 'application/json' },
        body: JSON.stringify({ value: '5000', dataStatus: 'final', source: 'after restart' }),
      });
      expect(res.status).toBe(201);
      expect(((await res.json()) as { revisionNo: number }).revisionNo).toBe(
        defined(stored.numbering[0], 'stored.numbering[0]').length + 1,
      );
    } finally {
      await again.stop();
    }
  }, 60_000);
});

describe('SIGKILL during an import', () => {
  const INDICATORS = 1000;
  const FIRST = [2021, 2022, 2023, 2024];
  const SECOND = [2025, 2026, 2027, 2028];
  const ROWS = INDICATORS * 4;

  /** Per recorded import: its row count and the revisions that carry its id; and revisions of no recorded import. */
  const imports = (path: string) =>
    withDb(path, (db) => ({
      integrity: db.pragma('integrity_check', { simple: true }),
      landed: db
        .prepare<[], { id: number; rowCount: number; revisions: number }>(
          'SELECT m.id, m.row_count AS rowCount, (SELECT COUNT(*) FROM observation_revisions r WHERE r.import_id = m.id) AS revisions FROM imports m ORDER BY m.id',
        )
        .all(),
      orphans: defined(
        db
          .prepare<[], { n: number }>(
            'SELECT COUNT(*) AS n FROM observation_revisions WHERE import_id IS NOT NULL AND import_id NOT IN (SELECT id FROM imports)',
          )
          .get(),
        "db .prepare<[], { n: number }>( 'SELECT COUNT(*) AS n FR...",
      ).n,
      years: db
        .prepare<[], { year: number }>(
          'SELECT DISTINCT year FROM observation_revisions WHERE import_id IS NOT NULL ORDER BY year',
        )
        .all()
        .map((r) => r.year),
    }));

  test('an xlsx import killed inside its transaction leaves nothing; the import before stays whole', async () => {
    const path = tempDb('import.db');
    const setup = openDatabase(path);
    seedSynthetic(setup, INDICATORS, []);
    setup.$client.close();
    // the first file as CSV (quick to make), the one to be killed as xlsx (the format people send)
    const first = { type: 'text/csv', body: new Uint8Array(writeCsv(syntheticImportRows(INDICATORS, FIRST))) };
    const second = { type: XLSX_MIME, body: new Uint8Array(await writeXlsx(syntheticImportRows(INDICATORS, SECOND))) };

    const server = await startServer(path, ENV);
    const admin = await signInOver(server.url, 'admin', ADMIN_PASSWORD);
    const post = (file: typeof first) =>
      fetch(`${server.url}/api/v1/import?plan=${SYNTHETIC_PLAN_ID}`, {
        method: 'POST',
        headers: { ...admin, 'content-type': file.type },
        body: file.body,
      });

    const done = await post(first);
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ ok: true, created: ROWS, format: 'csv' });

    // The import holds SQLite's write lock for exactly its transaction: a probe that cannot take the
    // lock knows the server is inside it, and kills it there.
    const probe = new Database(path, { fileMustExist: true });
    probe.pragma('busy_timeout = 0');
    const pending = post(second).then(
      (res) => `answered ${res.status}`,
      () => 'connection lost',
    );
    let insideTransaction = false;
    const deadline = Date.now() + 45_000;
    while (!insideTransaction && Date.now() < deadline) {
      try {
        probe.exec('BEGIN IMMEDIATE');
        probe.exec('ROLLBACK');
        await sleep(1);
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
        insideTransaction = true;
        server.child.kill('SIGKILL');
      }
    }
    probe.close();
    await server.exited;
    expect(insideTransaction).toBe(true);
    expect(await pending).toBe('connection lost');

    const after = imports(path);
    expect(after.integrity).toBe('ok');
    expect(after.orphans).toBe(0);
    expect(after.landed).toEqual([{ id: 1, rowCount: ROWS, revisions: ROWS }]);
    expect(after.years).toEqual(FIRST);

    // restarted, the same file imports whole: nothing half-written stands in its way
    const again = await startServer(path, ENV);
    try {
      const session = await signInOver(again.url, 'admin', ADMIN_PASSWORD);
      const res = await fetch(`${again.url}/api/v1/import?plan=${SYNTHETIC_PLAN_ID}`, {
        method: 'POST',
        headers: { ...session, 'content-type': second.type },
        body: second.body,
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ ok: true, created: ROWS, importId: 2, format: 'xlsx' });
    } finally {
      await again.stop();
    }
    const final = imports(path);
    expect(final.integrity).toBe('ok');
    expect(final.landed).toEqual([
      { id: 1, rowCount: ROWS, revisions: ROWS },
      { id: 2, rowCount: ROWS, revisions: ROWS },
    ]);
    expect(final.years).toEqual([...FIRST, ...SECOND]);
  }, 60_000);
});
