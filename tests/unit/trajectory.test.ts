import {
  DEFAULT_THRESHOLDS,
  TrajectorySchema,
  buildTrajectory,
  type ProgressInput,
  type TargetSpec,
  type Trajectory,
} from '@gz/shared';
import { describe, expect, test } from 'vitest';

type Input = Omit<ProgressInput, 'evaluationYear'>;

function input(
  target: TargetSpec,
  baseline: Input['baseline'],
  values: ReadonlyArray<readonly [number, number]> = [],
): Input {
  return {
    direction: 1,
    baseline,
    target,
    targetYear: 2025,
    observations: values.map(([year, value]) => ({ year, value })),
    thresholds: DEFAULT_THRESHOLDS,
  };
}

function build(i: Input, pending: ReadonlyArray<{ year: number; value: number }> = []): Trajectory {
  const trajectory = buildTrajectory(i, pending);
  TrajectorySchema.parse(trajectory);
  return trajectory;
}

const column = (t: Trajectory, key: 'expected' | 'actual' | 'pending') => t.points.map((p) => p[key]);

describe('buildTrajectory', () => {
  test('GDP: the linear path from (2021, 4169.4) to (2025, 5500), counted and pending values', () => {
    const t = build(
      input({ kind: 'level', value: 5500 }, { year: 2021, value: 4169.4 }, [
        [2022, 4500],
        [2023, 4900],
        [2026, 5800],
      ]),
      [{ year: 2024, value: 5100 }],
    );
    expect(t.points.map((p) => p.year)).toEqual([2021, 2022, 2023, 2024, 2025]);
    // step = (5500 − 4169.4)/4 = 332.65 a year
    const expected = [4169.4, 4502.05, 4834.7, 5167.35, 5500];
    column(t, 'expected').forEach((v, i) => {
      expect(v).toBeCloseTo(expected[i] ?? Number.NaN, 9);
    });
    // the baseline year shows the baseline; 2026 lies after T and is not plotted
    expect(column(t, 'actual')).toEqual([4169.4, 4500, 4900, null, null]);
    expect(column(t, 'pending')).toEqual([null, null, null, 5100, null]);
    expect(t.target).toEqual({ value: 5500, lower: null, upper: null });
    expect(t.baseline).toEqual({ year: 2021, value: 4169.4, derived: false });
  });

  test('approx: the band is X ± tol', () => {
    // tol = 2 % × 52 = 1.04
    const t = build(input({ kind: 'approx', value: 52 }, { year: 2021, value: 49.5 }));
    expect(t.target.value).toBe(52);
    expect(t.target.lower).toBeCloseTo(50.96, 9);
    expect(t.target.upper).toBeCloseTo(53.04, 9);
  });

  test('annual_rate: r in every year after the baseline, band r ± 0.5', () => {
    const t = build(input({ kind: 'annual_rate', rate: 7.5 }, { year: 2021, value: 10.5 }, [[2022, 8]]));
    expect(column(t, 'expected')).toEqual([null, 7.5, 7.5, 7.5, 7.5]);
    expect(column(t, 'actual')).toEqual([10.5, 8, null, null, null]);
    expect(t.target).toEqual({ value: 7.5, lower: 7, upper: 8 });
  });

  test('cumulative_reduction: the even annual cut that adds up to X', () => {
    const t = build(input({ kind: 'cumulative_reduction', value: 13.5 }, { year: 2020, value: null }, [[2021, 3]]));
    // 1 − (1 − 0.135)^(1/5) = 1 − 0.865^0.2 = 2.859 % a year
    const cut = (1 - 0.865 ** 0.2) * 100;
    expect(t.points).toHaveLength(6);
    expect(t.points[0]?.expected).toBeNull();
    for (const p of t.points.slice(1)) expect(p.expected).toBeCloseTo(cut, 9);
    expect(t.target.value).toBeCloseTo(cut, 9);
  });

  test('floor: the line itself in every year', () => {
    const t = build(input({ kind: 'floor', value: 536.86 }, { year: 2021, value: 537.5 }));
    expect(column(t, 'expected')).toEqual([536.86, 536.86, 536.86, 536.86, 536.86]);
    expect(t.target).toEqual({ value: 536.86, lower: null, upper: null });
  });

  test.each<[rule: 'stable' | 'stable_or_better' | 'rise', lower: number | null, upper: number | null]>([
    ['stable', 3.58 - 0.358, 3.58 + 0.358], // band = 10 % × 3.58 = 0.358
    ['stable_or_better', 3.58 - 0.358, 3.58 + 0.358],
    ['rise', null, null],
  ])('qualitative %s: no expected path, the baseline as the line', (rule, lower, upper) => {
    const t = build(input({ kind: 'qualitative', rule }, { year: 2021, value: 3.58 }));
    expect(column(t, 'expected').every((v) => v === null)).toBe(true);
    expect(t.target.value).toBe(3.58);
    if (lower === null) expect(t.target.lower).toBeNull();
    else expect(t.target.lower).toBeCloseTo(lower, 9);
    if (upper === null) expect(t.target.upper).toBeNull();
    else expect(t.target.upper).toBeCloseTo(upper, 9);
  });

  test.each<TargetSpec>([{ kind: 'assigned' }, { kind: 'none' }])('$kind: nothing expected', (target) => {
    const t = build(input(target, { year: 2021, value: 5 }, [[2023, 6]]));
    expect(column(t, 'expected').every((v) => v === null)).toBe(true);
    expect(t.target).toEqual({ value: null, lower: null, upper: null });
    expect(column(t, 'actual')).toEqual([5, null, 6, null, null]);
  });

  test('a blank baseline: the path starts at the earliest value', () => {
    const t = build(
      input({ kind: 'level', value: 4.5 }, { year: 2021, value: null }, [
        [2022, 2.5],
        [2023, 3.5],
      ]),
    );
    expect(t.baseline).toEqual({ year: 2022, value: 2.5, derived: true });
    // from (2022, 2.5) to (2025, 4.5): 2/3 a year
    const expected = [null, 2.5, 2.5 + 2 / 3, 2.5 + 4 / 3, 4.5];
    column(t, 'expected').forEach((v, i) => {
      const want = expected[i];
      if (want === null || want === undefined) expect(v).toBeNull();
      else expect(v).toBeCloseTo(want, 9);
    });
    expect(column(t, 'actual')).toEqual([null, 2.5, 3.5, null, null]);
  });
});
