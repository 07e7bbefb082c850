/**
 * A 10,000-row workbook is read, checked and written in a worker thread over its own connection (issue 13): reads
 * keep being answered meanwhile, and the import's report is the one the main thread would give (values created;
 * a refused file's problems intact, nothing written). The main thread's caches see the worker's commit.
 * Whether a file was read on the main thread is counted through a mock of its reader (the worker has its own copy).
 * The database is a file, as in production: an in-memory one cannot be shared with the worker.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readUpload, XLSX_MIME, writeXlsx } from '@gz/server/modules/exchange/workbook.ts';
import type { ImportReport, ObservationHistory } from '@gz/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { SYNTHETIC_PLAN_ID, seedSynthetic, syntheticCode, syntheticImportRows } from '../../bench/synthetic.ts';
import { buildTestApp, signIn, type Session } from '../helpers/app.ts';

// Counts the uploads read and the workbooks written on this (the main) thread: the worker loads its own copy of
// workbook.ts, not this mock.
const mainThread = vi.hoisted(() => ({ reads: 0, writes: 0 }));
vi.mock('@gz/server/modules/exchange/workbook.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@gz/server/modules/exchange/workbook.ts')>();
  return {
    ...actual,
    readUpload: (...args: Parameters<typeof actual.readUpload>) => {
      mainThread.reads += 1;
      return actual.readUpload(...args);
    },
    writeXlsx: (...args: Parameters<typeof actual.writeXlsx>) => {
      mainThread.writes += 1;
      return actual.writeXlsx(...args);
    },
  };
});

const INDICATORS = 2000;
const IMPORT_YEARS = [2031, 2032, 2033, 2034, 2035];

let app: FastifyInstance;
let admin: Session;
const dir = mkdtempSync(join(tmpdir(), 'gz-import-'));
beforeAll(async () => {
  app = await buildTestApp({ DB_PATH: join(dir, 'tracker.db') });
  // values for 2021–2025 only: the imported years have none, so no row has a base revision
  seedSynthetic(app.db, INDICATORS, [2021, 2022, 2023, 2024, 2025]);
  admin = await signIn(app, 'ada', 'admin');
});
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = (sql: string, ...params: unknown[]) => (app.db.$client.prepare(sql).get(...params) as { n: number }).n;
const observationsOf = (code: string) =>
  app.inject({
    method: 'GET',
    url: `/api/v1/indicators/${code}/observations?plan=${SYNTHETIC_PLAN_ID}`,
    headers: admin.headers,
  });

const importFile = (file: Buffer, dryRun: boolean) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/import?plan=${SYNTHETIC_PLAN_ID}&dryRun=${dryRun}`,
    headers: { ...admin.headers, 'content-type': XLSX_MIME },
    payload: file,
  });

describe('a 10,000-row import', () => {
  test('reads are answered while the workbook is parsed and written, before the import finishes', async () => {
    const file = await writeXlsx(syntheticImportRows(INDICATORS, IMPORT_YEARS));
    // a cached reply from before the import: the worker's commit must replace it
    const before = await observationsOf(syntheticCode(1));
    expect((before.json() as ObservationHistory).revisions.map((r) => r.year)).toEqual([2021, 2022, 2023, 2024, 2025]);
    const revisionsBefore = count('SELECT COUNT(*) AS n FROM observation_revisions');
    let finished = false;
    const importing = importFile(file, false).then((res) => {
      finished = true;
      return res;
    });
    let answeredMeanwhile = 0;
    while (!finished && answeredMeanwhile < 3) {
      const read = await app.inject({
        method: 'GET',
        url: `/api/v1/indicators/${syntheticCode(1)}?plan=${SYNTHETIC_PLAN_ID}`,
        headers: admin.headers,
      });
      expect(read.statusCode).toBe(200);
      if (!finished) answeredMeanwhile += 1;
    }
    const res = await importing;
    expect(answeredMeanwhile).toBe(3);
    expect(mainThread.reads).toBe(0);
    expect(res.statusCode).toBe(200);
    const report = res.json() as ImportReport;
    expect([report.ok, report.created, report.rows.length]).toEqual([true, 10_000, 0]);
    expect(count('SELECT COUNT(*) AS n FROM observation_revisions')).toBe(revisionsBefore + 10_000);
    // the import record and one audit entry per value, grouped by the import id
    expect(count('SELECT COUNT(*) AS n FROM audit_log WHERE import_id = ?', report.importId)).toBe(10_001);
    // the main thread's caches follow the worker's commit: the new pending revisions show at once
    const after = (await observationsOf(syntheticCode(1))).json() as ObservationHistory;
    const mine = report.changes.filter((c) => c.code === syntheticCode(1));
    expect(mine.map((c) => c.year)).toEqual(IMPORT_YEARS);
    expect(after.revisions.filter((r) => r.year > 2025).map((r) => [r.year, r.revisionId, r.reviewState])).toEqual(
      mine.map((c) => [c.year, c.revisionId, 'pending']),
    );
  }, 120_000);

  test('a large import refused for one bad row writes nothing, in the worker as on the main thread', async () => {
    const rows = syntheticImportRows(INDICATORS, [2026, 2027, 2028, 2029, 2030]);
    const bad = rows.map((r, i) => (i === 9_998 ? { ...r, value: 'abc' } : r));
    const revisions = count('SELECT COUNT(*) AS n FROM observation_revisions');
    const entries = count('SELECT COUNT(*) AS n FROM audit_log');
    const imports = count('SELECT COUNT(*) AS n FROM imports');
    const res = await importFile(await writeXlsx(bad), false);
    expect(res.statusCode).toBe(422);
    const body = res.json() as { code: string; report: ImportReport };
    expect(body.code).toBe('import_rejected');
    expect([body.report.problemCount, body.report.created, body.report.rows[0]?.row]).toEqual([1, 0, 10_000]);
    expect(body.report.rows[0]?.code).toBe('bad_value');
    expect(count('SELECT COUNT(*) AS n FROM observation_revisions')).toBe(revisions);
    expect(count('SELECT COUNT(*) AS n FROM audit_log')).toBe(entries);
    expect(count('SELECT COUNT(*) AS n FROM imports')).toBe(imports);
  }, 120_000);

  test('a large file with bad rows comes back from the worker with every problem, row by row', async () => {
    const rows = syntheticImportRows(INDICATORS, [2026, 2027, 2028, 2029, 2030]);
    const bad = rows.map((r, i) => (i % 2500 === 7 ? { ...r, year: 2099 } : r));
    const res = await importFile(await writeXlsx(bad), true);
    expect(res.statusCode).toBe(200);
    const report = res.json() as ImportReport;
    expect(report.ok).toBe(false);
    expect(report.problemCount).toBe(4);
    expect(report.rows.map((p) => [p.row, p.code, p.value])).toEqual([
      [9, 'year_outside_plan', '2099'],
      [2509, 'year_outside_plan', '2099'],
      [5009, 'year_outside_plan', '2099'],
      [7509, 'year_outside_plan', '2099'],
    ]);
  }, 120_000);

  test('a file the worker cannot read is the same 400 as on the main thread', async () => {
    const junk = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(40_000, 7)]);
    const res = await importFile(junk, true);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'unreadable_file' });
  }, 120_000);

  test('a small file is read on the main thread (a thread would cost more than it saves), with the same report', async () => {
    const before = mainThread.reads;
    const res = await importFile(await writeXlsx(syntheticImportRows(3, [2026])), true);
    expect(mainThread.reads).toBe(before + 1);
    expect((res.json() as ImportReport).changes.map((c) => c.code)).toEqual([
      syntheticCode(0),
      syntheticCode(1),
      syntheticCode(2),
    ]);
  });
});

describe('an export of 2,000 indicators × 16 years', () => {
  const get = (url: string) => app.inject({ method: 'GET', url, headers: admin.headers });

  test('is written in the worker: reads are answered meanwhile, and it holds what the CSV export holds', async () => {
    const writesBefore = mainThread.writes;
    let finished = false;
    const exporting = get(`/api/v1/export.xlsx?plan=${SYNTHETIC_PLAN_ID}`).then((res) => {
      finished = true;
      return res;
    });
    let answeredMeanwhile = 0;
    while (!finished && answeredMeanwhile < 3) {
      const read = await get(`/api/v1/indicators/${syntheticCode(1)}?plan=${SYNTHETIC_PLAN_ID}`);
      expect(read.statusCode).toBe(200);
      if (!finished) answeredMeanwhile += 1;
    }
    const res = await exporting;
    expect(answeredMeanwhile).toBe(3);
    expect(mainThread.writes).toBe(writesBefore);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_MIME);

    // the same rows, cell by cell, as the CSV export written on the main thread from the same data
    const csv = await get(`/api/v1/export.csv?plan=${SYNTHETIC_PLAN_ID}`);
    expect(csv.statusCode).toBe(200);
    const workbook = await readUpload(res.rawPayload, 'xlsx');
    const table = await readUpload(csv.rawPayload, 'csv');
    expect(workbook.rows).toHaveLength(INDICATORS * 16);
    expect(workbook.rows.map((r) => r.cells)).toEqual(table.rows.map((r) => r.cells));
    expect(workbook.rows.at(-1)?.cells).toMatchObject({ code: syntheticCode(INDICATORS - 1), year: '2035' });
  }, 120_000);
});
