import {
  evaluateProgress,
  IndicatorSchema,
  PlanProgressSummarySchema,
  TargetSpecSchema,
  ThresholdsSchema,
  type Indicator,
} from '@gz/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildTestApp, expectStatus, PLAN_ID } from '../helpers/app.ts';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp({ PUBLIC_READ: true });
});
afterAll(() => app.close());

const get = async <T>(url: string) => expectStatus<T>(await app.inject({ method: 'GET', url }), 200);

describe('progress in the indicator API', () => {
  test('every seeded indicator carries progress equal to the shared function applied to its stored data', async () => {
    const items = await get<Indicator[]>('/api/v1/indicators');
    expect(items).toHaveLength(36);
    for (const item of items) {
      IndicatorSchema.parse(item);
      const obs = await get<{ current: { year: number; value: number }[] }>(
        `/api/v1/indicators/${item.code}/observations`,
      );
      const expected = evaluateProgress({
        direction: item.direction,
        baseline: { year: item.baseline.year, value: item.baseline.value },
        target: TargetSpecSchema.parse(item.target.spec),
        targetYear: 2025,
        observations: obs.current.map((o) => ({ year: o.year, value: o.value })),
        evaluationYear: item.progress.evaluationYear,
        thresholds: ThresholdsSchema.parse({}),
      });
      expect(item.progress, item.code).toEqual(expected);
    }
  });

  test('defaults to the latest year with an approved value (2022 from the seeded GDP and FDI figures)', async () => {
    const gdp = await get<Indicator>('/api/v1/indicators/gdp');
    expect(gdp.progress.evaluationYear).toBe(2022);
    expect(gdp.progress.latestYear).toBe(2022);
    expect(gdp.progress.latestValue).toBe(4524);
    // e = (2022−2021)/(2025−2021) = 0.25; c = (4524−4169.4)/(5500−4169.4) = 354.6/1330.6 = 0.266496…
    expect(gdp.progress.figures.elapsedShare.value).toBe(0.25);
    expect(gdp.progress.figures.completion.value).toBeCloseTo(354.6 / 1330.6, 12);
    // p = c/e = 1.06598… → on_track (0.90 ≤ p < 1.10)
    expect(gdp.progress.figures.scheduleRatio.value).toBeCloseTo(1.0659852698, 9);
    expect(gdp.progress.status).toBe('on_track');
    expect(gdp.progress.label.zh).toBe('基本符合预期');
  });

  test('?year= evaluates as of that year', async () => {
    const gdp2021 = await get<Indicator>('/api/v1/indicators/gdp?year=2021');
    expect(gdp2021.progress.evaluationYear).toBe(2021);
    expect(gdp2021.progress.status).toBe('insufficient_data');
    expect(gdp2021.latest).toBeNull();
  });

  test('the province-assigned indicators are target_pending and forest coverage is monitoring', async () => {
    const items = await get<Indicator[]>('/api/v1/indicators?category=ecology');
    const status = Object.fromEntries(items.map((i) => [i.code, i.progress.status]));
    expect(status).toEqual({
      cultivated_land: 'insufficient_data',
      energy_intensity_cut: 'target_pending',
      non_fossil_share: 'target_pending',
      carbon_intensity_cut: 'target_pending',
      air_quality_good_days: 'target_pending',
      surface_water_grade3: 'target_pending',
      forest_coverage: 'monitoring',
    });
  });
});

describe('GET /plans/{planId}/summary', () => {
  test('counts add up to 36 overall, per area and per attribute', async () => {
    const summary = await get<
      { planId: string; evaluationYear: number } & ReturnType<typeof PlanProgressSummarySchema.parse>
    >(`/api/v1/plans/${PLAN_ID}/summary`);
    PlanProgressSummarySchema.parse(summary);
    expect(summary.planId).toBe(PLAN_ID);
    expect(summary.evaluationYear).toBe(2022);
    const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
    expect(summary.total).toBe(36);
    expect(sum(summary.byStatus)).toBe(36);
    expect(sum(summary.byClass)).toBe(36);
    expect(summary.byCategory.map((c) => [c.code, c.total])).toEqual([
      ['economy', 2],
      ['industry', 5],
      ['rural', 7],
      ['ecology', 7],
      ['opening', 4],
      ['prosperity', 7],
      ['red_heritage', 4],
    ]);
    expect(summary.byAttribute.binding.total).toBe(9);
    expect(summary.byAttribute.expected.total).toBe(27);
    // Only GDP and FDI have a value after the baseline: GDP on_track, FDI (保持稳定, 3.58 → 3.73 within the 10 % band) on_track.
    expect(summary.byClass.on_track).toBe(2);
    // 5 assigned (target_pending) + forest (monitoring) + 28 insufficient_data
    expect(summary.byClass.not_evaluated).toBe(34);
    // None of the 9 binding indicators has a figure or a target for 2022: every one of them is on the list,
    // with its reason; "约束性指标无预警" must not be said.
    expect(summary.earlyWarning).toHaveLength(9);
    expect(summary.earlyWarning.every((w) => w.reason === 'missing_data' || w.reason === 'target_pending')).toBe(true);
  });

  test('an unknown plan is a 404 problem', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/plans/nope-2030/summary' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
