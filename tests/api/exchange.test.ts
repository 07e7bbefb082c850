/**
 * The spreadsheet round trip of yearly values (GET /export.xlsx|csv, POST /import): the export's
 * shape, all-or-nothing imports with a per-row report, dry runs, rights, locks, stale revisions and
 * export → import → export leaving every value as it was. Fixtures are built with exceljs here; the
 * expected values are the seeded plan's (seeds/src): 32 indicators with a 2021 baseline (5 years to
 * 2025) and 4 with a 2020 baseline (6 years) make 184 rows; gdp and fdi_actual have an approved 2022 value.
 */
import type { ImportRejected, ImportReport } from '@gz/shared';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { buildTestApp, expectStatus, PLAN_ID, signIn, type Session } from '../helpers/app.ts';
import { defined } from '../../server/src/lib/invariant.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADERS = [
  '指标代码 code',
  '类别 category',
  '指标 indicator',
  '单位 unit',
  '年份 year',
  '数值 value',
  '限定词 qualifier',
  '可比价增速(%) growthRate',
  '数据状态 dataStatus',
  '来源 source',
  '备注 note',
  '计入说明 counted',
  '待审核或已退回 pending',
  '修订号 revision',
];
const GDP_2022_SOURCE = '《赣州革命老区高质量发展示范区发展规划》第一章：2022年总量达4524亿元';
const FDI_2022_SOURCE = '《赣州革命老区高质量发展示范区发展规划》第一章：2022年,实际利用外资3.73亿美元';
const STATS_YEARBOOK = '赣州市统计年鉴/统计公报';

let app: FastifyInstance;
let editor: Session; // 市统计局: gdp, gdp_per_capita, retail_sales, …; not fdi_actual (市商务局)
let reviewer: Session;

beforeEach(async () => {
  app = await buildTestApp();
  editor = await signIn(app, 'ed', 'editor', ['stats']);
  reviewer = await signIn(app, 'rita', 'reviewer');
});
afterEach(() => app.close());

type Cell = string | number | null;
/** A workbook with the given header and rows, as exceljs writes it (Excel-compatible). */
async function workbook(
  rows: Cell[][],
  header: string[] = [
    '指标代码 code',
    '年份 year',
    '数值 value',
    '数据状态 dataStatus',
    '来源 source',
    '备注 note',
    '修订号 revision',
  ],
) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  ws.addRow(header);
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const count = (sql: string): number => (app.db.$client.prepare(sql).get() as { n: number }).n;
const revisions = () => count('SELECT count(*) AS n FROM observation_revisions');
const importAudits = () => count(`SELECT count(*) AS n FROM audit_log WHERE action = 'import.commit'`);
const counts = () => ({
  revisions: revisions(),
  imports: count('SELECT count(*) AS n FROM imports'),
  audits: count('SELECT count(*) AS n FROM audit_log'),
});
const revisionId = (code: string, year: number) =>
  (
    app.db.$client
      .prepare(
        'SELECT max(r.id) AS n FROM observation_revisions r JOIN indicators i ON i.id = r.indicator_id WHERE i.code = ? AND r.year = ?',
      )
      .get(code, year) as { n: number }
  ).n;

function post(session: Session, body: Buffer | string, type: string, query = '') {
  return app.inject({
    method: 'POST',
    url: `/api/v1/import${query}`,
    headers: { ...session.headers, 'content-type': type },
    payload: body,
  });
}
const importXlsx = (session: Session, body: Buffer, query = '') => post(session, body, XLSX, query);
const rejected = async (res: Awaited<ReturnType<typeof post>>) => expectStatus<ImportRejected>(res, 422);

async function exportXlsx(session: Session = editor) {
  const res = await app.inject({ method: 'GET', url: '/api/v1/export.xlsx', headers: session.headers });
  expect(res.statusCode).toBe(200);
  return res.rawPayload;
}
/** Every cell of the first sheet as exceljs reads it (type included: a text cell stays a string). */
async function cells(file: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ExcelJS.Buffer);
  const ws = defined(wb.worksheets[0], 'wb.worksheets[0]');
  const out: Cell[][] = [];
  ws.eachRow((row) => out.push(HEADERS.map((_, i) => (row.getCell(i + 1).value ?? null) as Cell)));
  return { ws, rows: out };
}

