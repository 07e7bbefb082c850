/**
 * SPEED (#13): after a write the server computes derived progress again only for the indicators whose inputs
 * changed (change numbers kept by triggers, migration 0009). Whatever was written, the list, its pages, one
 * indicator and the summary must read exactly as a server started afresh on the same database reads them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIndicatorsRepository } from '@gz/server/modules/indicators/indicators.repository.ts';
import { createIndicatorsService } from '@gz/server/modules/indicators/indicators.service.ts';
import { createObservationsRepository } from '@gz/server/modules/observations/observations.repository.ts';
import { createPlansRepository } from '@gz/server/modules/plans/plans.repository.ts';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ADMIN_PASSWORD, buildTestApp, expectStatus, login, PLAN_ID, signIn, type Session } from '../helpers/app.ts';

type App = Awaited<ReturnType<typeof buildTestApp>>;

const dir = mkdtempSync(join(tmpdir(), 'gz-derived-'));
const path = join(dir, 'tracker.db');
let app: App;
let admin: Session;
let editor: Session;
let reviewer: Session;

beforeAll(async () => {
  app = await buildTestApp({ DB_PATH: path });
  admin = await login(app, 'admin', ADMIN_PASSWORD);
  editor = await signIn(app, 'ed', 'editor', ['stats']);
  reviewer = await signIn(app, 'rita', 'reviewer');
});
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every derived read whose figures a write may move: approved, as a preview, as of a year, a page, one, summary. */
const READS = [
  '/api/v1/indicators',
  '/api/v1/indicators?includePending=true',
  '/api/v1/indicators?year=2023',
  '/api/v1/indicators?limit=7',
  '/api/v1/indicators?attribute=binding',
  '/api/v1/indicators/gdp',
  '/api/v1/indicators/gdp?includePending=true',
  '/api/v1/indicators/rd_intensity',
  '/api/v1/indicators/non_fossil_share',
  '/api/v1/indicators/digital_economy_share',
  `/api/v1/plans/${PLAN_ID}/summary`,
  `/api/v1/plans/${PLAN_ID}/summary?includePending=true`,
  `/api/v1/plans/${PLAN_ID}/summary?year=2023`,
];

async function readAll(server: App): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const url of READS) {
    const res = await server.inject({ method: 'GET', url, headers: { cookie: admin.headers.cookie } });
    expect(res.statusCode, url).toBe(200);
    out[url] = { body: res.json(), next: res.headers['x-next-cursor'] ?? null };
  }
  return out;
}

/** Reads everything (so that the running server holds every view), writes, then compares with a fresh server. */
async function afterWrite(write: () => Promise<void> | void) {
  const before = await readAll(app);
  await write();
  const after = await readAll(app);
  const fresh = await buildTestApp({ DB_PATH: path });
  try {
    expect(after).toEqual(await readAll(fresh));
  } finally {
    await fresh.close();
  }
  return { before, after };
}

const send = async (session: Session, method: 'PUT' | 'POST' | 'PATCH', url: string, payload: object) =>
  app.inject({ method, url, headers: session.headers, payload });

const enter = async (code: string, year: number, value: string) =>
  expectStatus<{ id: number }>(
    await send(admin, 'PUT', `/api/v1/indicators/${code}/observations/${year}`, {
      value,
      dataStatus: 'preliminary',
      source: '测试',
    }),
    201,
  ).id;

test('a value entered (pending): the preview moves, the approved reads do not, as on a fresh server', async () => {
  const { before, after } = await afterWrite(async () => {
    await enter('gdp', 2023, '4900');
  });
  expect(after['/api/v1/indicators']).toEqual(before['/api/v1/indicators']);
  expect(after['/api/v1/indicators/gdp?includePending=true']).not.toEqual(
    before['/api/v1/indicators/gdp?includePending=true'],
  );
});

test('a value approved: the indicator, the list and the summary move as on a fresh server', async () => {
  const id = await enter('gdp', 2023, '4500');
  const { before, after } = await afterWrite(async () => {
    expectStatus(
      await app.inject({ method: 'POST', url: `/api/v1/revisions/${id}/approve`, headers: reviewer.headers }),
      200,
    );
  });
  expect(after['/api/v1/indicators/gdp']).not.toEqual(before['/api/v1/indicators/gdp']);
});

test('a value of a new latest year approved: the evaluation year of every indicator moves', async () => {
  const id = await enter('gdp', 2025, '5600');
  const { before, after } = await afterWrite(async () => {
    expectStatus(
      await app.inject({ method: 'POST', url: `/api/v1/revisions/${id}/approve`, headers: reviewer.headers }),
      200,
    );
  });
  expect(after[`/api/v1/plans/${PLAN_ID}/summary`]).not.toEqual(before[`/api/v1/plans/${PLAN_ID}/summary`]);
});

test('a value returned', async () => {
  const id = await enter('rd_intensity', 2023, '2.1');
  await afterWrite(async () => {
    expectStatus(await send(reviewer, 'POST', `/api/v1/revisions/${id}/return`, { reason: '口径不一致' }), 200);
  });
});

test('a province-assigned target', async () => {
  const { before, after } = await afterWrite(async () => {
    expectStatus(
      await send(admin, 'PUT', '/api/v1/indicators/non_fossil_share/target', {
        spec: { kind: 'level', value: 35 },
        text: '35',
        documentNo: '赣发改〔2023〕1号',
        issuedOn: '2023-01-10',
      }),
      200,
    );
  });
  expect(after['/api/v1/indicators/non_fossil_share']).not.toEqual(before['/api/v1/indicators/non_fossil_share']);
});

