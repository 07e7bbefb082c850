/**
 * A value keeps the qualifier it was published with (以上 / 左右 / 约 / 以内) in the evaluation report: the JSON row
 * gives it and the value as published, the .docx 附表 prints 5600左右, and the workbook keeps the number a number
 * whose format shows the qualifier.
 */
import type { EvaluationReport } from '@gz/shared';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ADMIN_PASSWORD, buildTestApp, expectStatus, login, PLAN_ID, signIn, type Session } from '../helpers/app.ts';

let app: FastifyInstance;
let admin: Session;
let reviewer: Session;
beforeAll(async () => {
  app = await buildTestApp();
  admin = await login(app, 'admin', ADMIN_PASSWORD);
  reviewer = await signIn(app, 'rita', 'reviewer');
  const written = expectStatus<{ id: number }>(
    await app.inject({
      method: 'PUT',
      url: '/api/v1/indicators/gdp/observations/2025',
      headers: admin.headers,
      payload: { value: '5600', dataStatus: 'estimate', qualifier: 'about', source: '2026年政府工作报告（预计数）' },
    }),
    201,
  );
  expectStatus(
    await app.inject({ method: 'POST', url: `/api/v1/revisions/${written.id}/approve`, headers: reviewer.headers }),
    200,
  );
});
afterAll(() => app.close());

const get = (url: string) =>
  app.inject({ method: 'GET', url: `/api/v1/plans/${PLAN_ID}${url}`, headers: reviewer.headers });

test('JSON: the 2025 actual of GDP carries its qualifier and reads 5600左右', async () => {
  const report = expectStatus<EvaluationReport>(await get('/evaluations/2025'), 200);
  const gdp = report.areas.flatMap((a) => a.rows).find((r) => r.code === 'gdp');
  expect(gdp?.actuals.find((a) => a.year === 2025)).toEqual({
    year: 2025,
    valueText: '5600',
    value: 5600,
    qualifier: 'about',
    displayText: '5600左右',
  });
  // a value without a qualifier reads as entered
  expect(gdp?.actuals.find((a) => a.year === 2022)).toMatchObject({
    valueText: '4524',
    qualifier: null,
    displayText: '4524',
  });
});

test('.docx: the 附表 row of GDP prints 5600左右', async () => {
  const res = await get('/evaluations/2025.docx');
  expect(res.statusCode).toBe(200);
  const xml = (await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')?.async('string')) ?? '';
  const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map(([tr]) =>
    [...tr.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|'),
  );
  const gdpRow = rows.find((r) => r.includes('5600'));
  expect(gdpRow).toContain('|GDP|亿元|');
  expect(gdpRow).toContain('|5600左右|');
});

test('.xlsx: the 附表 cell is the number 5600 formatted to show 左右', async () => {
  const res = await get('/evaluations/2025.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0];
  let found: ExcelJS.Cell | undefined;
  sheet?.eachRow((row) => {
    row.eachCell((cell) => {
      if (cell.value === 5600) found = cell;
    });
  });
  expect(found?.value).toBe(5600);
  expect(found?.numFmt).toBe('0"左右"');
});
