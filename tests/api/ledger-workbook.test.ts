/** The 台账 workbook: export, all-or-nothing import with a dry run, round trip into a fresh database. */
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_PASSWORD, buildTestApp, expectStatus, login, type Session } from '../helpers/app.ts';
import { createTask } from '../helpers/ledger.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let source: FastifyInstance;
let target: FastifyInstance;
let a: Session;
let b: Session;

beforeAll(async () => {
  source = await buildTestApp();
  target = await buildTestApp();
  a = await login(source, 'admin', ADMIN_PASSWORD);
  b = await login(target, 'admin', ADMIN_PASSWORD);
  await createTask(source, a, {
    measureId: 'gz2026-03',
    title: '提高常住人口城镇化率',
    leadUnit: 'ndrc',
    contributingUnits: ['stats', 'commerce'],
    startDate: '2026-06-01',
    dueDate: '2026-12-31',
    milestones: [
      { title: '制定方案', dueDate: '2026-07-31' },
      { title: '完成评估', dueDate: '2026-12-15' },
    ],
    indicatorCodes: ['urbanization_rate'],
  });
  await createTask(source, a, {
    projectId: 'zl6-1',
    title: '长赣高铁建设',
    leadUnit: null,
    startDate: '2025-01-01',
    dueDate: '2027-12-31',
  });
});
afterAll(async () => {
  await source.close();
  await target.close();
});

async function exportOf(app: FastifyInstance, s: Session) {
  const res = await app.inject({
    method: 'GET',
    url: '/api/v1/ledger.xlsx?asOf=2026-06-10',
    headers: { cookie: s.headers.cookie },
  });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe(XLSX);
  return res.rawPayload;
}
/** The sheet's rows as text arrays (header first), read back with exceljs. */
async function rowsOf(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet('任务台账');
  if (!ws) throw new Error('no sheet 任务台账');
  const out: string[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) =>
    out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))),
  );
  return out;
}
const importInto = (app: FastifyInstance, s: Session, body: Buffer, dryRun: boolean) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/ledger/import?dryRun=${dryRun}`,
    headers: { ...s.headers, 'content-type': XLSX },
    payload: body,
  });
const taskColumns = (rows: string[][]) =>
  rows.filter((r) => r[5] !== '' && r[5] !== undefined).map((r) => r.slice(1, 12));

describe('ledger workbook', () => {
  test('the export lists every Ganzhou measure (a blank row when it has no task) and every task', async () => {
    const rows = await rowsOf(await exportOf(source, a));
    expect(rows[0]?.slice(0, 3)).toEqual(['任务编号 id', '章节 section', '举措代码 measure']);
    // 23 measures without a task + 1 task on (三) + 1 key-project task
    expect(rows).toHaveLength(1 + 23 + 1 + 1);
    const task = rows.find((r) => r[5] === '提高常住人口城镇化率');
    expect(task).toEqual([
      '1',
      '二、优化城市体系',
      'gz2026-03',
      '（三）增强县域综合实力',
      '',
      '提高常住人口城镇化率',
      '市发展改革委',
      '市统计局、市商务局',
      '2026-06-01',
      '2026-12-31',
      '2026-07-31 制定方案\n2026-12-15 完成评估',
      'urbanization_rate',
      '未启动',
      '',
    ]);
    expect(rows.find((r) => r[5] === '长赣高铁建设')?.slice(3, 7)).toEqual(['铁路', 'zl6-1', '长赣高铁建设', '']);
  });

  test('round trip: a dry run writes nothing; the import recreates the same tasks in a fresh database', async () => {
    const file = await exportOf(source, a);
    const dry = expectStatus<{ ok: boolean; created: { row: number; taskId: number | null }[] }>(
      await importInto(target, b, file, true),
      200,
    );
    expect(dry.ok).toBe(true);
    expect(dry.created.map((c) => c.taskId)).toEqual([null, null]);
    expect(
      expectStatus<unknown[]>(
        await target.inject({ method: 'GET', url: '/api/v1/tasks', headers: { cookie: b.headers.cookie } }),
        200,
      ),
    ).toHaveLength(0);

    const done = expectStatus<{ ok: boolean; created: { taskId: number }[] }>(
      await importInto(target, b, file, false),
      200,
    );
    expect(done.created.map((c) => c.taskId)).toEqual([1, 2]);
    expect(taskColumns(await rowsOf(await exportOf(target, b)))).toEqual(taskColumns(await rowsOf(file)));
    // importing the same file again changes nothing: the rows name tasks that exist and are equal
    const again = expectStatus<{ ok: boolean; created: unknown[] }>(
      await importInto(target, b, await exportOf(target, b), false),
      200,
    );
    expect(again).toMatchObject({ ok: true, created: [] });
    // the import is audited as the admin who ran it, one entry per created task
    const audit = expectStatus<{ action: string; username: string | null }[]>(
      await target.inject({ method: 'GET', url: '/api/v1/audit?limit=50', headers: { cookie: b.headers.cookie } }),
      200,
    );
    expect(audit.filter((e) => e.action === 'task.import').map((e) => e.username)).toEqual(['admin', 'admin']);
  });

  test('a bad row is refused with its row, column and reason, and nothing is written', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('任务台账');
    ws.addRow([
      '任务编号 id',
      '举措代码 measure',
      '重点项目代码 project',
      '工作任务 task',
      '牵头单位 lead unit',
      '开始日期 start',
      '完成时限 due',
      '里程碑 milestones',
    ]);
    ws.addRow([
      '',
      'gz2026-05',
      '',
      '编制城市更新专项规划',
      '市自然资源局',
      '2026-06-01',
      '2026-12-31',
      '2026-09-30 形成初稿',
    ]);
    ws.addRow(['', 'gz2026-77', '', '无此举措的任务', 'natres', '2026-06-01', '2026-12-31', '']);
    ws.addRow(['', 'gz2026-06', '', '日期颠倒', 'ecoenv', '2026-12-01', '2026-06-30', '']);
    ws.addRow(['', 'gz2026-07', '', '单位不在目录中', '市外事办', '2026-06-01', '2026-12-31', '']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const before = expectStatus<unknown[]>(
      await target.inject({ method: 'GET', url: '/api/v1/tasks', headers: { cookie: b.headers.cookie } }),
      200,
    ).length;

    const dry = expectStatus<{ ok: boolean; problems: { row: number; column: string; reason: string }[] }>(
      await importInto(target, b, file, true),
      200,
    );
    expect(dry.ok).toBe(false);
    const res = await importInto(target, b, file, false);
    const body = expectStatus<{
      code: string;
      report: { problems: { row: number; column: string; value: string; reason: string }[] };
    }>(res, 422);
    expect(body.code).toBe('import_rejected');
    expect(body.report.problems).toEqual([
      { row: 3, column: '举措代码 measure', value: 'gz2026-77', reason: 'no measure gz2026-77' },
      { row: 4, column: '完成时限 due', value: '2026-06-30', reason: 'the due date is before the start date' },
      { row: 5, column: '牵头单位 lead unit', value: '市外事办', reason: 'unknown unit 市外事办 (单位不在单位目录中)' },
    ]);
    expect(dry.problems).toEqual(body.report.problems);
    const after = expectStatus<unknown[]>(
      await target.inject({ method: 'GET', url: '/api/v1/tasks', headers: { cookie: b.headers.cookie } }),
      200,
    ).length;
    expect(after).toBe(before);
  });
});