test('an annual target', async () => {
  await afterWrite(async () => {
    expectStatus(
      await send(admin, 'PUT', `/api/v1/indicators/gdp/annual-targets/2024?plan=${PLAN_ID}`, {
        spec: { kind: 'annual_rate', rate: 7.5 },
        text: '增长7.5%左右',
        source: '2024年政府工作报告',
      }),
      200,
    );
  });
});

test('a manual assessment of the evaluation year', async () => {
  const year = (
    (await app.inject({ method: 'GET', url: '/api/v1/indicators/rd_intensity', headers: admin.headers })).json() as {
      progress: { evaluationYear: number };
    }
  ).progress.evaluationYear;
  const { before, after } = await afterWrite(async () => {
    expectStatus(
      await send(reviewer, 'POST', '/api/v1/indicators/rd_intensity/assessments', {
        year,
        status: 'lagging',
        justification: '研发投入增长放缓',
      }),
      201,
    );
  });
  expect(after['/api/v1/indicators/rd_intensity']).not.toEqual(before['/api/v1/indicators/rd_intensity']);
});

test('an indicator edited (its units), and a unit renamed (shared by many)', async () => {
  const { before, after } = await afterWrite(async () => {
    expectStatus(
      await send(admin, 'PUT', '/api/v1/indicators/digital_economy_share/units', {
        leadUnit: 'stats',
        contributingUnits: ['ndrc'],
      }),
      200,
    );
  });
  expect(after['/api/v1/indicators/digital_economy_share']).not.toEqual(
    before['/api/v1/indicators/digital_economy_share'],
  );
  const renamed = await afterWrite(async () => {
    expectStatus(await send(admin, 'PATCH', '/api/v1/units/stats', { name: '市统计局（改）' }), 200);
  });
  expect(JSON.stringify(renamed.after['/api/v1/indicators/digital_economy_share'])).toContain('市统计局（改）');
});

test('an import of values, then its values approved', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  ws.addRow([
    '指标代码 code',
    '年份 year',
    '数值 value',
    '数据状态 dataStatus',
    '来源 source',
    '备注 note',
    '修订号 revision',
  ]);
  const history = expectStatus<{ revisions: Array<{ year: number; revisionId: number }> }>(
    await app.inject({ method: 'GET', url: '/api/v1/indicators/gdp/observations', headers: admin.headers }),
    200,
  );
  const base = history.revisions.filter((r) => r.year === 2022).at(-1)?.revisionId ?? null;
  ws.addRow(['gdp', 2022, '4400.5', 'final', '统计公报', null, base]);
  const body = Buffer.from(await wb.xlsx.writeBuffer());
  let ids: number[] = [];
  await afterWrite(async () => {
    const report = expectStatus<{ changes: Array<{ revisionId: number }> }>(
      await app.inject({
        method: 'POST',
        url: '/api/v1/import',
        headers: {
          ...editor.headers,
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        },
        payload: body,
      }),
      200,
    );
    ids = report.changes.map((c) => c.revisionId);
  });
  expect(ids.length).toBe(1);
  await afterWrite(async () => {
    for (const id of ids)
      expectStatus(
        await app.inject({ method: 'POST', url: `/api/v1/revisions/${id}/approve`, headers: reviewer.headers }),
        200,
      );
  });
});

test('a write by another connection (another process, the CLI)', async () => {
  const { before, after } = await afterWrite(() => {
    const other = new Database(path);
    other
      .prepare(
        `INSERT INTO observation_revisions (indicator_id, year, revision_no, value_text, data_status, source, review_state)
         SELECT i.id, 2025, (SELECT MAX(r.revision_no) + 1 FROM observation_revisions r WHERE r.indicator_id = i.id
           AND r.year = 2025), '5999', 'final', 'other process', 'approved'
         FROM indicators i WHERE i.plan_id = ? AND i.code = 'gdp'`,
      )
      .run(PLAN_ID);
    other.close();
    // a later request over the network is read in a later turn of the event loop, from which the server sees the
    // commit (it reads the data version once per turn, see data-version.test.ts); app.inject would run in this one
    return new Promise<void>((resolve) => setImmediate(resolve));
  });
  expect(after['/api/v1/indicators/gdp']).not.toEqual(before['/api/v1/indicators/gdp']);
});

test('what was read inside a transaction that rolled back is never kept, nor are later changes missed', async () => {
  const db = app.db;
  const service = () =>
    createIndicatorsService({
      plans: createPlansRepository(db),
      indicators: createIndicatorsRepository(db),
      observations: createObservationsRepository(db),
      defaultPlanId: () => PLAN_ID,
    });
  const running = service();
  const figures = (s: ReturnType<typeof service>) =>
    JSON.stringify([s.list(PLAN_ID, {}).items, s.summary(PLAN_ID, {}), s.get(PLAN_ID, 'rd_intensity', {})]);
  figures(running);
  const approved = (code: string, value: string) =>
    db.$client
      .prepare(
        `INSERT INTO observation_revisions (indicator_id, year, revision_no, value_text, data_status, source, review_state)
         SELECT i.id, 2025, IFNULL((SELECT MAX(r.revision_no) FROM observation_revisions r WHERE r.indicator_id = i.id
           AND r.year = 2025), 0) + 1, ?, 'final', 'test', 'approved'
         FROM indicators i WHERE i.plan_id = ? AND i.code = ?`,
      )
      .run(value, PLAN_ID, code);
  const inside = db.$client.transaction(() => {
    approved('gdp', '1.5');
    expect(running.get(PLAN_ID, 'gdp', {}).latest?.valueText).toBe('1.5');
    figures(running);
    throw new Error('rolled back');
  });
  expect(() => inside()).toThrow('rolled back');
  approved('rd_intensity', '3.3');
  expect(running.get(PLAN_ID, 'rd_intensity', {}).latest?.valueText).toBe('3.3');
  expect(figures(running)).toBe(figures(service()));
});