describe('export', () => {
  test('the xlsx has the bilingual header and one row per indicator × year, numbers as numbers, Chinese labels', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/export.xlsx?plan=${PLAN_ID}`,
      headers: editor.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${PLAN_ID}-values.xlsx"`);
    const { ws, rows } = await cells(res.rawPayload);
    expect(ws.name).toBe('指标数据');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(rows[0]).toEqual(HEADERS);
    expect(rows).toHaveLength(1 + 184);
    expect(rows.slice(1, 6).map((r) => [r[0], r[4]])).toEqual([2021, 2022, 2023, 2024, 2025].map((y) => ['gdp', y]));
    const gdp2022 = revisionId('gdp', 2022);
    expect(rows[2]).toEqual([
      'gdp',
      '综合实力',
      'GDP',
      '亿元',
      2022,
      4524,
      null,
      null,
      '初步核算',
      GDP_2022_SOURCE,
      null,
      `计入：已通过（修订号${gdp2022}）`,
      null,
      gdp2022,
    ]);
    // A year without a value: blank, with the indicator's usual source suggested.
    expect(rows[3]).toEqual([
      'gdp',
      '综合实力',
      'GDP',
      '亿元',
      2023,
      null,
      null,
      null,
      null,
      STATS_YEARBOOK,
      null,
      '无计入值',
      null,
      null,
    ]);
    expect(ws.getCell('F3').type).toBe(ExcelJS.ValueType.Number);
    expect(ws.getCell('F3').numFmt).toBe('0');
    expect(ws.getCell('I2').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"初步核算,最终核实,修订,预计数"'],
    });
    expect(ws.getCell('G2').dataValidation).toMatchObject({ type: 'list', formulae: ['"以上,左右,约,以内"'] });
    // one rule a column over every data row, as Excel, WPS and LibreOffice keep it (no overlapping pieces)
    const xml = await defined(
      (await JSZip.loadAsync(res.rawPayload)).file('xl/worksheets/sheet1.xml'),
      'sheet1.xml',
    ).async('string');
    const last = rows.length;
    expect([...xml.matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g)].map((m) => m[1]).sort()).toEqual([
      `G2:G${last}`,
      `I2:I${last}`,
    ]);
  });

  test('the CSV is UTF-8 with a BOM, CRLF lines and RFC 4180 quoting', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/export.csv', headers: editor.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.rawPayload.toString('utf8').slice(1).split('\r\n');
    expect(lines).toHaveLength(1 + 184 + 1); // the last record ends with CRLF too
    expect(lines[0]).toBe(HEADERS.join(','));
    const gdp2022 = revisionId('gdp', 2022);
    expect(lines[2]).toBe(
      `gdp,综合实力,GDP,亿元,2022,4524,,,初步核算,${GDP_2022_SOURCE},,计入：已通过（修订号${gdp2022}）,,${gdp2022}`,
    );
    const fdi = lines.find((l: string) => l.startsWith('fdi_actual,') && l.includes(',2022,'));
    const fdi2022 = revisionId('fdi_actual', 2022);
    expect(fdi).toBe(
      `fdi_actual,革命老区改革开放先行区,实际使用外资金额,亿美元,2022,3.73,,,初步核算,"${FDI_2022_SOURCE}",,计入：已通过（修订号${fdi2022}）,,${fdi2022}`,
    );
    expect(lines.at(-1)).toBe('');
  });

  test('needs a reader; an unknown plan is 404', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/export.csv' })).statusCode).toBe(401);
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/export.xlsx?plan=no-such-plan',
      headers: editor.headers,
    });
    expect(expectStatus<{ code: string }>(res, 404).code).toBe('not_found');
  });
});

