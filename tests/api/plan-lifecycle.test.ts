/**
 * The life of a plan through the API: created as a draft by hand or from a workbook, edited only while
 * draft, published; and the successor of the seeded plan, whose baselines are the source plan's latest
 * approved values while nothing of the source plan changes. Several plans side by side, the default one
 * being the newest published.
 */
import type { Indicator, Plan, PlanDefinition, PlanListItem } from '@gz/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_PASSWORD, buildTestApp, expectStatus, login, PLAN_ID, signIn, type Session } from '../helpers/app.ts';
import { enterApproved } from '../helpers/evaluation-fixture.ts';
import { defined } from '../../server/src/lib/invariant.ts';

type App = Awaited<ReturnType<typeof buildTestApp>>;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let app: App;
let admin: Session;
let reviewer: Session;
let viewer: Session;

beforeAll(async () => {
  app = await buildTestApp();
  admin = await login(app, 'admin', ADMIN_PASSWORD);
  reviewer = await signIn(app, 'rita', 'reviewer');
  viewer = await signIn(app, 'vera', 'viewer');
});
afterAll(() => app.close());

// drafts are read by the admins who write them (the 'draft plans are hidden' block checks everyone else)
const get = (url: string, session = admin) => app.inject({ method: 'GET', url, headers: session.headers });
const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, session = admin) =>
  app.inject({ method, url: `/api/v1${url}`, headers: session.headers, ...(payload === undefined ? {} : { payload }) });

function indicatorDefinition(code: string, name: string) {
  return {
    code,
    name,
    unit: '%',
    unitNote: null,
    attribute: 'expected' as const,
    direction: 1 as const,
    baseline: { valueText: '10', year: 2025, note: null },
    target: { spec: { kind: 'level' as const, value: 20 }, text: '20', note: null },
    definition: null,
    leadUnit: null,
    contributingUnits: [],
    dataSource: null,
  };
}

const handMade = {
  id: 'hand-2026-2030',
  title: '手工规划',
  tableTitle: null,
  issuer: null,
  document: null,
  baselineYear: 2025,
  targetYear: 2030,
  outlookYear: null,
  thresholds: {},
  tableNote: null,
  categories: [
    { code: 'growth', name: '经济增长', indicators: [indicatorDefinition('output', '产出')] },
    { code: 'people', name: '民生', indicators: [] },
  ],
};

