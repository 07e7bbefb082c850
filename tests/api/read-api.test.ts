/**
 * The read API against the seeded plan: plans, indicators with filters, one indicator, its values
 * and trajectory, and the problem+json replies for unknown or malformed input. The expected values
 * are the printed table's (seeds/src/ganzhou-2021-2025.ts, itself checked by tests/unit/seed-table.test.ts).
 */
import type { Indicator, Plan, Trajectory } from '@gz/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildTestApp, expectStatus, PLAN_ID, signIn, type Session } from '../helpers/app.ts';
import { defined } from '../../server/src/lib/invariant.ts';

let app: FastifyInstance;
let viewer: Session;

beforeAll(async () => {
  app = await buildTestApp();
  viewer = await signIn(app, 'vera', 'viewer');
});
afterAll(() => app.close());

const get = (url: string) => app.inject({ method: 'GET', url, headers: viewer.headers });

describe('plans', () => {
  test('GET /plans lists the seeded plan with its 36 indicators', async () => {
    const plans = expectStatus<
      Array<{ id: string; indicatorCount: number; state: string; baselineYear: number; targetYear: number }>
    >(await get('/api/v1/plans'), 200);
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({
      id: PLAN_ID,
      indicatorCount: 36,
      state: 'published',
      baselineYear: 2021,
      targetYear: 2025,
    });
  });

  test('GET /plans/{planId} has the seven areas in table order and the table note', async () => {
    const plan = expectStatus<Plan>(await get(`/api/v1/plans/${PLAN_ID}`), 200);
    expect(plan.tableNote).toBe('约束性指标具体数值按省下达任务执行。');
    expect(plan.title).toBe('赣州革命老区高质量发展示范区发展规划');
    expect(plan.categories.map((c) => [c.code, c.name, c.position, c.indicatorCount])).toEqual([
      ['economy', '综合实力', 1, 2],
      ['industry', '现代产业聚集区', 2, 5],
      ['rural', '乡村振兴示范区', 3, 7],
      ['ecology', '生态文明建设典范区', 4, 7],
      ['opening', '革命老区改革开放先行区', 5, 4],
      ['prosperity', '革命老区共同富裕试验区', 6, 7],
      ['red_heritage', '传承红色基因样板区', 7, 4],
    ]);
    expect(plan.indicatorCount).toBe(36);
    expect(plan.thresholds).toMatchObject({ ahead: 1.1, onTrack: 0.9, lagging: 0.6 });
  });
});

