/**
 * Evaluation reports and yearly targets through the API, on the fixture plan of
 * tests/helpers/evaluation-fixture.ts (created, published and filled through the API): the final report's
 * counts and narrative, its XLSX workbook read back cell by cell, issued reports frozen against later
 * revisions, and yearly targets judged in the report and drawn on the trajectory.
 */
import type { AnnualTarget, EvaluationReport, ReportListItem, Trajectory } from '@gz/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_PASSWORD, buildTestApp, expectStatus, login, signIn, type Session } from '../helpers/app.ts';
import {
  enterApproved,
  FIXTURE_FINAL_NARRATIVE_API,
  FIXTURE_PLAN,
  FIXTURE_PLAN_ID,
  loadFixturePlan,
} from '../helpers/evaluation-fixture.ts';
import { defined } from '../../server/src/lib/invariant.ts';

type App = Awaited<ReturnType<typeof buildTestApp>>;

const BASE = `/api/v1/plans/${FIXTURE_PLAN_ID}`;

async function setUp() {
  const app = await buildTestApp();
  const admin = await login(app, 'admin', ADMIN_PASSWORD);
  const reviewer = await signIn(app, 'rita', 'reviewer');
  const viewer = await signIn(app, 'vera', 'viewer');
  await loadFixturePlan(app, admin, reviewer);
  return { app, admin, reviewer, viewer };
}

const row = (report: EvaluationReport, code: string) =>
  defined(
    report.areas.flatMap((a) => a.rows).find((r) => r.code === code),
    'report.areas.flatMap((a) => a.rows).find((r) => r.code ==...',
  );