describe('import: all or nothing', () => {
  test('a file with one bad row changes nothing and reports that row, column, value and reason', async () => {
    const before = counts();
    const file = await workbook([
      ['gdp', 2023, '4800.5', 'preliminary', '统计公报', null, null],
      ['gdp_per_capita', 2023, 'abc', 'preliminary', '统计公报', null, null],
      ['retail_sales', 2023, '2100', 'final', '统计公报', null, null],
    ]);
    const body = await rejected(await importXlsx(editor, file));
    expect(body.code).toBe('import_rejected');
    expect(body.detail).toBe('1 problem(s) in the file; nothing was imported.');
    expect(body.report).toEqual({
      dryRun: false,
      ok: false,
      importId: null,
      format: 'xlsx',
      rows: [
        {
          code: 'bad_value',
          row: 3,
          column: '数值 value',
          value: 'abc',
          reason: 'not a plain decimal number such as 4523.63 (应为普通数字，如 4523.63)',
        },
      ],
      problemCount: 1,
      created: 0,
      unchanged: 0,
      skipped: 0,
      changes: [],
    });
    expect(counts()).toEqual(before);
  });

  test('every problem of every row is listed, each with its own column', async () => {
    const file = await workbook([
      ['no_such_code', 2023, '1', 'final', 's', null, null],
      ['gdp', 'next year', '1', 'final', 's', null, null],
      ['gdp', 2031, '-5', 'guess', '', null, 'x'],
      ['gdp', 2022, '-5', 'guess', '', null, 'x'],
      ['gdp', 2023, '4800', 'final', 's', null, null],
      ['gdp', '2023年', '4900', 'final', 's', null, null],
      ['rd_intensity', 2023, '2.1', 'final', 's', null, null], // no lead unit: only admins
      ['urbanization_rate', 2023, '101', '初步', 's', 'x'.repeat(2001), null],
    ]);
    const { report } = await rejected(await importXlsx(editor, file));
    expect(report.rows).toEqual([
      {
        code: 'unknown_indicator',
        row: 2,
        column: '指标代码 code',
        value: 'no_such_code',
        reason: `no indicator no_such_code in plan ${PLAN_ID} (未知指标代码)`,
      },
      {
        code: 'bad_year',
        row: 3,
        column: '年份 year',
        value: 'next year',
        reason: 'not a year such as 2023 (年份格式不正确)',
      },
      // a year outside the plan is refused before anything else of its row is looked at
      {
        code: 'year_outside_plan',
        row: 4,
        column: '年份 year',
        value: '2031',
        reason: '2031 lies outside the plan period 2021–2025 (2031年不在规划期2021–2025年内)',
      },
      {
        code: 'bad_status',
        row: 5,
        column: '数据状态 dataStatus',
        value: 'guess',
        reason: 'expected preliminary, final, revised or estimate (应为 初步核算、最终核实、修订 或 预计数)',
      },
      {
        code: 'bad_revision',
        row: 5,
        column: '修订号 revision',
        value: 'x',
        reason: 'not a revision id (修订号应为整数)',
      },
      {
        code: 'source_required',
        row: 5,
        column: '来源 source',
        value: '',
        reason: 'the source of the figure is required',
      },
      {
        code: 'value_out_of_range',
        row: 5,
        column: '数值 value',
        value: '-5',
        reason: 'the value cannot be negative (数值不能为负)',
      },
      {
        code: 'duplicate_row',
        row: 7,
        column: '年份 year',
        value: '2023年',
        reason: 'gdp 2023 is already in row 6 (与第6行重复)',
      },
      {
        code: 'no_lead_unit',
        row: 8,
        column: '指标代码 code',
        value: 'rd_intensity',
        reason:
          'you may not enter values for rd_intensity: the indicator has no lead unit yet; ask an administrator (该指标尚未分配牵头单位，请联系管理员)',
      },
      {
        code: 'bad_status',
        row: 9,
        column: '数据状态 dataStatus',
        value: '初步',
        reason: 'expected preliminary, final, revised or estimate (应为 初步核算、最终核实、修订 或 预计数)',
      },
      {
        code: 'text_too_long',
        row: 9,
        column: '备注 note',
        value: `${'x'.repeat(200)}…`,
        reason: 'Too big: expected string to have <=2000 characters',
      },
      {
        code: 'value_out_of_range',
        row: 9,
        column: '数值 value',
        value: '101',
        reason: 'a percentage must lie between 0 and 100 (百分比应在 0 至 100 之间)',
      },
    ]);
    expect(report.problemCount).toBe(12);
  });

  test('a dry run shows the revisions it would create and writes nothing', async () => {
    const before = counts();
    const file = await workbook([
      ['gdp', 2023, '4800.50', '初步核算', '统计公报', '快报', null],
      ['gdp', 2024, null, null, null, null, null],
      ['retail_sales', '2023', 2100.25, 'FINAL', '统计公报', null, null],
    ]);
    const report = expectStatus<ImportReport>(await importXlsx(editor, file, '?dryRun=true'), 200);
    expect(report).toEqual({
      dryRun: true,
      ok: true,
      importId: null,
      format: 'xlsx',
      rows: [],
      problemCount: 0,
      created: 2,
      unchanged: 0,
      skipped: 1,
      changes: [
        {
          row: 2,
          code: 'gdp',
          year: 2023,
          valueText: '4800.50',
          dataStatus: 'preliminary',
          source: '统计公报',
          note: '快报',
          qualifier: null,
          growthRateText: null,
          baseRevisionId: null,
          revisionId: null,
        },
        {
          row: 4,
          code: 'retail_sales',
          year: 2023,
          valueText: '2100.25',
          dataStatus: 'final',
          source: '统计公报',
          note: null,
          qualifier: null,
          growthRateText: null,
          baseRevisionId: null,
          revisionId: null,
        },
      ],
    });
    expect(counts()).toEqual(before);
  });

  test('a dry run of a bad file answers 200 with ok false and the problems', async () => {
    const before = counts();
    const report = expectStatus<ImportReport>(
      await importXlsx(editor, await workbook([['gdp', 2023, '1e5', 'final', 's', null, null]]), '?dryRun=true'),
      200,
    );
    expect(report).toMatchObject({ dryRun: true, ok: false, created: 0, changes: [], problemCount: 1 });
    expect(report.rows).toEqual([
      {
        code: 'bad_value',
        row: 2,
        column: '数值 value',
        value: '1e5',
        reason: 'not a plain decimal number such as 4523.63 (应为普通数字，如 4523.63)',
      },
    ]);
    expect(counts()).toEqual(before);
  });

  test('a good file creates pending revisions attributed to the importer, one import record, one commit entry and one entry per value', async () => {
    const file = await workbook([
      ['gdp', 2023, '4800.50', 'preliminary', '统计公报', null, null],
      ['gdp', 2022, '4530', '最终核实', '统计年鉴2023', '核实数', revisionId('gdp', 2022)],
    ]);
    const before = revisions();
    const report = expectStatus<ImportReport>(await importXlsx(editor, file, `?plan=${PLAN_ID}&dryRun=false`), 200);
    expect(report).toMatchObject({ dryRun: false, ok: true, created: 2, unchanged: 0, skipped: 0, rows: [] });
    expect(report.importId).toEqual(expect.any(Number));
    expect(revisions()).toBe(before + 2);

    const stored = app.db.$client
      .prepare(
        `SELECT i.code, r.year, r.revision_no AS revisionNo, r.value_text AS valueText, r.data_status AS dataStatus, r.source, r.note,
                r.review_state AS reviewState, u.username AS enteredBy, r.import_id AS importId, r.base_revision_id AS baseRevisionId
         FROM observation_revisions r JOIN indicators i ON i.id = r.indicator_id JOIN users u ON u.id = r.entered_by WHERE r.import_id IS NOT NULL ORDER BY r.id`,
      )
      .all();
    const gdp2022 = defined(report.changes[1], 'report.changes[1]').baseRevisionId;
    expect(stored).toEqual([
      {
        code: 'gdp',
        year: 2023,
        revisionNo: 1,
        valueText: '4800.50',
        dataStatus: 'preliminary',
        source: '统计公报',
        note: null,
        reviewState: 'pending',
        enteredBy: 'ed',
        importId: report.importId,
        baseRevisionId: null,
      },
      {
        code: 'gdp',
        year: 2022,
        revisionNo: 2,
        valueText: '4530',
        dataStatus: 'final',
        source: '统计年鉴2023',
        note: '核实数',
        reviewState: 'pending',
        enteredBy: 'ed',
        importId: report.importId,
        baseRevisionId: gdp2022,
      },
    ]);
    expect(report.changes.map((c) => c.revisionId)).toEqual(
      app.db.$client
        .prepare('SELECT id FROM observation_revisions WHERE import_id IS NOT NULL ORDER BY id')
        .pluck()
        .all(),
    );
    expect(app.db.$client.prepare('SELECT format, row_count AS rowCount, filename FROM imports').all()).toEqual([
      { format: 'xlsx', rowCount: 2, filename: null },
    ]);

    expect(importAudits()).toBe(1);
    const audit = expectStatus<
      Array<{ action: string; username: string; entityType: string; entityId: string; planId: string; after: unknown }>
    >(
      await app.inject({ method: 'GET', url: '/api/v1/audit', headers: (await signIn(app, 'root', 'admin')).headers }),
      200,
    );
    // SEC (#10, L4): the commit, and each value with its import id (newest first)
    expect(audit.filter((e) => e.action.startsWith('import') || e.action.startsWith('observation'))).toEqual([
      expect.objectContaining({
        action: 'observation.write',
        username: 'ed',
        entityType: 'revision',
        entityId: String(report.changes[1]?.revisionId),
        importId: report.importId,
      }),
      expect.objectContaining({
        action: 'observation.write',
        username: 'ed',
        entityType: 'revision',
        entityId: String(report.changes[0]?.revisionId),
        importId: report.importId,
      }),
      expect.objectContaining({
        action: 'import.commit',
        username: 'ed',
        entityType: 'import',
        entityId: String(report.importId),
        planId: PLAN_ID,
        after: { importId: report.importId, rows: 2, created: 2 },
      }),
    ]);

    // They wait in the review queue like manual entries.
    const queue = expectStatus<Array<{ indicatorCode: string; year: number; enteredBy: string }>>(
      await app.inject({ method: 'GET', url: '/api/v1/revisions?state=pending', headers: reviewer.headers }),
      200,
    );
    expect(queue.map((q) => [q.indicatorCode, q.year, q.enteredBy])).toEqual([
      ['gdp', 2022, 'ed'],
      ['gdp', 2023, 'ed'],
    ]);
  });

  test('a file where nothing changed writes nothing, not even an import record', async () => {
    const before = counts();
    const file = await workbook([['gdp', 2022, '4524', 'preliminary', GDP_2022_SOURCE, null, revisionId('gdp', 2022)]]);
    const report = expectStatus<ImportReport>(await importXlsx(editor, file), 200);
    expect(report).toMatchObject({ ok: true, importId: null, created: 0, unchanged: 1, skipped: 0, changes: [] });
    expect(counts()).toEqual(before);
  });

  test('sending the same file twice creates its revisions once', async () => {
    const file = await workbook(
      [['gdp', 2023, '4800', 'final', '统计公报']],
      ['指标代码 code', '年份 year', '数值 value', '数据状态 dataStatus', '来源 source'],
    );
    expect(expectStatus<ImportReport>(await importXlsx(editor, file), 200).created).toBe(1);
    const before = counts();
    expect(expectStatus<ImportReport>(await importXlsx(editor, file), 200)).toMatchObject({ created: 0, unchanged: 1 });
    expect(counts()).toEqual(before);
  });
});