describe('a plan made by hand', () => {
  test('only admins create plans; a new plan is a draft with default thresholds', async () => {
    expect((await send('POST', '/plans', handMade, reviewer)).statusCode).toBe(403);
    const plan = expectStatus<Plan>(await send('POST', '/plans', handMade), 201);
    expect(plan).toMatchObject({
      id: 'hand-2026-2030',
      state: 'draft',
      indicatorCount: 1,
      thresholds: { ahead: 1.1, onTrack: 0.9, lagging: 0.6 },
    });
    expect(plan.categories.map((c) => [c.code, c.indicatorCount])).toEqual([
      ['growth', 1],
      ['people', 0],
    ]);
    expect((await send('POST', '/plans', handMade)).json()).toMatchObject({ status: 409, code: 'plan_exists' });
  });

  test('a definition that does not hold together is refused field by field', async () => {
    const bad = {
      ...handMade,
      id: 'bad-plan',
      targetYear: 2025,
      thresholds: { onTrack: 1.2 },
      categories: [
        { code: 'growth', name: '甲', indicators: [indicatorDefinition('output', '产出')] },
        { code: 'growth', name: '乙', indicators: [indicatorDefinition('output', '产出二')] },
      ],
    };
    const res = await send('POST', '/plans', bad);
    expect(res.statusCode).toBe(400);
    expect((res.json() as { errors: Array<{ field: string }> }).errors.map((e) => e.field).sort()).toEqual(
      [
        'body.targetYear',
        'body.thresholds.onTrack',
        'body.categories.1.code',
        'body.categories.1.indicators.0.code',
        'body.categories.0.indicators.0.baseline.year',
        'body.categories.1.indicators.0.baseline.year',
      ].sort(),
    );
  });

  test('indicators are added to an area, edited and removed while the plan is a draft', async () => {
    const added = expectStatus<Indicator>(
      await send('POST', '/plans/hand-2026-2030/indicators', {
        ...indicatorDefinition('income', '居民收入'),
        categoryCode: 'people',
      }),
      201,
    );
    expect(added).toMatchObject({ code: 'income', position: 2, category: { code: 'people' } });
    // added to the first area: it takes position 2 and income moves down
    expectStatus(
      await send('POST', '/plans/hand-2026-2030/indicators', {
        ...indicatorDefinition('energy', '能耗'),
        categoryCode: 'growth',
      }),
      201,
    );
    const list = expectStatus<Indicator[]>(await get('/api/v1/indicators?plan=hand-2026-2030'), 200);
    expect(list.map((i) => [i.code, i.position])).toEqual([
      ['output', 1],
      ['energy', 2],
      ['income', 3],
    ]);
    expect(
      (
        await send('POST', '/plans/hand-2026-2030/indicators', {
          ...indicatorDefinition('energy', '再来'),
          categoryCode: 'growth',
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await send('POST', '/plans/hand-2026-2030/indicators', {
          ...indicatorDefinition('x1', 'x'),
          categoryCode: 'nope',
        })
      ).json(),
    ).toMatchObject({
      errors: [{ field: 'body.categoryCode' }],
    });

    const edited = expectStatus<Indicator>(
      await send('PATCH', '/plans/hand-2026-2030/indicators/energy', {
        direction: -1,
        target: { spec: { kind: 'level', value: 8 }, text: '8', note: '省下达' },
      }),
      200,
    );
    expect(edited).toMatchObject({
      name: '能耗',
      direction: -1,
      target: { spec: { kind: 'level', value: 8 }, text: '8', note: '省下达' },
    });
    const versions = app.db.$client
      .prepare(
        `SELECT tv.spec FROM target_versions tv JOIN indicators i ON i.id = tv.indicator_id WHERE i.plan_id = 'hand-2026-2030' AND i.code = 'energy' ORDER BY tv.id`,
      )
      .all();
    expect(versions).toEqual([{ spec: '{"kind":"level","value":20}' }, { spec: '{"kind":"level","value":8}' }]);
    expect(
      (
        await send('PATCH', '/plans/hand-2026-2030/indicators/energy', {
          baseline: { valueText: '1', year: 2030, note: null },
        })
      ).json(),
    ).toMatchObject({
      errors: [{ field: 'body.baseline.year' }],
    });
    expect((await send('PATCH', '/plans/hand-2026-2030/indicators/energy', { code: 'renamed' })).statusCode).toBe(400);

    expect((await send('DELETE', '/plans/hand-2026-2030/indicators/output')).statusCode).toBe(204);
    const after = expectStatus<Indicator[]>(await get('/api/v1/indicators?plan=hand-2026-2030'), 200);
    expect(after.map((i) => [i.code, i.position])).toEqual([
      ['energy', 1],
      ['income', 2],
    ]);
  });

  test('title, period and some thresholds are edited; the others keep their values', async () => {
    const plan = expectStatus<Plan>(
      await send('PATCH', '/plans/hand-2026-2030', { title: '手工规划（修订）', thresholds: { ahead: 1.2 } }),
      200,
    );
    expect(plan.title).toBe('手工规划（修订）');
    expect(plan.thresholds).toEqual({
      ahead: 1.2,
      onTrack: 0.9,
      lagging: 0.6,
      approxTolerancePct: 2,
      annualRateTolerance: 0.5,
      qualitativeBandPct: 10,
    });
    expect((await send('PATCH', '/plans/hand-2026-2030', { thresholds: { lagging: 1 } })).json()).toMatchObject({
      errors: [{ field: 'body.thresholds.lagging' }],
    });
    expect((await send('PATCH', '/plans/hand-2026-2030', { targetYear: 2025 })).json()).toMatchObject({ status: 400 });
    expect((await send('PATCH', '/plans/hand-2026-2030', {})).statusCode).toBe(400);
  });

  test('publishing freezes the definition: later edits get 409; every step was audited', async () => {
    expect((await send('POST', '/plans/hand-2026-2030/publish', undefined, reviewer)).statusCode).toBe(403);
    const plan = expectStatus<Plan>(await send('POST', '/plans/hand-2026-2030/publish'), 200);
    expect(plan.state).toBe('published');
    expect((await send('POST', '/plans/hand-2026-2030/publish')).json()).toMatchObject({
      status: 409,
      code: 'plan_not_draft',
    });
    expect((await send('PATCH', '/plans/hand-2026-2030', { title: 'x' })).json()).toMatchObject({
      status: 409,
      code: 'plan_not_draft',
    });
    expect((await send('PATCH', '/plans/hand-2026-2030/indicators/energy', { name: 'x' })).statusCode).toBe(409);
    expect(
      (
        await send('POST', '/plans/hand-2026-2030/indicators', {
          ...indicatorDefinition('late', '迟到'),
          categoryCode: 'people',
        })
      ).statusCode,
    ).toBe(409);
    expect((await send('DELETE', '/plans/hand-2026-2030/indicators/energy')).statusCode).toBe(409);
    const actions = app.db.$client
      .prepare<[], { action: string }>(`SELECT action FROM audit_log WHERE plan_id = 'hand-2026-2030' ORDER BY id`)
      .all()
      .map((r: { action: string }) => r.action);
    expect(actions).toEqual([
      'plan.create',
      'indicator.create',
      'indicator.create',
      'indicator.update',
      'indicator.delete',
      'plan.update',
      'plan.publish',
    ]);
  });

  test('an empty draft cannot be published', async () => {
    expectStatus(
      await send('POST', '/plans', {
        ...handMade,
        id: 'empty-plan',
        categories: [{ code: 'a1', name: '甲', indicators: [] }],
      }),
      201,
    );
    expect((await send('POST', '/plans/empty-plan/publish')).json()).toMatchObject({ status: 409, code: 'plan_empty' });
  });
});

/** Everything stored about a plan, for comparing before and after. */
function dumpPlan(planId: string) {
  const rows = (sql: string) => app.db.$client.prepare(sql).all(planId);
  return {
    plan: rows(`SELECT * FROM plans WHERE id = ?`),
    categories: rows(`SELECT * FROM categories WHERE plan_id = ? ORDER BY id`),
    indicators: rows(`SELECT * FROM indicators WHERE plan_id = ? ORDER BY id`),
    targets: rows(
      `SELECT tv.* FROM target_versions tv JOIN indicators i ON i.id = tv.indicator_id WHERE i.plan_id = ? ORDER BY tv.id`,
    ),
    revisions: rows(
      `SELECT r.* FROM observation_revisions r JOIN indicators i ON i.id = r.indicator_id WHERE i.plan_id = ? ORDER BY r.id`,
    ),
  };
}

describe('the successor of the seeded plan', () => {
  const NEXT = 'ganzhou-2026-2030';
  let before: ReturnType<typeof dumpPlan>;

  beforeAll(async () => {
    // Approved values beside the plan's two documented 2022 figures (gdp 4524, fdi_actual 3.73).
    await enterApproved(app, admin, reviewer, PLAN_ID, 'gdp', 2023, '4900');
    await enterApproved(app, admin, reviewer, PLAN_ID, 'gdp', 2026, '6000'); // after the new baseline year: not a baseline
    await enterApproved(app, admin, reviewer, PLAN_ID, 'rural_income', 2025, '19800');
    await enterApproved(app, admin, reviewer, PLAN_ID, 'childcare_places', 2024, '2.10');
    // pending: not approved, so not a baseline
    expectStatus(
      await app.inject({
        method: 'PUT',
        url: `/api/v1/indicators/retail_sales/observations/2025?plan=${PLAN_ID}`,
        headers: admin.headers,
        payload: { value: '2500', dataStatus: 'preliminary', source: '测试' },
      }),
      201,
    );
    before = dumpPlan(PLAN_ID);
  });

  test('is refused for an unknown source, a taken id or a backwards period', async () => {
    const body = { id: NEXT, title: '赣州示范区“十五五”发展规划', baselineYear: 2025, targetYear: 2030 };
    expect((await send('POST', '/plans/no-such-plan/successor', body)).statusCode).toBe(404);
    expect((await send('POST', `/plans/${PLAN_ID}/successor`, { ...body, id: PLAN_ID })).json()).toMatchObject({
      status: 409,
      code: 'plan_exists',
    });
    expect((await send('POST', `/plans/${PLAN_ID}/successor`, { ...body, targetYear: 2025 })).json()).toMatchObject({
      errors: [{ field: 'body.targetYear' }],
    });
    // a period of its own that ends before the source's target year, the year of every baseline: 400, not a crash
    const early = await send('POST', `/plans/${PLAN_ID}/successor`, { ...body, baselineYear: 1949, targetYear: 1950 });
    expect(early.statusCode).toBe(400);
    expect(early.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'body.targetYear' }] });
    expect((await send('POST', `/plans/${PLAN_ID}/successor`, body, reviewer)).statusCode).toBe(403);
  });

  test('copies the areas and indicators as a draft that names its source', async () => {
    const plan = expectStatus<Plan>(
      await send('POST', `/plans/${PLAN_ID}/successor`, {
        id: NEXT,
        title: '赣州示范区“十五五”发展规划',
        baselineYear: 2025,
        targetYear: 2030,
        outlookYear: 2035,
      }),
      201,
    );
    const source = expectStatus<Plan>(await get(`/api/v1/plans/${PLAN_ID}`), 200);
    expect(plan).toMatchObject({
      id: NEXT,
      state: 'draft',
      baselineYear: 2025,
      targetYear: 2030,
      outlookYear: 2035,
      indicatorCount: 36,
      tableNote: source.tableNote,
    });
    expect(plan.categories).toEqual(source.categories);
    expect(plan.thresholds).toEqual(source.thresholds);
    const stored = app.db.$client.prepare(`SELECT source_plan_id AS s FROM plans WHERE id = ?`).get(NEXT);
    expect(stored).toEqual({ s: PLAN_ID });
    const unlinked = app.db.$client
      .prepare(
        `SELECT count(*) AS n FROM indicators n JOIN indicators o ON o.id = n.source_indicator_id WHERE n.plan_id = ? AND o.plan_id = ? AND o.code = n.code`,
      )
      .get(NEXT, PLAN_ID);
    expect(unlinked).toEqual({ n: 36 });
  });

  test("baselines are the source plan's target-year (2025) values only; a missing one is blank, 待补录, with a hint", async () => {
    const next = expectStatus<Indicator[]>(await get(`/api/v1/indicators?plan=${NEXT}`), 200);
    const byCode = new Map(next.map((i) => [i.code, i]));
    // by hand: only rural_income has an approved 2025 value
    expect(defined(byCode.get('rural_income'), "byCode.get('rural_income')").baseline).toMatchObject({
      valueText: '19800',
      year: 2025,
      pending: false,
    });
    expect(defined(byCode.get('rural_income'), "byCode.get('rural_income')").baseline.note).toBe(
      '《赣州革命老区高质量发展示范区发展规划》2025年审核通过的实际值（来源：测试数据）',
    );
    // gdp has 2022 and 2023 (and 2026) values: none of them is used, the latest earlier one is offered as a hint
    expect(defined(byCode.get('gdp'), "byCode.get('gdp')").baseline).toMatchObject({
      valueText: null,
      value: null,
      year: 2025,
      pending: true,
    });
    expect(defined(byCode.get('gdp'), "byCode.get('gdp')").baseline.note).toBe(
      '待补录：《赣州革命老区高质量发展示范区发展规划》无2025年审核通过的实际值（参考：最近为2023年的4900，未采用）',
    );
    expect(defined(byCode.get('fdi_actual'), "byCode.get('fdi_actual')").baseline.note).toContain(
      '（参考：最近为2022年的3.73，未采用）',
    );
    // a pending (unapproved) 2025 value is not a baseline either
    expect(defined(byCode.get('retail_sales'), "byCode.get('retail_sales')").baseline).toMatchObject({
      valueText: null,
      year: 2025,
      pending: true,
    });
    expect(defined(byCode.get('retail_sales'), "byCode.get('retail_sales')").baseline.note).toBe(
      '待补录：《赣州革命老区高质量发展示范区发展规划》无2025年审核通过的实际值',
    );
    expect(next.filter((i) => i.baseline.valueText !== null).map((i) => i.code)).toEqual(['rural_income']);
    expect(next.filter((i) => i.baseline.pending)).toHaveLength(35);
  });

  test('no target is copied: every target starts 待定', async () => {
    const next = expectStatus<Indicator[]>(await get(`/api/v1/indicators?plan=${NEXT}`), 200);
    expect(
      next.every(
        (i) =>
          i.target.undecided && i.target.spec.kind === 'none' && i.target.text === null && i.target.note === '待定',
      ),
    ).toBe(true);
    expect(next.find((i) => i.code === 'gdp')?.target.text).toBeNull(); // not 5500
  });

  test('nothing of the source plan changes', () => {
    expect(dumpPlan(PLAN_ID)).toEqual(before);
  });

  test('publishing is refused until every target is set or marked 待省下达 / 仅监测; the default plan does not move', async () => {
    const defaultBefore = defined(
      expectStatus<Indicator[]>(await get('/api/v1/indicators'), 200)[0],
      "expectStatus<Indicator[]>(await get('/api/v1/indicators...",
    ).planId;
    expect(defaultBefore).toBe(PLAN_ID); // the first plan published stays the default
    const refused = await send('POST', `/plans/${NEXT}/publish`);
    expect(refused.json()).toMatchObject({ status: 409, code: 'targets_undecided' });
    expect((refused.json() as { errors: unknown[] }).errors).toHaveLength(36);
    const next = expectStatus<Indicator[]>(await get(`/api/v1/indicators?plan=${NEXT}`), 200);
    for (const [k, ind] of next.entries()) {
      // a number for the first, 待省下达 for binding ones, 仅监测 for the rest
      const target =
        k === 0
          ? { spec: { kind: 'level', value: 7000 }, text: '7000', note: null }
          : ind.attribute === 'binding'
            ? { spec: { kind: 'assigned' }, text: null, note: '待省下达' }
            : { spec: { kind: 'none' }, text: null, note: '仅监测' };
      expectStatus(await send('PATCH', `/plans/${NEXT}/indicators/${ind.code}`, { target }), 200);
      if (k === 0) expect((await send('POST', `/plans/${NEXT}/publish`)).statusCode).toBe(409);
    }
    expectStatus(await send('POST', `/plans/${NEXT}/publish`), 200);
    expect(
      defined(
        expectStatus<Indicator[]>(await get('/api/v1/indicators'), 200)[0],
        "expectStatus<Indicator[]>(await get('/api/v1/indicators...",
      ).planId,
    ).toBe(PLAN_ID);
    expect(
      defined(
        expectStatus<Indicator[]>(await get(`/api/v1/indicators?plan=${NEXT}`), 200)[0],
        'expectStatus<Indicator[]>(await get(`/api/v1/indicators?p...',
      ).planId,
    ).toBe(NEXT);
    const plans = expectStatus<PlanListItem[]>(await get('/api/v1/plans'), 200);
    expect(plans.filter((p) => p.state === 'published').map((p) => p.id)).toEqual([
      'ganzhou-2026-2030',
      'hand-2026-2030',
      PLAN_ID,
    ]);
    const successorAudit = app.db.$client
      .prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'plan.successor' AND plan_id = ?`)
      .get(NEXT);
    expect(successorAudit).toEqual({ n: 1 });
  });

  test('the default plan is an admin setting; archiving keeps a plan readable', async () => {
    const set = await send('PATCH', '/settings', { defaultPlanId: NEXT });
    expect(set.statusCode).toBe(200);
    expect(
      defined(
        expectStatus<Indicator[]>(await get('/api/v1/indicators'), 200)[0],
        "expectStatus<Indicator[]>(await get('/api/v1/indicators...",
      ).planId,
    ).toBe(NEXT);
    expect((await send('PATCH', '/settings', { defaultPlanId: 'no-such-plan' })).json()).toMatchObject({
      code: 'plan_not_published',
    });
    await send('PATCH', '/settings', { defaultPlanId: null });
    const archived = expectStatus<Plan>(await send('POST', '/plans/hand-2026-2030/archive'), 200);
    expect(archived.state).toBe('archived');
    expect((await send('POST', '/plans/hand-2026-2030/archive')).statusCode).toBe(409);
    expect(expectStatus<Indicator[]>(await get('/api/v1/indicators?plan=hand-2026-2030'), 200).length).toBeGreaterThan(
      0,
    );
  });

  test('a successor without an id gets one generated from its period', async () => {
    const plan = expectStatus<Plan>(
      await send('POST', `/plans/${PLAN_ID}/successor`, { title: '又一个规划', baselineYear: 2025, targetYear: 2030 }),
      201,
    );
    expect(plan.id).toBe('plan-2026-2030');
    const again = expectStatus<Plan>(
      await send('POST', `/plans/${PLAN_ID}/successor`, { title: '再一个规划', baselineYear: 2025, targetYear: 2030 }),
      201,
    );
    expect(again.id).toBe('plan-2026-2030-2');
  });
});

describe('plans from a workbook', () => {
  async function workbookFrom(res: { rawPayload: Buffer }) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return workbook;
  }
  const upload = async (workbook: ExcelJS.Workbook, query = '') =>
    app.inject({
      method: 'POST',
      url: `/api/v1/plans/import${query}`,
      headers: { ...admin.headers, 'content-type': XLSX_TYPE },
      payload: Buffer.from(await workbook.xlsx.writeBuffer()),
    });

  /** The template with the plan fields and the given indicator rows (from row 3) filled in. */
  async function filledTemplate(id: string, rows: Array<Array<string | number | null>>) {
    const workbook = await workbookFrom(await get('/api/v1/plans/template.xlsx'));
    const plan = defined(workbook.getWorksheet('规划'), "workbook.getWorksheet('规划')");
    const values: Record<string, string | number> = { id, title: '导入的规划', baselineYear: 2025, targetYear: 2030 };
    plan.eachRow((row) => {
      const key = String(row.getCell(1).value);
      if (key in values) row.getCell(3).value = defined(values[key], 'values[key]');
    });
    const sheet = defined(workbook.getWorksheet('指标'), "workbook.getWorksheet('指标')");
    rows.forEach((cells, k) => {
      sheet.getRow(3 + k).values = cells;
    });
    return workbook;
  }

  // category_code, category_name, code, name, unit, unit_note, attribute, direction, baseline, baseline_year, baseline_note,
  // target_kind, target_value, target_tolerance, target_rule, target_text, target_note, definition, lead_unit, contributing_units, data_source
  const GOOD = [
    [
      'economy',
      '经济',
      'gdp',
      '地区生产总值',
      '亿元',
      null,
      '预期性',
      1,
      '6000.50',
      null,
      null,
      'level',
      8000,
      null,
      null,
      '8000',
      null,
      null,
      'stats',
      null,
      null,
    ],
    [
      'economy',
      '经济',
      'growth',
      '工业增速',
      '%',
      null,
      '预期性',
      1,
      6.5,
      null,
      null,
      'annual_rate',
      6,
      null,
      null,
      '年均6左右',
      null,
      null,
      null,
      null,
      null,
    ],
    [
      'green',
      '绿色',
      'forest',
      '森林覆盖率',
      '%',
      null,
      '约束性',
      1,
      76.2,
      2024,
      null,
      'qualitative',
      null,
      0.01,
      'stable',
      '保持稳定',
      null,
      null,
      null,
      null,
      null,
    ],
  ];

  test('the template has the two sheets and the column keys', async () => {
    const res = await get('/api/v1/plans/template.xlsx');
    expect(res.headers['content-type']).toBe(XLSX_TYPE);
    const workbook = await workbookFrom(res);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['规划', '指标', '说明']);
    expect(
      (defined(workbook.getWorksheet('指标'), "workbook.getWorksheet('指标')").getRow(2).values as unknown[]).slice(
        1,
        4,
      ),
    ).toEqual(['category_code', 'category_name', 'code']);
  });

  test('a dry run returns the definition and writes nothing; the import creates a draft', async () => {
    const workbook = await filledTemplate('imported-2026-2030', GOOD);
    const dry = expectStatus<PlanDefinition>(await upload(workbook, '?dryRun=true'), 200);
    expect(dry.categories.map((c) => [c.code, c.name, c.indicators.map((i) => i.code)])).toEqual([
      ['economy', '经济', ['gdp', 'growth']],
      ['green', '绿色', ['forest']],
    ]);
    expect(
      defined(
        defined(dry.categories[0], 'dry.categories[0]').indicators[0],
        "defined(dry.categories[0], 'dry.categories[0]').indicat...",
      ).baseline,
    ).toEqual({ valueText: '6000.50', year: 2025, note: null });
    expect(
      defined(
        defined(dry.categories[0], 'dry.categories[0]').indicators[1],
        "defined(dry.categories[0], 'dry.categories[0]').indicat...",
      ).target.spec,
    ).toEqual({ kind: 'annual_rate', rate: 6 });
    expect(defined(dry.categories[1], 'dry.categories[1]').indicators[0]).toMatchObject({
      attribute: 'binding',
      baseline: { valueText: '76.2', year: 2024 },
      target: { spec: { kind: 'qualitative', rule: 'stable', band: 0.01 }, text: '保持稳定' },
    });
    expect((await get('/api/v1/plans/imported-2026-2030')).statusCode).toBe(404);

    const plan = expectStatus<Plan>(await upload(workbook), 201);
    expect(plan).toMatchObject({ id: 'imported-2026-2030', state: 'draft', indicatorCount: 3, title: '导入的规划' });
    expect((await upload(workbook)).json()).toMatchObject({ status: 409, code: 'plan_exists' });
  });

  test('every problem of the file is reported at its cell', async () => {
    const rows = [
      [
        'economy',
        '经济',
        'gdp',
        '地区生产总值',
        '亿元',
        null,
        '约束',
        1,
        '6000',
        null,
        null,
        'levle',
        8000,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
      ],
      [
        'economy',
        '经济2',
        'gdp',
        '重复',
        '亿元',
        null,
        '预期性',
        2,
        'abc',
        null,
        null,
        'level',
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
      ],
    ];
    const res = await upload(await filledTemplate('broken-plan', rows));
    expect(res.statusCode).toBe(400);
    const fields = (res.json() as { errors: Array<{ field: string }> }).errors.map((e) => e.field);
    expect(fields).toEqual([
      'body.指标!G3',
      'body.指标!L3',
      'body.指标!H4',
      'body.指标!I4',
      'body.指标!M4',
      'body.指标!B4',
    ]);

    const duplicate = await upload(
      await filledTemplate('broken-plan', [defined(GOOD[0], 'GOOD[0]'), defined(GOOD[0], 'GOOD[0]')]),
    );
    expect(duplicate.json()).toMatchObject({
      errors: [{ field: 'body.指标!C4', message: 'indicator code gdp is used twice' }],
    });
  });

  test('a file that is not a workbook, or not sent as one, is refused', async () => {
    const garbage = await app.inject({
      method: 'POST',
      url: '/api/v1/plans/import',
      headers: { ...admin.headers, 'content-type': XLSX_TYPE },
      payload: Buffer.from('not a zip'),
    });
    expect(garbage.json()).toMatchObject({
      status: 400,
      code: 'unreadable_file',
      errors: [{ field: 'body', message: 'not an xlsx workbook' }],
    });
    expect((await send('POST', '/plans/import', { id: 'x' })).statusCode).toBe(415);
  });

  test('the seeded plan exported as a workbook imports back to the same definition', async () => {
    const workbook = await workbookFrom(await get(`/api/v1/plans/${PLAN_ID}/definition.xlsx`));
    defined(workbook.getWorksheet('规划'), "workbook.getWorksheet('规划')").getCell('C2').value = 'ganzhou-copy';
    expectStatus<Plan>(await upload(workbook), 201);
    const strip = (list: Indicator[]) =>
      list.map(
        ({
          code,
          name,
          unit,
          unitNote,
          attribute,
          direction,
          baseline,
          target,
          category,
          position,
          definition,
          department,
          leadUnit,
          contributingUnits,
          dataSource,
        }) => ({
          code,
          name,
          unit,
          unitNote,
          attribute,
          direction,
          baseline,
          target,
          category,
          position,
          definition,
          department,
          leadUnit,
          contributingUnits,
          dataSource,
        }),
      );
    const original = strip(expectStatus<Indicator[]>(await get(`/api/v1/indicators?plan=${PLAN_ID}`), 200));
    const copy = strip(expectStatus<Indicator[]>(await get('/api/v1/indicators?plan=ganzhou-copy'), 200));
    expect(copy).toEqual(original);
    const {
      id: _source,
      state: _published,
      ...sourcePlan
    } = expectStatus<Plan>(await get(`/api/v1/plans/${PLAN_ID}`), 200);
    expect(expectStatus<Plan>(await get('/api/v1/plans/ganzhou-copy'), 200)).toEqual({
      ...sourcePlan,
      id: 'ganzhou-copy',
      state: 'draft',
    });
  });
});

describe('draft plans are hidden from everyone but admins until published', () => {
  const DRAFT = 'hidden-2026-2030';

  beforeAll(async () => {
    const body = { id: DRAFT, title: '未发布的规划', baselineYear: 2025, targetYear: 2030 };
    expectStatus(await send('POST', `/plans/${PLAN_ID}/successor`, body), 201);
  });

  test('a viewer and a reviewer get 404 wherever the draft is named, and no list entry', async () => {
    for (const session of [viewer, reviewer]) {
      const ids = expectStatus<{ id: string }[]>(await get('/api/v1/plans', session), 200).map((p) => p.id);
      expect(ids).not.toContain(DRAFT);
      for (const url of [
        `/api/v1/plans/${DRAFT}`,
        `/api/v1/plans/${DRAFT}/summary`,
        `/api/v1/indicators?plan=${DRAFT}`,
        `/api/v1/indicators/gdp?plan=${DRAFT}`,
      ]) {
        const res = await get(url, session);
        expect(res.statusCode, url).toBe(404);
        expect(res.json()).toMatchObject({ code: 'not_found' });
      }
    }
  });

  test('the admin sees it; after publishing everyone does', async () => {
    expect(expectStatus<{ id: string }[]>(await get('/api/v1/plans'), 200).map((p) => p.id)).toContain(DRAFT);
    expectStatus(await get(`/api/v1/indicators/gdp?plan=${DRAFT}`), 200);
    // a successor's targets start 待定: decide them (仅监测 here, straight in the table) before publishing
    app.db.$client.prepare(`UPDATE indicators SET target_undecided = 0 WHERE plan_id = ?`).run(DRAFT);
    expectStatus(await send('POST', `/plans/${DRAFT}/publish`), 200);
    expect(expectStatus<{ id: string }[]>(await get('/api/v1/plans', viewer), 200).map((p) => p.id)).toContain(DRAFT);
    expectStatus(await get(`/api/v1/indicators/gdp?plan=${DRAFT}`, viewer), 200);
  });
});