describe('the final evaluation (2025) of the fixture plan', () => {
  let app: App;
  let viewer: Session;
  beforeAll(async () => {
    ({ app, viewer } = await setUp());
  });
  afterAll(() => app.close());

  const get = (url: string) => app.inject({ method: 'GET', url, headers: viewer.headers });

  test('GET …/evaluations/2025 is a live final report with the counts by evaluation class', async () => {
    const report = expectStatus<EvaluationReport>(await get(`${BASE}/evaluations/2025`), 200);
    expect(report).toMatchObject({
      planId: FIXTURE_PLAN_ID,
      year: 2025,
      kind: 'final',
      title: '测试规划终期评估报告（2025年）',
      issued: null,
      total: 11,
    });
    expect(report.byClass).toEqual({ achieved: 3, ahead: 1, on_track: 1, lagging: 3, not_evaluated: 3 });
    expect(report.byAttribute.binding.total).toBe(5);
    expect(report.byAttribute.binding.byClass).toEqual({
      achieved: 1,
      ahead: 1,
      on_track: 0,
      lagging: 2,
      not_evaluated: 1,
    });
    expect(report.earlyWarning.map((w) => w.code)).toEqual(['energy_cut', 'coverage', 'pension', 'water']);
    expect(report.areas.map((a) => [a.name, a.rows.length])).toEqual([
      ['经济发展', 3],
      ['生态环境', 4],
      ['民生保障', 4],
    ]);
  });

  test('the narrative is drafted from the figures, and a live report serves it as the narrative', async () => {
    const report = expectStatus<EvaluationReport>(await get(`${BASE}/evaluations/2025`), 200);
    expect(report.draftNarrative).toBe(FIXTURE_FINAL_NARRATIVE_API);
    expect(report.narrative).toBe(FIXTURE_FINAL_NARRATIVE_API);
  });

  test('the workbook has a summary sheet and one sheet per area; the economy sheet cell by cell', async () => {
    const res = await get(`${BASE}/evaluations/2025.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain('filename="test-2020-2025-2025-final-live.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '附表 主要指标完成情况表',
      '概况',
      '经济发展',
      '生态环境',
      '民生保障',
    ]);

    // The 附表 first: one row per indicator (11), values stored as numbers, the final verdict as 完成情况.
    const appendix = defined(workbook.worksheets[0], 'workbook.worksheets[0]');
    const cells = (r: number) => (appendix.getRow(r).values as unknown[]).slice(1);
    expect(cells(1)).toEqual([
      '序号',
      '类别',
      '指标',
      '单位',
      '属性',
      '基期值',
      '目标值',
      '2021年',
      '2022年',
      '2023年',
      '2024年',
      '2025年',
      '完成情况',
      '备注',
    ]);
    // gdp: 155 ≥ 150, and 155 − 150 = 5 > 2 % of 150 = 3 → 超额完成
    expect(cells(2)).toEqual([
      1,
      '经济发展',
      'GDP',
      '亿元',
      '预期性',
      100,
      150,
      110,
      120,
      130,
      '—',
      155,
      '超额完成',
      '来源：测试数据',
    ]);
    expect(typeof appendix.getCell('L2').value).toBe('number');
    expect(appendix.rowCount).toBe(12);

    const sheet = defined(workbook.getWorksheet('经济发展'), "workbook.getWorksheet('经济发展')");
    const values = (r: number) => (sheet.getRow(r).values as unknown[]).slice(1);
    expect(sheet.getCell('A1').value).toBe('经济发展（3项）');
    expect(values(2)).toEqual([
      '类别',
      '指标',
      '单位',
      '基期值',
      '目标值',
      '属性',
      '2021年',
      '2022年',
      '2023年',
      '2024年',
      '2025年',
      '完成进度',
      '序时进度',
      '评价',
    ]);
    // gdp: c = (155 − 100)/(150 − 100) = 1.1, e = 1; no value for 2024 → an empty cell
    expect(values(3)).toEqual([
      '经济发展',
      'GDP',
      '亿元',
      100,
      150,
      '预期性',
      110,
      120,
      130,
      undefined,
      155,
      1.1,
      1,
      '超额完成',
    ]);
    // growth: a 年均 target has no completion ratio: the mean rate (1.08·1.07·1.075·1.072·1.07)^(1/5) − 1 = 7.34 % is shown
    expect(values(4)).toEqual([
      '经济发展',
      '规模以上工业增加值增速',
      '%',
      9,
      '年均7.5左右',
      '预期性',
      8,
      7,
      7.5,
      7.2,
      7,
      '年均7.34%',
      1,
      '完成',
    ]);
    // retail: c = (280 − 200)/(300 − 200) = 0.8
    expect(values(5)).toEqual([
      '经济发展',
      '社会消费品零售总额',
      '亿元',
      200,
      300,
      '预期性',
      undefined,
      undefined,
      undefined,
      undefined,
      280,
      0.8,
      1,
      '未完成',
    ]);
    expect(sheet.rowCount).toBe(5);
    expect(sheet.getCell('K4').numFmt).toBe('0.0'); // "7.0" keeps its decimal
    expect(sheet.getCell('L3').numFmt).toBe('0.0%');

    const summary = defined(workbook.getWorksheet('概况'), "workbook.getWorksheet('概况')");
    expect(summary.getCell('A1').value).toBe('测试规划终期评估报告（2025年）');
    const classRows = [5, 6, 7, 8, 9, 10].map((r) => (summary.getRow(r).values as unknown[]).slice(1, 5));
    expect(classRows).toEqual([
      ['提前实现/已完成', 3, 1, 2],
      ['快于预期', 1, 1, 0],
      ['基本符合预期', 1, 0, 1],
      ['滞后于预期', 3, 2, 1],
      ['未评估', 3, 1, 2],
      ['合计', 11, 5, 6],
    ]);
  });

  test('years outside the plan period and unknown plans are refused', async () => {
    const early = await get(`${BASE}/evaluations/2020`);
    expect(early.statusCode).toBe(400);
    expect(early.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'params.year' }] });
    expect((await get(`${BASE}/evaluations/2026.xlsx`)).statusCode).toBe(400);
    expect((await get('/api/v1/plans/no-such-plan/evaluations/2025')).statusCode).toBe(404);
  });
});

describe('issued reports', () => {
  let app: App;
  let admin: Session;
  let reviewer: Session;
  let viewer: Session;
  beforeAll(async () => {
    ({ app, admin, reviewer, viewer } = await setUp());
  });
  afterAll(() => app.close());

  const get = (url: string) => app.inject({ method: 'GET', url, headers: viewer.headers });
  const issue = (session: Session, payload: object, planId = FIXTURE_PLAN_ID) =>
    app.inject({ method: 'POST', url: `/api/v1/plans/${planId}/evaluations`, headers: session.headers, payload });

  test('only reviewers and admins issue reports, only for published plans, only for years of the period', async () => {
    expect((await issue(viewer, { year: 2023 })).statusCode).toBe(403);
    const editor = await signIn(app, 'ed', 'editor');
    expect((await issue(editor, { year: 2023 })).statusCode).toBe(403);
    const outside = await issue(reviewer, { year: 2027 });
    expect(outside.statusCode).toBe(400);
    expect(outside.json()).toMatchObject({ errors: [{ field: 'body.year' }] });
    expectStatus(
      await app.inject({
        method: 'POST',
        url: '/api/v1/plans',
        headers: admin.headers,
        payload: { ...FIXTURE_PLAN, id: 'draft-plan' },
      }),
      201,
    );
    // a draft is invisible to a reviewer (404); its admin author is told it is not published yet
    expect((await issue(reviewer, { year: 2023 }, 'draft-plan')).statusCode).toBe(404);
    const draft = await issue(admin, { year: 2023 }, 'draft-plan');
    expect(draft.statusCode).toBe(409);
    expect(draft.json()).toMatchObject({ code: 'plan_not_published' });
  });

  test('a report issued before a revision still shows the old value and status afterwards', async () => {
    const issued = expectStatus<EvaluationReport>(await issue(reviewer, { year: 2023 }), 201);
    expect(issued.issued).toMatchObject({ createdBy: 'rita' });
    expect(issued.kind).toBe('midterm');
    // gdp 2023: e = (2023 − 2020)/5 = 0.6, c = (130 − 100)/50 = 0.6, p = 1.0 → on track
    expect(row(issued, 'gdp')).toMatchObject({ status: 'on_track', completionText: '60.0%' });
    expect(
      defined(
        row(issued, 'gdp').actuals.find((a) => a.year === 2023),
        "row(issued, 'gdp').actuals.find((a) => a.year === 2023)",
      ).valueText,
    ).toBe('130');

    await enterApproved(app, admin, reviewer, FIXTURE_PLAN_ID, 'gdp', 2023, '140');

    const after = expectStatus<EvaluationReport>(await get(`${BASE}/evaluations/2023`), 200);
    expect(after.issued).toEqual(issued.issued);
    expect(after).toEqual(issued);

    // live: c = (140 − 100)/50 = 0.8, p = 0.8/0.6 = 1.33 → ahead
    const live = expectStatus<EvaluationReport>(await get(`${BASE}/evaluations/2023?live=true`), 200);
    expect(live.issued).toBeNull();
    expect(row(live, 'gdp')).toMatchObject({ status: 'ahead', completionText: '80.0%' });
    expect(
      defined(
        row(live, 'gdp').actuals.find((a) => a.year === 2023),
        "row(live, 'gdp').actuals.find((a) => a.year === 2023)",
      ).valueText,
    ).toBe('140');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await get(`${BASE}/evaluations/2023.xlsx`)).rawPayload as unknown as ArrayBuffer);
    expect(defined(workbook.getWorksheet('经济发展'), "workbook.getWorksheet('经济发展')").getCell('I3').value).toBe(
      130,
    );
    expect(
      String(defined(workbook.getWorksheet('概况'), "workbook.getWorksheet('概况')").getCell('A2').value),
    ).toContain(`报告编号评估报告〔2023〕第${defined(issued.issued, 'issued.issued').id}号，rita于`);
    expect(String(defined(workbook.getWorksheet('概况'), "workbook.getWorksheet('概况')").getCell('A2').value)).toMatch(
      /（北京时间）出具（正式稿）$/,
    );
  });

  test('an edited narrative is issued as written; the drafted one stays beside it; the issue is audited', async () => {
    const issued = expectStatus<EvaluationReport>(
      await issue(admin, { year: 2025, narrative: '经审议修改后的评估正文。' }),
      201,
    );
    expect(issued.narrative).toBe('经审议修改后的评估正文。');
    expect(issued.draftNarrative).toBe(FIXTURE_FINAL_NARRATIVE_API);
    expect(expectStatus<EvaluationReport>(await get(`${BASE}/evaluations/2025`), 200).narrative).toBe(
      '经审议修改后的评估正文。',
    );
    const audit = app.db.$client
      .prepare<[string], { action: string; username: string; planId: string }>(
        `SELECT action, username, plan_id AS planId FROM audit_log WHERE entity_type = 'report' AND entity_id = ?`,
      )
      .all(String(defined(issued.issued, 'issued.issued').id));
    expect(audit).toEqual([{ action: 'report.issue', username: 'admin', planId: FIXTURE_PLAN_ID }]);
  });

  test('GET …/reports lists the issued reports, newest year first, and each reads back by id', async () => {
    const list = expectStatus<ReportListItem[]>(await get(`${BASE}/reports`), 200);
    expect(list.map((r) => [r.year, r.kind, r.createdBy])).toEqual([
      [2025, 'final', 'admin'],
      [2023, 'midterm', 'rita'],
    ]);
    expect(defined(list[1], 'list[1]').title).toBe('测试规划中期评估报告（2023年）');
    const one = expectStatus<EvaluationReport>(await get(`${BASE}/reports/${defined(list[1], 'list[1]').id}`), 200);
    expect(
      defined(
        row(one, 'gdp').actuals.find((a) => a.year === 2023),
        "row(one, 'gdp').actuals.find((a) => a.year === 2023)",
      ).valueText,
    ).toBe('130');
    expect((await get(`${BASE}/reports/99999`)).statusCode).toBe(404);
  });

  test('an issued report cannot be changed in the database', () => {
    expect(() => app.db.$client.prepare(`UPDATE reports SET narrative = 'x'`).run()).toThrow(/immutable/);
    expect(() => app.db.$client.prepare(`DELETE FROM reports`).run()).toThrow(/never deleted/);
  });
});

describe('yearly targets (年度目标)', () => {
  let app: App;
  let admin: Session;
  let viewer: Session;
  beforeAll(async () => {
    ({ app, admin, viewer } = await setUp());
  });
  afterAll(() => app.close());

  const put = (session: Session, code: string, year: number, payload: object) =>
    app.inject({
      method: 'PUT',
      url: `/api/v1/indicators/${code}/annual-targets/${year}?plan=${FIXTURE_PLAN_ID}`,
      headers: session.headers,
      payload,
    });
  const get = (url: string) => app.inject({ method: 'GET', url, headers: viewer.headers });
  const SOURCE = '2023年政府工作报告';

  test('admins set them with a source; the basis defaults to growth for a rate target on levels', async () => {
    const gdp = expectStatus<AnnualTarget>(
      await put(admin, 'gdp', 2023, { spec: { kind: 'annual_rate', rate: 7.5 }, text: '增长7.5%左右', source: SOURCE }),
      200,
    );
    expect(gdp).toMatchObject({ code: 'gdp', year: 2023, basis: 'growth', source: SOURCE, createdBy: 'admin' });
    const growth = expectStatus<AnnualTarget>(
      await put(admin, 'growth', 2023, {
        spec: { kind: 'annual_rate', rate: 8.5, tolerance: 0 },
        text: '增长8.5%以上',
        source: SOURCE,
      }),
      200,
    );
    expect(growth.basis).toBe('value');
    // a first, mistaken version, then the one in force
    expectStatus(
      await put(admin, 'pension', 2023, { spec: { kind: 'level', value: 96 }, text: '96', source: SOURCE }),
      200,
    );
    expectStatus(
      await put(admin, 'pension', 2023, { spec: { kind: 'level', value: 93 }, text: '93', source: SOURCE }),
      200,
    );
    const list = expectStatus<AnnualTarget[]>(await get(`${BASE}/annual-targets?year=2023`), 200);
    expect(list.map((t) => [t.code, t.text])).toEqual([
      ['gdp', '增长7.5%左右'],
      ['growth', '增长8.5%以上'],
      ['pension', '93'],
    ]);
    const audit = app.db.$client
      .prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'annual_target.set'`)
      .get() as { n: number };
    expect(audit.n).toBe(4);
  });

  test('bad writes are refused, naming the field', async () => {
    expect(
      (await put(viewer, 'gdp', 2023, { spec: { kind: 'level', value: 1 }, text: 'x', source: SOURCE })).statusCode,
    ).toBe(403);
    const outside = await put(admin, 'gdp', 2026, { spec: { kind: 'level', value: 1 }, text: 'x', source: SOURCE });
    expect(outside.json()).toMatchObject({ status: 400, errors: [{ field: 'params.year' }] });
    const growthOfLevel = await put(admin, 'gdp', 2024, {
      spec: { kind: 'level', value: 140 },
      text: '140',
      source: SOURCE,
      basis: 'growth',
    });
    expect(growthOfLevel.json()).toMatchObject({ status: 400, errors: [{ field: 'body.basis' }] });
    const kind = await put(admin, 'gdp', 2024, {
      spec: { kind: 'qualitative', rule: 'rise' },
      text: 'x',
      source: SOURCE,
    });
    expect(kind.json()).toMatchObject({ status: 400, errors: [{ field: 'body.spec.kind' }] });
    const noSource = await put(admin, 'gdp', 2024, { spec: { kind: 'level', value: 140 }, text: '140', source: ' ' });
    expect(noSource.json()).toMatchObject({ status: 400, errors: [{ field: 'body.source' }] });
  });

  test('the 2023 report judges them beside the plan target', async () => {
    const report = expectStatus<EvaluationReport>(await get(`${BASE}/evaluations/2023`), 200);
    expect(report.annualTargets).toEqual({ total: 3, achieved: 2, notAchieved: 1, insufficientData: 0 });
    // gdp: 130/120 − 1 = 8.33 % against 7.5 ± 0.5; growth: 7.5 < 8.5; pension: 94 ≥ 93
    expect(row(report, 'gdp').annualTarget).toMatchObject({ status: 'achieved', text: '增长7.5%左右', source: SOURCE });
    expect(row(report, 'growth').annualTarget).toMatchObject({ status: 'not_achieved', measured: 7.5 });
    expect(row(report, 'pension').annualTarget).toMatchObject({ status: 'achieved', measured: 94 });
    expect(row(report, 'beds').annualTarget).toBeNull();
    expect(report.narrative.split('\n\n').at(-1)).toBe(
      '2023年设定年度目标的指标3项中，完成2项，未完成1项。未完成年度目标的指标：规模以上工业增加值增速（2023年为7.5，年度目标增长8.5%以上，未完成）。',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await get(`${BASE}/evaluations/2023.xlsx`)).rawPayload as unknown as ArrayBuffer);
    const sheet = defined(workbook.getWorksheet('经济发展'), "workbook.getWorksheet('经济发展')");
    expect((sheet.getRow(2).values as unknown[]).slice(-2)).toEqual(['年度目标', '年度目标评价']);
    // growth's plan status: (1.08·1.07·1.075)^(1/3) − 1 = 7.50 % against 年均7.5 → on track, while the yearly target is missed
    expect((sheet.getRow(4).values as unknown[]).slice(-3)).toEqual(['基本符合预期', '增长8.5%以上', '未完成']);
  });

  test('the trajectory draws them in the unit of the values', async () => {
    const gdp = expectStatus<Trajectory>(await get(`/api/v1/indicators/gdp/trajectory?plan=${FIXTURE_PLAN_ID}`), 200);
    // a growth target drawn as the 2022 value grown by it: 120 × 1.075 = 129
    expect(gdp.points.map((p) => p.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
    expect(gdp.points.map((p) => (p.year === 2023 ? 'set' : p.annualTarget))).toEqual([
      null,
      null,
      null,
      'set',
      null,
      null,
    ]);
    expect(defined(gdp.points[3], 'gdp.points[3]').annualTarget).toBeCloseTo(129, 9);
    const growth = expectStatus<Trajectory>(
      await get(`/api/v1/indicators/growth/trajectory?plan=${FIXTURE_PLAN_ID}`),
      200,
    );
    expect(
      defined(
        growth.points.find((p) => p.year === 2023),
        'growth.points.find((p) => p.year === 2023)',
      ).annualTarget,
    ).toBe(8.5);
  });
});
