/**
 * The wide per-unit template (GET /export/template.xlsx, issue 14 item 6): download → fill in with exceljs →
 * import → approve → download again; numbers stored as numbers, Chinese drop-downs, protected read-only
 * columns, the counted value apart from a pending one, years outside the plan refused by row and reason, and an
 * estimate 10以上 exported and re-imported unchanged. Seeded plan: 2021–2025; gdp 2022 has an approved 4524.
 */
import type { ImportRejected, ImportReport } from '@gz/shared';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { buildTestApp, expectStatus, PLAN_ID, signIn, type Session } from '../helpers/app.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const YEAR_FIELDS = [
  '计入值',
  '待审核或已退回',
  '填报值',
  '限定词',
  '数据状态',
  '可比价增速(%)',
  '来源',
  '备注',
  '修订号',
];

let app: FastifyInstance;
let editor: Session; // 市统计局
let reviewer: Session;

beforeEach(async () => {
  app = await buildTestApp();
  editor = await signIn(app, 'ed', 'editor', ['stats']);
  reviewer = await signIn(app, 'rita', 'reviewer');
});
afterEach(() => app.close());

async function download(query: string, session: Session = editor) {
  const res = await app.inject({
    method: 'GET',
    url: `/api/v1/export/template.xlsx${query}`,
    headers: session.headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe(XLSX);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
  return wb;
}
const sheet = (wb: ExcelJS.Workbook) => {
  const ws = wb.getWorksheet('填报表');
  if (!ws) throw new Error('no sheet 填报表');
  return ws;
};
/** The 1-based column of a header in row 1. */
function col(ws: ExcelJS.Worksheet, header: string): number {
  const values = ws.getRow(1).values as unknown[];
  const i = values.indexOf(header);
  if (i < 1) throw new Error(`no column ${header}`);
  return i;
}
/** The 1-based row of an indicator code. */
function rowOf(ws: ExcelJS.Worksheet, code: string): number {
  let found = 0;
  ws.eachRow((row, n) => {
    if (row.getCell(1).value === code) found = n;
  });
  if (found === 0) throw new Error(`no row ${code}`);
  return found;
}
const cell = (ws: ExcelJS.Worksheet, code: string, header: string) => ws.getCell(rowOf(ws, code), col(ws, header));
const bytes = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());
const importFile = (body: Buffer, query = '') =>
  app.inject({
    method: 'POST',
    url: `/api/v1/import${query}`,
    headers: { ...editor.headers, 'content-type': XLSX },
    payload: body,
  });
const approve = async (id: number | null) =>
  expect(
    (await app.inject({ method: 'POST', url: `/api/v1/revisions/${id}/approve`, headers: reviewer.headers }))
      .statusCode,
  ).toBe(200);
const revisionId = (code: string, year: number) =>
  (
    app.db.$client
      .prepare(
        'SELECT max(r.id) AS n FROM observation_revisions r JOIN indicators i ON i.id = r.indicator_id WHERE i.code = ? AND r.year = ?',
      )
      .get(code, year) as { n: number }
  ).n;

describe('the wide template', () => {
  test("one row per indicator of the editor's unit, a block of columns per year, a 填报说明 sheet", async () => {
    const wb = await download('?years=2025,2024');
    expect(wb.worksheets.map((w) => w.name)).toEqual(['填报表', '填报说明']);
    const ws = sheet(wb);
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      '指标代码 code',
      '指标 indicator',
      '单位 unit',
      ...YEAR_FIELDS.map((f) => `2024年${f}`),
      ...YEAR_FIELDS.map((f) => `2025年${f}`),
    ]);
    const codes: unknown[] = [];
    ws.eachRow((row, n) => {
      if (n > 1) codes.push(row.getCell(1).value);
    });
    expect(codes).toContain('gdp');
    expect(codes).not.toContain('fdi_actual'); // 市商务局's
    const guide = wb.getWorksheet('填报说明');
    expect(guide?.getCell('A2').value).toBe('填报单位：市统计局；填报年度：2024年、2025年');
    expect(String(guide?.getCell('A5').value)).toContain('填报值');
  });

  test('drop-downs in Chinese, read-only columns protected, the entry columns open', async () => {
    const ws = sheet(await download('?years=2025'));
    expect(cell(ws, 'gdp', '2025年数据状态').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"初步核算,最终核实,修订,预计数"'],
    });
    expect(cell(ws, 'gdp', '2025年限定词').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"以上,左右,约,以内"'],
    });
    expect((ws as unknown as { sheetProtection?: unknown }).sheetProtection).toMatchObject({ sheet: true });
    for (const header of [
      '指标代码 code',
      '指标 indicator',
      '单位 unit',
      '2025年计入值',
      '2025年待审核或已退回',
      '2025年修订号',
    ]) {
      expect(cell(ws, 'gdp', header).protection?.locked ?? true, header).toBe(true);
    }
    for (const header of [
      '2025年填报值',
      '2025年限定词',
      '2025年数据状态',
      '2025年可比价增速(%)',
      '2025年来源',
      '2025年备注',
    ]) {
      expect(cell(ws, 'gdp', header).protection?.locked, header).toBe(false);
    }
  });

  test('the value that counts stands apart from a pending revision (GDP 2022: approved 4524, a correction pending)', async () => {
    const approvedId = revisionId('gdp', 2022);
    const put = await app.inject({
      method: 'PUT',
      url: '/api/v1/indicators/gdp/observations/2022',
      headers: editor.headers,
      payload: { value: '4530', dataStatus: 'final', source: '统计年鉴2023', baseRevision: approvedId },
    });
    const pendingId = expectStatus<{ id: number }>(put, 201).id;
    const ws = sheet(await download('?years=2022'));
    expect(cell(ws, 'gdp', '2022年计入值').value).toBe('4524（初步核算）');
    expect(cell(ws, 'gdp', '2022年待审核或已退回').value).toBe(`待审核：4530（最终核实，修订号${pendingId}）`);
    const value = cell(ws, 'gdp', '2022年填报值');
    expect(value.type).toBe(ExcelJS.ValueType.Number);
    expect(value.value).toBe(4524);
    expect(cell(ws, 'gdp', '2022年修订号').value).toBe(pendingId);
    // the long export says the same
    const res = await app.inject({ method: 'GET', url: '/api/v1/export.csv', headers: editor.headers });
    const line = res.rawPayload
      .toString('utf8')
      .split('\r\n')
      .find((l) => l.startsWith('gdp,') && l.includes(',2022,'));
    expect(line).toContain(
      `计入：已通过（修订号${approvedId}）,待审核：4530（最终核实，修订号${pendingId}）,${pendingId}`,
    );
  });

  test('download → fill → import → approve → download: numbers as numbers, an estimate 10以上 unchanged', async () => {
    const wb = await download('?years=2024,2025');
    const ws = sheet(wb);
    cell(ws, 'gdp', '2024年填报值').value = 5000.1;
    cell(ws, 'gdp', '2024年数据状态').value = '初步核算';
    cell(ws, 'gdp', '2024年可比价增速(%)').value = 5.4;
    cell(ws, 'gdp', '2024年来源').value = '2024年赣州市统计公报';
    cell(ws, 'retail_sales', '2025年填报值').value = 10;
    cell(ws, 'retail_sales', '2025年限定词').value = '以上';
    cell(ws, 'retail_sales', '2025年数据状态').value = '预计数';
    cell(ws, 'retail_sales', '2025年来源').value = '市统计局预计';
    const report = expectStatus<ImportReport>(await importFile(await bytes(wb)), 200);
    expect(report.changes).toEqual([
      {
        row: rowOf(ws, 'gdp'),
        code: 'gdp',
        year: 2024,
        valueText: '5000.1',
        dataStatus: 'preliminary',
        source: '2024年赣州市统计公报',
        note: null,
        qualifier: null,
        growthRateText: '5.4',
        baseRevisionId: null,
        revisionId: expect.any(Number),
      },
      {
        row: rowOf(ws, 'retail_sales'),
        code: 'retail_sales',
        year: 2025,
        valueText: '10',
        dataStatus: 'estimate',
        source: '市统计局预计',
        note: null,
        qualifier: 'at_least',
        growthRateText: null,
        baseRevisionId: null,
        revisionId: expect.any(Number),
      },
    ]);
    for (const c of report.changes) await approve(c.revisionId);

    const again = await download('?years=2024,2025');
    const ws2 = sheet(again);
    expect(cell(ws2, 'gdp', '2024年计入值').value).toBe('5000.1（初步核算）');
    expect(cell(ws2, 'gdp', '2024年填报值').type).toBe(ExcelJS.ValueType.Number);
    expect(cell(ws2, 'gdp', '2024年填报值').value).toBe(5000.1);
    expect(cell(ws2, 'gdp', '2024年可比价增速(%)').value).toBe(5.4);
    expect(cell(ws2, 'retail_sales', '2025年计入值').value).toBe('10以上（预计数）');
    expect([
      cell(ws2, 'retail_sales', '2025年限定词').value,
      cell(ws2, 'retail_sales', '2025年数据状态').value,
    ]).toEqual(['以上', '预计数']);
    // sent back as it came: nothing changes
    const before = revisionId('retail_sales', 2025);
    expect(expectStatus<ImportReport>(await importFile(await bytes(again)), 200)).toMatchObject({
      ok: true,
      created: 0,
      unchanged: 2,
    });
    expect(revisionId('retail_sales', 2025)).toBe(before);

    // the long export shows the estimate with its qualifier, and takes it back unchanged too
    const long = await app.inject({ method: 'GET', url: '/api/v1/export.xlsx', headers: editor.headers });
    const lwb = new ExcelJS.Workbook();
    await lwb.xlsx.load(long.rawPayload as unknown as ExcelJS.Buffer);
    const lws = lwb.worksheets[0];
    if (!lws) throw new Error('no worksheet');
    let retail: unknown[] = [];
    lws.eachRow((row) => {
      if (row.getCell(1).value === 'retail_sales' && row.getCell(5).value === 2025)
        retail = (row.values as unknown[]).slice(6, 10);
    });
    expect(retail).toEqual([10, '以上', undefined, '预计数']);
    expect(expectStatus<ImportReport>(await importFile(long.rawPayload), 200)).toMatchObject({ ok: true, created: 0 });
    const obs = expectStatus<{ current: Array<{ year: number; displayText: string }> }>(
      await app.inject({ method: 'GET', url: '/api/v1/indicators/retail_sales/observations', headers: editor.headers }),
      200,
    );
    expect(obs.current.find((o) => o.year === 2025)?.displayText).toBe('10以上');
  });

  test('a year outside the plan is refused with its row and reason; nothing is written', async () => {
    const wb = await download('?years=2025');
    const ws = sheet(wb);
    const c = ws.getRow(1).cellCount + 1;
    ws.getCell(1, c).value = '2026年填报值';
    ws.getCell(1, c + 1).value = '2026年数据状态';
    ws.getCell(1, c + 2).value = '2026年来源';
    const r = rowOf(ws, 'gdp');
    ws.getCell(r, c).value = 5300;
    ws.getCell(r, c + 1).value = '预计数';
    ws.getCell(r, c + 2).value = '市统计局预计';
    cell(ws, 'gdp', '2025年填报值').value = 5200;
    cell(ws, 'gdp', '2025年数据状态').value = '预计数';
    cell(ws, 'gdp', '2025年来源').value = '市统计局预计';
    const before = revisionId('gdp', 2025);
    const body = expectStatus<ImportRejected>(await importFile(await bytes(wb)), 422);
    expect(body.report.rows).toEqual([
      {
        code: 'year_outside_plan',
        row: r,
        column: '2026年填报值',
        value: '2026',
        reason: '2026 lies outside the plan period 2021–2025 (2026年不在规划期2021–2025年内)',
      },
    ]);
    expect(revisionId('gdp', 2025)).toBe(before);
    // nor is such a year offered
    const asked = await app.inject({
      method: 'GET',
      url: '/api/v1/export/template.xlsx?years=2025,2026',
      headers: editor.headers,
    });
    expect(expectStatus<{ errors: unknown }>(asked, 400).errors).toEqual([
      { field: 'query.years', message: '2026 outside the plan period 2021–2025 (2026年不在规划期2021–2025年内)' },
    ]);
  });

  test('an admin chooses the unit by its code; an unknown one is 400; a template needs a signed-in user', async () => {
    const admin = await signIn(app, 'root', 'admin');
    const ws = sheet(await download(`?plan=${PLAN_ID}&unit=commerce&years=2025`, admin));
    const codes: unknown[] = [];
    ws.eachRow((row, n) => {
      if (n > 1) codes.push(row.getCell(1).value);
    });
    expect(codes).toContain('fdi_actual');
    expect(codes).not.toContain('gdp');
    expect(
      sheet(await download('?unit=commerce&years=2025', admin))
        .getRow(1)
        .getCell(1).value,
    ).toBe('指标代码 code');
    const unknown = await app.inject({
      method: 'GET',
      url: '/api/v1/export/template.xlsx?unit=no_such_unit',
      headers: admin.headers,
    });
    expect(expectStatus<{ errors: unknown }>(unknown, 400).errors).toEqual([
      { field: 'query.unit', message: 'no unit no_such_unit (未知单位代码)' },
    ]);
    expect((await app.inject({ method: 'GET', url: '/api/v1/export/template.xlsx' })).statusCode).toBe(401);
  });
});