describe('indicators', () => {
  test('GET /indicators returns all 36 in table order', async () => {
    const list = expectStatus<Indicator[]>(await get('/api/v1/indicators'), 200);
    expect(list).toHaveLength(36);
    expect(list.map((i) => i.position)).toEqual(Array.from({ length: 36 }, (_, k) => k + 1));
    expect(defined(list[0], 'list[0]').code).toBe('gdp');
    expect(new Set(list.map((i) => i.code)).size).toBe(36);
  });

  test.each([
    ['attribute=binding', 9],
    ['attribute=expected', 27],
    ['category=ecology', 7],
    ['category=economy', 2],
    ['category=ecology&attribute=binding', 6],
    [`plan=${PLAN_ID}`, 36],
    [`plan=${PLAN_ID}&category=opening`, 4],
  ])('GET /indicators?%s → %i indicators', async (query, n) => {
    const list = expectStatus<Indicator[]>(await get(`/api/v1/indicators?${query}`), 200);
    expect(list).toHaveLength(n);
    const params = new URLSearchParams(query);
    for (const ind of list) {
      if (params.has('attribute')) expect(ind.attribute).toBe(params.get('attribute'));
      if (params.has('category')) expect(ind.category.code).toBe(params.get('category'));
    }
  });

  test('the binding nine are the ones the table marks 约束性', async () => {
    const list = expectStatus<Indicator[]>(await get('/api/v1/indicators?attribute=binding'), 200);
    expect(list.map((i) => i.code)).toEqual([
      'grain_capacity',
      'high_standard_farmland',
      'cultivated_land',
      'energy_intensity_cut',
      'non_fossil_share',
      'carbon_intensity_cut',
      'air_quality_good_days',
      'surface_water_grade3',
      'disability_subsidy_coverage',
    ]);
  });

  test('GDP: baseline 4169.4 (2021) → 5500 (2025), latest 4524 for 2022, preliminary and approved', async () => {
    const gdp = expectStatus<Indicator>(await get('/api/v1/indicators/gdp'), 200);
    expect(gdp).toMatchObject({
      code: 'gdp',
      name: 'GDP',
      unit: '亿元',
      attribute: 'expected',
      direction: 1,
      department: '市统计局',
      leadUnit: 'stats',
      contributingUnits: [],
      assignmentSource: 'seed_default',
      category: { code: 'economy', name: '综合实力' },
      baseline: { value: 4169.4, valueText: '4169.4', year: 2021 },
      target: { spec: { kind: 'level', value: 5500 }, text: '5500', year: 2025 },
    });
    expect(gdp.latest).toMatchObject({
      year: 2022,
      value: 4524,
      valueText: '4524',
      dataStatus: 'preliminary',
      reviewState: 'approved',
      revisionNo: 1,
      enteredBy: null,
    });
    expect(gdp.progress.latestYear).toBe(2022);
    expect(gdp.progress.latestValue).toBe(4524);
  });

  test.each([
    // code, baseline value, target spec, target text
    ['grain_capacity', 51.7, { kind: 'approx', value: 52 }, '52左右'],
    ['industrial_value_added_growth', 11.6, { kind: 'annual_rate', rate: 7.5 }, '年均7.5左右'],
    ['cultivated_land', null, { kind: 'floor', value: 536.86 }, '536.86'],
    ['disability_subsidy_coverage', 100, { kind: 'maintain', value: 100 }, '100'],
    ['exports', 576.47, { kind: 'qualitative', rule: 'stable_or_better' }, '量稳质升'],
    ['forest_coverage', 76.23, { kind: 'none' }, null],
  ])('%s: baseline %s, target %j (%s)', async (code, baseline, spec, text) => {
    const ind = expectStatus<Indicator>(await get(`/api/v1/indicators/${code}`), 200);
    expect(ind.baseline.value).toBe(baseline);
    expect(ind.target.spec).toEqual(spec);
    expect(ind.target.text).toBe(text);
  });

  test('cultivated_land has no baseline in the table and says so', async () => {
    const ind = expectStatus<Indicator>(await get('/api/v1/indicators/cultivated_land'), 200);
    expect(ind.baseline).toEqual({
      value: null,
      valueText: null,
      year: 2021,
      note: '规划表未列基期值',
      pending: false,
    });
  });

  test('urban_rural_income_ratio: lower is better', async () => {
    const ind = expectStatus<Indicator>(await get('/api/v1/indicators/urban_rural_income_ratio'), 200);
    expect(ind.direction).toBe(-1);
    expect(ind.progress.direction).toBe(-1);
    expect(ind.baseline.value).toBe(2.74);
    expect(ind.target.spec).toEqual({ kind: 'level', value: 2.6 });
  });

  test('the five province-assigned targets are target_pending', async () => {
    const list = expectStatus<Indicator[]>(await get('/api/v1/indicators'), 200);
    const assigned = list.filter((i) => i.target.spec.kind === 'assigned');
    expect(assigned.map((i) => i.code)).toEqual([
      'energy_intensity_cut',
      'non_fossil_share',
      'carbon_intensity_cut',
      'air_quality_good_days',
      'surface_water_grade3',
    ]);
    for (const ind of assigned) {
      expect(ind.progress.status).toBe('target_pending');
      expect(ind.target.note).toBe('约束性指标具体数值按省下达任务执行');
    }
  });

  test('a 2022 evaluation year is the latest year with a value', async () => {
    const list = expectStatus<Indicator[]>(await get('/api/v1/indicators'), 200);
    for (const ind of list) expect(ind.progress.evaluationYear).toBe(2022);
  });

  test('?year=2021 evaluates as of the baseline year: GDP has no counted value yet', async () => {
    const gdp = expectStatus<Indicator>(await get('/api/v1/indicators/gdp?year=2021'), 200);
    expect(gdp.progress.evaluationYear).toBe(2021);
    expect(gdp.latest).toBeNull();
  });
});

describe('observations and trajectory', () => {
  test('GDP 2022 = 4524, one approved preliminary revision from the plan document', async () => {
    const body = expectStatus<{
      planId: string;
      code: string;
      current: Array<Record<string, unknown>>;
      revisions: Array<Record<string, unknown>>;
    }>(await get('/api/v1/indicators/gdp/observations'), 200);
    expect(body.planId).toBe(PLAN_ID);
    expect(body.code).toBe('gdp');
    expect(body.current).toHaveLength(1);
    expect(body.current[0]).toMatchObject({
      year: 2022,
      value: 4524,
      valueText: '4524',
      dataStatus: 'preliminary',
      reviewState: 'approved',
      revisionNo: 1,
    });
    expect(String(defined(body.current[0], 'body.current[0]').source)).toContain('4524');
    expect(body.revisions).toHaveLength(1);
    expect(body.revisions[0]).toMatchObject({ year: 2022, valueText: '4524', baseRevisionId: null, reviewedBy: null });
  });

  test('fdi_actual 2022 = 3.73', async () => {
    const body = expectStatus<{ current: Array<{ year: number; value: number; valueText: string }> }>(
      await get('/api/v1/indicators/fdi_actual/observations'),
      200,
    );
    expect(body.current.map((o) => [o.year, o.value, o.valueText])).toEqual([[2022, 3.73, '3.73']]);
  });

  test('an indicator with no values has empty lists', async () => {
    const body = expectStatus<{ current: unknown[]; revisions: unknown[] }>(
      await get('/api/v1/indicators/rd_intensity/observations'),
      200,
    );
    expect(body).toMatchObject({ current: [], revisions: [] });
  });

  test('GDP trajectory runs 2021–2025 from 4169.4 to 5500 with the 2022 actual', async () => {
    const t = expectStatus<Trajectory>(await get('/api/v1/indicators/gdp/trajectory'), 200);
    expect(t).toMatchObject({
      kind: 'level',
      direction: 1,
      targetYear: 2025,
      baseline: { year: 2021, value: 4169.4, derived: false },
      target: { value: 5500 },
    });
    // linear path: (5500 − 4169.4) / 4 = 332.65 a year
    const expected = [4169.4, 4502.05, 4834.7, 5167.35, 5500];
    expect(t.points.map((p) => p.year)).toEqual([2021, 2022, 2023, 2024, 2025]);
    t.points.forEach((p, k) => {
      expect(p.expected).toBeCloseTo(expected[k] ?? Number.NaN, 6);
    });
    expect(t.points.map((p) => p.actual)).toEqual([4169.4, 4524, null, null, null]);
    expect(t.points.map((p) => p.pending)).toEqual([null, null, null, null, null]);
  });
});