describe('import: rights, locks and stale files', () => {
  test('an editor outside the indicator’s units gets a per-row reason', async () => {
    const before = counts();
    const file = await workbook([
      ['gdp', 2023, '4800', 'final', '统计公报', null, null],
      ['fdi_actual', 2023, '4.1', 'final', '商务局', null, null],
    ]);
    const { report } = await rejected(await importXlsx(editor, file));
    expect(report.rows).toEqual([
      {
        code: 'not_your_unit',
        row: 3,
        column: '指标代码 code',
        value: 'fdi_actual',
        reason:
          'you may not enter values for fdi_actual: the indicator belongs to another unit (该指标不属于您所在的单位)',
      },
    ]);
    expect(counts()).toEqual(before);
    // An admin may enter every indicator.
    expect(expectStatus<ImportReport>(await importXlsx(await signIn(app, 'root', 'admin'), file), 200).created).toBe(2);
  });

  test('a locked year is refused per row', async () => {
    expect(
      (await app.inject({ method: 'PUT', url: `/api/v1/plans/${PLAN_ID}/locks/2023`, headers: reviewer.headers }))
        .statusCode,
    ).toBeLessThan(300);
    const file = await workbook([
      ['gdp', 2024, '5000', 'final', '统计公报', null, null],
      ['gdp', 2023, '4800', 'final', '统计公报', null, null],
    ]);
    const { report } = await rejected(await importXlsx(editor, file));
    expect(report.rows).toEqual([
      {
        code: 'year_locked',
        row: 3,
        column: '年份 year',
        value: '2023',
        reason: `2023 is locked for plan ${PLAN_ID} (该年度已锁定)`,
      },
    ]);
  });

  test('a row edited in a stale export gets a conflict naming both revisions; nothing is overwritten', async () => {
    const exported = await exportXlsx();
    const seeded = revisionId('gdp', 2022);
    const put = await app.inject({
      method: 'PUT',
      url: '/api/v1/indicators/gdp/observations/2022',
      headers: editor.headers,
      payload: { value: '4530', dataStatus: 'final', source: '统计年鉴', baseRevision: seeded },
    });
    const meanwhile = expectStatus<{ id: number }>(put, 201).id;

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported as unknown as ExcelJS.Buffer);
    defined(wb.worksheets[0], 'wb.worksheets[0]').getCell('F3').value = '4525'; // gdp 2022
    const before = counts();
    const { report } = await rejected(await importXlsx(editor, Buffer.from(await wb.xlsx.writeBuffer())));
    expect(report.rows).toEqual([
      {
        code: 'stale_revision',
        row: 3,
        column: '修订号 revision',
        value: String(seeded),
        reason: `changed since the file was exported: the newest revision is ${meanwhile} (pending), the file has ${seeded}; export again (数据已被修改，请重新导出)`,
      },
    ]);
    expect(counts()).toEqual(before);
  });

  test('a returned revision is the base of the next export: correcting it through the sheet is no conflict', async () => {
    const put = await app.inject({
      method: 'PUT',
      url: '/api/v1/indicators/gdp/observations/2023',
      headers: editor.headers,
      payload: { value: '48000', dataStatus: 'final', source: '统计公报', baseRevision: null },
    });
    const returnedId = expectStatus<{ id: number }>(put, 201).id;
    const back = await app.inject({
      method: 'POST',
      url: `/api/v1/revisions/${returnedId}/return`,
      headers: reviewer.headers,
      payload: { reason: '多了一个0' },
    });
    expect(back.statusCode).toBe(200);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportXlsx()) as unknown as ExcelJS.Buffer);
    const ws = defined(wb.worksheets[0], 'wb.worksheets[0]');
    // gdp 2023: no counted value, the newest revision is the returned one
    expect([5, 6, 9, 10, 11, 12, 13, 14].map((c) => ws.getRow(4).getCell(c).value ?? null)).toEqual([
      2023,
      null,
      null,
      STATS_YEARBOOK,
      null,
      '无计入值',
      `已退回：48000（最终核实，修订号${returnedId}）；退回原因：多了一个0`,
      returnedId,
    ]);
    ws.getCell('F4').value = '4800';
    ws.getCell('I4').value = 'final';
    const report = expectStatus<ImportReport>(await importXlsx(editor, Buffer.from(await wb.xlsx.writeBuffer())), 200);
    expect(report.changes).toEqual([
      {
        row: 4,
        code: 'gdp',
        year: 2023,
        valueText: '4800',
        dataStatus: 'final',
        source: STATS_YEARBOOK,
        note: null,
        qualifier: null,
        growthRateText: null,
        baseRevisionId: returnedId,
        revisionId: expect.any(Number),
      },
    ]);
  });

  test('only editors and admins import; a session write needs the CSRF header', async () => {
    const file = await workbook([['gdp', 2023, '4800', 'final', '统计公报', null, null]]);
    expect((await importXlsx(reviewer, file)).statusCode).toBe(403);
    expect((await importXlsx(await signIn(app, 'vera', 'viewer'), file)).statusCode).toBe(403);
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/import', headers: { 'content-type': XLSX }, payload: file }))
        .statusCode,
    ).toBe(401);
    const noCsrf = await app.inject({
      method: 'POST',
      url: '/api/v1/import',
      headers: { cookie: editor.headers.cookie, 'content-type': XLSX },
      payload: file,
    });
    expect(noCsrf.statusCode).toBe(403);
  });
});