describe('access', () => {
  test('/healthz is public', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(expectStatus(res, 200)).toEqual({ status: 'ok', database: 'ok' });
  });

  test.each([
    '/api/v1/plans',
    `/api/v1/plans/${PLAN_ID}`,
    '/api/v1/indicators',
    '/api/v1/indicators/gdp',
    '/api/v1/indicators/gdp/observations',
    '/api/v1/indicators/gdp/trajectory',
  ])('anonymous GET %s → 401 problem', async (url) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 401, code: 'unauthorized' });
  });

  test('with PUBLIC_READ=true reads need no login, writes still do', async () => {
    const open = await buildTestApp({ PUBLIC_READ: true });
    try {
      const list = expectStatus<Indicator[]>(await open.inject({ method: 'GET', url: '/api/v1/indicators' }), 200);
      expect(list).toHaveLength(36);
      expectStatus(await open.inject({ method: 'GET', url: '/api/v1/indicators/gdp/trajectory' }), 200);
      const write = await open.inject({
        method: 'PUT',
        url: '/api/v1/indicators/gdp/observations/2023',
        payload: { value: '4800', dataStatus: 'preliminary', source: 'x' },
      });
      expect(write.statusCode).toBe(401);
      expect((await open.inject({ method: 'GET', url: '/api/v1/users' })).statusCode).toBe(401);
      expect((await open.inject({ method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(401);
    } finally {
      await open.close();
    }
  });
});

describe('errors are problem+json naming the field, never a 500', () => {
  function expectProblem(res: Awaited<ReturnType<typeof get>>, status: number, code: string, field?: string) {
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json() as {
      type: string;
      title: string;
      status: number;
      detail: string;
      code: string;
      errors?: Array<{ field: string }>;
    };
    expect(body.type).toBe(`https://gz-tracker.local/problems/${code}`);
    expect(body.status).toBe(status);
    expect(body.code).toBe(code);
    expect(typeof body.title).toBe('string');
    expect(typeof body.detail).toBe('string');
    expect(body.detail.length).toBeGreaterThan(0);
    if (field !== undefined) expect(body.errors?.map((e) => e.field)).toContain(field);
  }

  test.each([
    ['/api/v1/indicators/no_such_code'],
    ['/api/v1/indicators/no_such_code/observations'],
    ['/api/v1/indicators/no_such_code/trajectory'],
    ['/api/v1/plans/no-such-plan'],
    ['/api/v1/indicators?plan=no-such-plan'],
    ['/api/v1/indicators/gdp?plan=no-such-plan'],
    ['/api/v1/nothing-here'],
  ])('GET %s → 404', async (url) => {
    expectProblem(await get(url), 404, 'not_found');
  });

  test.each([
    ['/api/v1/indicators?attribute=foo', 'query.attribute'],
    ['/api/v1/indicators?year=abc', 'query.year'],
    ['/api/v1/indicators?year=1800', 'query.year'],
    ['/api/v1/indicators?category=nope', 'query.category'],
    ['/api/v1/indicators?includePending=maybe', 'query.includePending'],
    ['/api/v1/indicators?plan=BAD%20PLAN', 'query.plan'],
    ['/api/v1/indicators/gdp?year=abc', 'query.year'],
    ['/api/v1/indicators/gdp/trajectory?includePending=1', 'query.includePending'],
    ['/api/v1/indicators/GDP%20x', 'params.code'],
  ])('GET %s → 400 naming %s', async (url, field) => {
    expectProblem(await get(url), 400, 'validation_failed', field);
  });
});