describe('round trip', () => {
  test('xlsx: export → import changes nothing, and the next export has identical values', async () => {
    // Give the export a value whose digits matter: 4523.630 keeps its trailing zero.
    const setup = await workbook([['gdp', 2023, '4523.630', 'final', '统计公报, 2024年', '含"快报"数', null]]);
    const { changes } = expectStatus<ImportReport>(await importXlsx(editor, setup), 200);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/v1/revisions/${defined(changes[0], 'changes[0]').revisionId}/approve`,
          headers: reviewer.headers,
        })
      ).statusCode,
    ).toBe(200);

    const first = await exportXlsx();
    const before = counts();
    const report = expectStatus<ImportReport>(await importXlsx(editor, first), 200);
    expect(report).toMatchObject({ ok: true, importId: null, created: 0, unchanged: 3, skipped: 181, rows: [] });
    expect(counts()).toEqual(before);

    const again = await cells(await exportXlsx());
    const original = await cells(first);
    expect(again.rows).toEqual(original.rows);
    expect(defined(again.rows[3], 'again.rows[3]').slice(4, 11)).toEqual([
      2023,
      4523.63,
      null,
      null,
      '最终核实',
      '统计公报, 2024年',
      '含"快报"数',
    ]);
    expect(again.ws.getCell('F4').numFmt).toBe('0.000'); // shown, and read back, as 4523.630
  });

  test('CSV: export → import changes nothing, and the next export is byte for byte the same', async () => {
    const setup = await workbook([['gdp', 2023, '4523.630', 'final', '=统计公报', '+含"快报",数\n第二行', null]]);
    const { changes } = expectStatus<ImportReport>(await importXlsx(editor, setup), 200);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/v1/revisions/${defined(changes[0], 'changes[0]').revisionId}/approve`,
          headers: reviewer.headers,
        })
      ).statusCode,
    ).toBe(200);

    const first = (await app.inject({ method: 'GET', url: '/api/v1/export.csv', headers: editor.headers })).rawPayload;
    // Formula-like text is defused with an apostrophe; a multi-line note is quoted.
    const id = defined(changes[0], 'changes[0]').revisionId;
    expect(first.toString('utf8')).toContain(
      `\r\ngdp,综合实力,GDP,亿元,2023,4523.630,,,最终核实,'=统计公报,"'+含""快报"",数\n第二行",计入：已通过（修订号${id}）,,${id}\r\n`,
    );
    const before = counts();
    const report = expectStatus<ImportReport>(await post(editor, first, 'text/csv; charset=utf-8'), 200);
    expect(report).toMatchObject({
      ok: true,
      format: 'csv',
      importId: null,
      created: 0,
      unchanged: 3,
      skipped: 181,
      rows: [],
    });
    expect(counts()).toEqual(before);
    const again = (await app.inject({ method: 'GET', url: '/api/v1/export.csv', headers: editor.headers })).rawPayload;
    expect(again.equals(first)).toBe(true);
  });

  test('an edited CSV export imports its changed rows only, with problems reported by spreadsheet row', async () => {
    const text = (
      await app.inject({ method: 'GET', url: '/api/v1/export.csv', headers: editor.headers })
    ).rawPayload.toString('utf8');
    const edited = text.replace(
      '\r\ngdp,综合实力,GDP,亿元,2023,,,,,',
      '\r\ngdp,综合实力,GDP,亿元,2023,4800,,,最终核实,',
    );
    const report = expectStatus<ImportReport>(await post(editor, edited, 'text/csv'), 200);
    expect(report).toMatchObject({ created: 1, unchanged: 2, skipped: 181 });
    expect(report.changes).toEqual([
      {
        row: 4,
        code: 'gdp',
        year: 2023,
        valueText: '4800',
        dataStatus: 'final',
        source: STATS_YEARBOOK,
        note: null,
        qualifier: null,
        growthRateText: null,
        baseRevisionId: null,
        revisionId: expect.any(Number),
      },
    ]);

    const bad = text.replace('\r\ngdp,综合实力,GDP,亿元,2024,,,,,', '\r\ngdp,综合实力,GDP,亿元,2024,x,,,final,');
    const { report: rejectedReport } = await rejected(await post(editor, bad, 'text/csv'));
    expect(rejectedReport.rows).toEqual([
      {
        code: 'bad_value',
        row: 5,
        column: '数值 value',
        value: 'x',
        reason: 'not a plain decimal number such as 4523.63 (应为普通数字，如 4523.63)',
      },
    ]);
  });

  test('a CSV saved by Excel on a Chinese Windows (GB18030, no BOM) is read', async () => {
    const csv = '指标代码,年份,数值,数据状态,来源\r\ngdp,2023,4800,最终核实,统计公报\r\n';
    const bytes = encodeGb18030(csv);
    const report = expectStatus<ImportReport>(await post(editor, bytes, 'text/csv', '?dryRun=true'), 200);
    expect(report.changes).toEqual([
      {
        row: 2,
        code: 'gdp',
        year: 2023,
        valueText: '4800',
        dataStatus: 'final',
        source: '统计公报',
        note: null,
        qualifier: null,
        growthRateText: null,
        baseRevisionId: null,
        revisionId: null,
      },
    ]);
  });
});

describe('upload forms and bad files', () => {
  test('multipart/form-data with a file field works and keeps the file name', async () => {
    const file = await workbook([['gdp', 2023, '4800', 'final', '统计公报', null, null]]);
    const boundary = '----gzboundary';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="2023年数据.xlsx"\r\nContent-Type: ${XLSX}\r\n\r\n`,
      ),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await post(editor, body, `multipart/form-data; boundary=${boundary}`);
    expect(expectStatus<ImportReport>(res, 200).created).toBe(1);
    expect(app.db.$client.prepare('SELECT filename, format FROM imports').all()).toEqual([
      { filename: '2023年数据.xlsx', format: 'xlsx' },
    ]);

    const wrongField = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="upload"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      Buffer.from('x'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const problem = expectStatus<{ errors: unknown }>(
      await post(editor, wrongField, `multipart/form-data; boundary=${boundary}`),
      400,
    );
    expect(problem.errors).toEqual([
      { field: 'body.file', message: 'send the file in the field "file", not "upload"' },
    ]);
  });

  test.each([
    ['JSON', 'application/json', '{"a":1}', 415, 'unsupported_media_type'],
    ['plain text', 'text/plain', 'gdp,2023', 415, 'unsupported_media_type'],
    ['xlsx that is no zip', XLSX, 'not a zip at all', 400, 'unreadable_file'],
    ['empty xlsx', XLSX, '', 400, 'unreadable_file'],
    ['CSV with an open quote', 'text/csv', 'a,"b', 400, 'unreadable_file'],
    ['CSV with a 200,000-character cell', 'text/csv', 'x'.repeat(200_000), 400, 'unreadable_file'],
  ])('%s: a clear 4xx', async (_label, type, body, status, code) => {
    const res = await post(editor, body, type);
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((res.json() as { code: string }).code).toBe(code);
  });

  test('a file without the required columns is rejected at its header row', async () => {
    const { report } = await rejected(
      await importXlsx(editor, await workbook([['gdp', 2023, '1']], ['code', 'year', 'value'])),
    );
    expect(report.rows).toEqual([
      {
        code: 'missing_column',
        row: 1,
        column: '数据状态 dataStatus',
        value: '',
        reason: 'the column 数据状态 dataStatus is missing (缺少该列)',
      },
      {
        code: 'missing_column',
        row: 1,
        column: '来源 source',
        value: '',
        reason: 'the column 来源 source is missing (缺少该列)',
      },
    ]);
    const none = await rejected(await post(editor, 'just,some,text\r\n1,2,3\r\n', 'text/csv'));
    expect(none.report.rows).toEqual([
      {
        code: 'no_header',
        row: 1,
        column: '指标代码 code',
        value: '',
        reason:
          'no header row found in the first 10 rows; expected the columns 指标代码 code, 年份 year, 数值 value, 数据状态 dataStatus, 来源 source (未找到表头)',
      },
    ]);
  });

  test('a title above the header and English-only headers in another order are fine', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    ws.addRow(['2023年指标数据']);
    ws.addRow([]);
    ws.addRow(['Source', 'VALUE', 'year', 'dataStatus', 'code']);
    ws.addRow(['统计公报', 4800.25, 2023, 'revised', 'gdp']);
    const report = expectStatus<ImportReport>(
      await importXlsx(editor, Buffer.from(await wb.xlsx.writeBuffer()), '?dryRun=true'),
      200,
    );
    expect(report.changes).toEqual([
      {
        row: 4,
        code: 'gdp',
        year: 2023,
        valueText: '4800.25',
        dataStatus: 'revised',
        source: '统计公报',
        note: null,
        qualifier: null,
        growthRateText: null,
        baseRevisionId: null,
        revisionId: null,
      },
    ]);
  });
});

/** GB18030 bytes of a text, for the CSV a Chinese Excel writes (Node has no GB encoder; this covers the characters used). */
function encodeGb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  return Buffer.from(
    [...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : defined(table.get(ch), 'table.get(ch)'))),
  );
}
