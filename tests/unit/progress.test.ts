import {
  DEFAULT_THRESHOLDS,
  EVALUATION_CLASS_LABELS,
  ProgressSchema,
  STATUSES,
  evaluateProgress,
  evaluationClassOf,
  statusColour,
  statusLabel,
  type Direction,
  type Progress,
  type ProgressInput,
  type Status,
  type TargetSpec,
  type Thresholds,
} from '@gz/shared';
import { describe, expect, test } from 'vitest';

/*
 * Expectations are worked out by hand from docs/progress-method.md; each comment shows the arithmetic.
 * Notation: e = (t − t0)/(T − t0), c = (x − x0)/(X − x0), p = c/e.
 */

type Indicator = Omit<ProgressInput, 'observations' | 'evaluationYear'>;
type Values = ReadonlyArray<readonly [year: number, value: number]>;

function indicator(
  target: TargetSpec,
  over: { direction?: Direction; baseline?: Indicator['baseline']; thresholds?: Thresholds } = {},
): Indicator {
  return {
    direction: over.direction ?? 1,
    baseline: over.baseline ?? { year: 2021, value: null },
    target,
    targetYear: 2025,
    thresholds: over.thresholds ?? DEFAULT_THRESHOLDS,
  };
}

/** Evaluates as of the given year, or of the latest value's year. */
function evaluate(ind: Indicator, values: Values, evaluationYear?: number): Progress {
  const observations = values.map(([year, value]) => ({ year, value }));
  const progress = evaluateProgress({
    ...ind,
    observations,
    evaluationYear: evaluationYear ?? Math.max(ind.baseline.year, ...values.map(([y]) => y)),
  });
  ProgressSchema.parse(progress);
  return progress;
}

// GDP (亿元): x0 = 4169.4 in 2021, X = 5500 in 2025, higher is better.
const gdp = indicator({ kind: 'level', value: 5500 }, { baseline: { year: 2021, value: 4169.4 } });

describe('worked example of the method (GDP)', () => {
  test('x = 4900 in 2023 is on track', () => {
    const { status, rule, figures: f, explanation } = evaluate(gdp, [[2023, 4900]]);
    expect(status).toBe('on_track');
    expect(rule).toBe('level.schedule_ratio');
    // e = (2023 − 2021)/(2025 − 2021) = 2/4 = 0.5
    expect(f.elapsedShare.value).toBe(0.5);
    // c = (4900 − 4169.4)/(5500 − 4169.4) = 730.6/1330.6 = 0.5491
    expect(f.completion.value).toBeCloseTo(730.6 / 1330.6, 12);
    expect(f.completion.value).toBeCloseTo(0.5491, 4);
    // p = 0.54908/0.5 = 1.0982 < 1.10 → on_track
    expect(f.scheduleRatio.value).toBeCloseTo(730.6 / 1330.6 / 0.5, 12);
    expect(f.scheduleRatio.value).toBeCloseTo(1.0982, 4);
    // expected = 4169.4 + 1330.6 × 0.5 = 4834.7
    expect(f.expectedValue.value).toBeCloseTo(4834.7, 9);
    // required CAGR = (5500/4169.4)^(1/4) − 1 = 1.319134^0.25 − 1 = 7.17 %
    expect(f.requiredCagr.value).toBeCloseTo(7.17, 2);
    expect(f.requiredCagr.value).toBeCloseTo(((5500 / 4169.4) ** 0.25 - 1) * 100, 9);
    // actual CAGR = (4900/4169.4)^(1/2) − 1 = 8.41 %; ratio 8.408/7.170 = 1.1727
    expect(f.actualCagr.value).toBeCloseTo((Math.sqrt(4900 / 4169.4) - 1) * 100, 9);
    expect(f.cagrRatio.value).toBeCloseTo(1.1727, 4);
    // still needed from 2023: (5500/4900)^(1/2) − 1 = 5.95 %
    expect(f.requiredPaceFromNow.value).toBeCloseTo((Math.sqrt(5500 / 4900) - 1) * 100, 9);
    // projected at 2025 on the observed growth: 4169.4 × (4900/4169.4)^(4/2) = 4900²/4169.4 = 5758.62
    expect(f.projectedValue.value).toBeCloseTo((4900 * 4900) / 4169.4, 6);
    expect(explanation.zh).toContain('序时进度50.0%');
    expect(explanation.zh).toContain('完成进度54.9%');
    expect(explanation.zh).toContain('基本符合预期');
    expect(explanation.zh).toContain('此后每年需增长5.95%');
    expect(explanation.en).toContain('on track');
  });

  test('x = 4500 in 2023 is seriously lagging', () => {
    const { status, figures: f } = evaluate(gdp, [[2023, 4500]]);
    // c = (4500 − 4169.4)/1330.6 = 330.6/1330.6 = 0.2485; p = 0.2485/0.5 = 0.4969 < 0.60
    expect(f.completion.value).toBeCloseTo(0.2485, 4);
    expect(f.scheduleRatio.value).toBeCloseTo(0.4969, 4);
    expect(status).toBe('seriously_lagging');
  });
});

describe('level: every status boundary', () => {
  // x0 = 100 (2021), X = 300 (2025), evaluated in 2023: e = 2/4 = 0.5, so p = 2c = (x − 100)/100.
  const level = indicator({ kind: 'level', value: 300 }, { baseline: { year: 2021, value: 100 } });
  test.each<[x: number, p: string, status: Status, rule: string]>([
    [400, 'beyond X', 'achieved', 'level.achieved'],
    [300, 'x = X', 'achieved', 'level.achieved'],
    [210, '(210 − 100)/200 = 0.55, p = 1.10 exactly', 'ahead', 'level.schedule_ratio'],
    [209.99, 'p = 1.0999', 'on_track', 'level.schedule_ratio'],
    [190, '90/200 = 0.45, p = 0.90 exactly', 'on_track', 'level.schedule_ratio'],
    [189.99, 'p = 0.8999', 'lagging', 'level.schedule_ratio'],
    [160, '60/200 = 0.30, p = 0.60 exactly', 'lagging', 'level.schedule_ratio'],
    [159.99, 'p = 0.5999', 'seriously_lagging', 'level.schedule_ratio'],
    [100, 'c = 0, p = 0', 'seriously_lagging', 'level.schedule_ratio'],
    [99, 'c = −1/200 < 0', 'regressing', 'level.regressing'],
  ])('x = %s (%s) → %s', (x, _p, status, rule) => {
    const progress = evaluate(level, [[2023, x]]);
    expect(progress.status).toBe(status);
    expect(progress.rule).toBe(rule);
  });

  test('p at exactly 1.10 is reported as 1.1 and classed ahead', () => {
    // c = 110/200 = 0.55; p = 0.55/0.5 = 1.1
    expect(evaluate(level, [[2023, 210]]).figures.scheduleRatio.value).toBe(1.1);
  });

  test('a target met before T is 提前实现, at T 已完成', () => {
    expect(evaluate(level, [[2023, 300]]).label).toEqual({ zh: '提前实现', en: 'Achieved early' });
    expect(evaluate(level, [[2025, 300]]).label).toEqual({ zh: '已完成', en: 'Achieved' });
  });

  test.each<[year: number, x: number, status: Status]>([
    [2025, 299, 'not_achieved'], // t = T and 299 < 300
    [2026, 299, 'not_achieved'], // after T
    [2025, 100, 'not_achieved'], // not regressing once T is reached: the final verdict is 未完成
    [2026, 301, 'achieved'],
  ])('in %s, x = %s → %s', (year, x, status) => {
    const progress = evaluate(level, [[year, x]]);
    expect(progress.status).toBe(status);
    expect(progress.colour).toBe(status === 'achieved' ? 'green' : 'red');
  });

  test('values after the evaluation year are ignored', () => {
    const progress = evaluate(
      level,
      [
        [2023, 190],
        [2024, 320],
      ],
      2023,
    );
    expect(progress.status).toBe('on_track');
    expect(progress.latestYear).toBe(2023);
    expect(progress.latestValue).toBe(190);
  });

  test('observations arrive in any order; t is the latest year', () => {
    // t = 2024: e = 3/4 = 0.75; c = (250 − 100)/200 = 0.75; p = 1.0
    const progress = evaluate(level, [
      [2024, 250],
      [2022, 120],
      [2023, 200],
    ]);
    expect(progress.latestYear).toBe(2024);
    expect(progress.figures.scheduleRatio.value).toBeCloseTo(1, 12);
    expect(progress.status).toBe('on_track');
  });

  test.each<[label: string, values: Values]>([
    ['no value at all', []],
    ['only the baseline year', [[2021, 100]]],
    ['only a year before the baseline', [[2020, 90]]],
  ])('%s → insufficient_data', (_label, values) => {
    const progress = evaluate(level, values, 2023);
    expect(progress.status).toBe('insufficient_data');
    expect(progress.rule).toBe('level.insufficient_data');
    expect(progress.figures.completion).toEqual({ value: null, reason: 'no value after the baseline' });
  });
});

describe('lower is better: 城乡居民人均可支配收入比 2.74 (2021) → 2.6 (2025), d = −1', () => {
  const ratio = indicator({ kind: 'level', value: 2.6 }, { direction: -1, baseline: { year: 2021, value: 2.74 } });
  test.each<[x: number, arithmetic: string, status: Status]>([
    [2.67, 'c = (2.67 − 2.74)/(2.6 − 2.74) = −0.07/−0.14 = 0.5, p = 0.5/0.5 = 1.0', 'on_track'],
    [2.64, 'c = −0.10/−0.14 = 0.714, p = 1.43', 'ahead'],
    [2.71, 'c = −0.03/−0.14 = 0.214, p = 0.43', 'seriously_lagging'],
    [2.6, 'x = X', 'achieved'],
    [2.55, 'below X is better', 'achieved'],
    [2.76, 'c = 0.02/−0.14 < 0: the ratio widened', 'regressing'],
  ])('x = %s: %s → %s', (x, _arithmetic, status) => {
    expect(evaluate(ratio, [[2023, x]]).status).toBe(status);
  });

  test('CAGR figures are negative (a falling ratio)', () => {
    const f = evaluate(ratio, [[2023, 2.67]]).figures;
    // required: (2.6/2.74)^(1/4) − 1 = −1.30 %; actual: (2.67/2.74)^(1/2) − 1 = −1.28 %
    expect(f.requiredCagr.value).toBeCloseTo(((2.6 / 2.74) ** 0.25 - 1) * 100, 9);
    expect(f.actualCagr.value).toBeCloseTo((Math.sqrt(2.67 / 2.74) - 1) * 100, 9);
  });
});

describe('a baseline from 2020: 劳动年龄人口平均受教育年限 10.24 (2020) → 11.3 (2025)', () => {
  test('e is measured from t0 = 2020', () => {
    const years = indicator({ kind: 'level', value: 11.3 }, { baseline: { year: 2020, value: 10.24 } });
    const { status, figures: f } = evaluate(years, [[2023, 10.8]]);
    // e = (2023 − 2020)/(2025 − 2020) = 3/5 = 0.6 (0.5 if t0 were 2021)
    expect(f.elapsedShare.value).toBeCloseTo(0.6, 12);
    // c = (10.8 − 10.24)/(11.3 − 10.24) = 0.56/1.06 = 0.5283; p = 0.5283/0.6 = 0.8805 → lagging (it would be 1.06 with e = 0.5)
    expect(f.completion.value).toBeCloseTo(0.56 / 1.06, 9);
    expect(f.scheduleRatio.value).toBeCloseTo(0.56 / 1.06 / 0.6, 9);
    expect(status).toBe('lagging');
  });
});

describe('missing baseline: 每千人口拥有3岁以下婴幼儿托位数, target 4.5, baseline blank', () => {
  const places = indicator({ kind: 'level', value: 4.5 }, { baseline: { year: 2021, value: null } });

  test('one value below the target → insufficient_data, with the value as derived baseline', () => {
    const progress = evaluate(places, [[2022, 2.5]]);
    expect(progress.status).toBe('insufficient_data');
    expect(progress.rule).toBe('baseline.missing');
    expect(progress.baseline).toEqual({ year: 2022, value: 2.5, derived: true });
    expect(progress.explanation.zh).toContain('规划未给出基期值');
  });

  test('one value already meeting the target → achieved', () => {
    const progress = evaluate(places, [[2022, 4.6]]);
    expect(progress.status).toBe('achieved');
    expect(progress.label.zh).toBe('提前实现');
  });

  test('two values → judged from the derived baseline', () => {
    const progress = evaluate(places, [
      [2023, 3.5],
      [2022, 2.5],
    ]);
    expect(progress.baseline).toEqual({ year: 2022, value: 2.5, derived: true });
    // e = (2023 − 2022)/(2025 − 2022) = 1/3; c = (3.5 − 2.5)/(4.5 − 2.5) = 0.5; p = 0.5 × 3 = 1.5 → ahead
    expect(progress.figures.elapsedShare.value).toBeCloseTo(1 / 3, 12);
    expect(progress.figures.completion.value).toBe(0.5);
    expect(progress.figures.scheduleRatio.value).toBeCloseTo(1.5, 12);
    expect(progress.status).toBe('ahead');
  });

  test('no value at all → insufficient_data, the baseline stays blank', () => {
    const progress = evaluate(places, [], 2023);
    expect(progress.status).toBe('insufficient_data');
    expect(progress.baseline).toEqual({ year: 2021, value: null, derived: false });
    expect(progress.figures.requiredCagr).toEqual({ value: null, reason: 'no baseline value' });
  });
});

describe('approx: 粮食综合生产能力 52左右 (illustrative baseline 49.5 in 2021)', () => {
  // default tolerance = 2 % × 52 = 1.04
  const grain = indicator({ kind: 'approx', value: 52 }, { baseline: { year: 2021, value: 49.5 } });
  test.each<[x: number, arithmetic: string, status: Status, rule: string]>([
    [51.2, '|51.2 − 52| = 0.8 ≤ 1.04', 'achieved', 'approx.within_tolerance'],
    [50.96, '|50.96 − 52| = 1.04 ≤ 1.04 (edge)', 'achieved', 'approx.within_tolerance'],
    [54, 'above X, beyond the tolerance but on the good side', 'achieved', 'approx.achieved'],
    [50.5, '1.5 > 1.04; c = (50.5 − 49.5)/(52 − 49.5) = 0.4, p = 0.4/0.5 = 0.8', 'lagging', 'approx.schedule_ratio'],
    [49, 'below the baseline', 'regressing', 'approx.regressing'],
  ])('x = %s: %s → %s', (x, _arithmetic, status, rule) => {
    const progress = evaluate(grain, [[2023, x]]);
    expect(progress.status).toBe(status);
    expect(progress.rule).toBe(rule);
  });

  test("the target's own tolerance wins over the default", () => {
    // tolerance 2: |50.5 − 52| = 1.5 ≤ 2
    const wide = indicator({ kind: 'approx', value: 52, tolerance: 2 }, { baseline: { year: 2021, value: 49.5 } });
    expect(evaluate(wide, [[2023, 50.5]]).status).toBe('achieved');
  });

  test('at T outside the tolerance → not_achieved', () => {
    expect(evaluate(grain, [[2025, 50.5]]).status).toBe('not_achieved');
  });
});

describe('annual_rate: 规模以上工业增加值增速 年均7.5左右 (tolerance 0.5 points)', () => {
  const industry = indicator({ kind: 'annual_rate', rate: 7.5 }, { baseline: { year: 2021, value: 10.5 } });

  test('rates 8, −2, 9: m is the geometric mean, q = m/r', () => {
    const {
      status,
      rule,
      figures: f,
    } = evaluate(industry, [
      [2022, 8],
      [2023, -2],
      [2024, 9],
    ]);
    // m = (1.08 × 0.98 × 1.09)^(1/3) − 1 = 1.153656^(1/3) − 1 = 4.88 %
    const m = (Math.cbrt(1.08 * 0.98 * 1.09) - 1) * 100;
    expect(f.actualCagr.value).toBeCloseTo(m, 9);
    expect(f.actualCagr.value).toBeCloseTo(4.88, 2);
    // 4.88 < 7.5 − 0.5; q = 4.88/7.5 = 0.6507 → lagging
    expect(f.scheduleRatio.value).toBeCloseTo(m / 7.5, 9);
    expect(f.cagrRatio.value).toBeCloseTo(m / 7.5, 9);
    expect(status).toBe('lagging');
    expect(rule).toBe('annual_rate.rate_ratio');
    // e = (2024 − 2021)/4 = 0.75; expected value and required CAGR are r itself
    expect(f.elapsedShare.value).toBe(0.75);
    expect(f.expectedValue.value).toBe(7.5);
    expect(f.requiredCagr.value).toBe(7.5);
    // 2025 alone must make the 4-year mean 7.5: 1.075⁴/1.153656 − 1 = 1.33547/1.153656 − 1 = 15.76 %
    expect(f.requiredPaceFromNow.value).toBeCloseTo((1.075 ** 4 / (1.08 * 0.98 * 1.09) - 1) * 100, 9);
    expect(f.completion.reason).toBe('not defined for kind annual_rate');
  });

  test.each<[label: string, status: Status, rule: string, values: Values]>([
    // m = (1.072 × 1.074)^(1/2) − 1 = 7.30 % ≥ 7.0
    [
      '7.2, 7.4 before T',
      'on_track',
      'annual_rate.mean_rate',
      [
        [2022, 7.2],
        [2023, 7.4],
      ],
    ],
    // m = 7.0, the edge r − tol = 7.5 − 0.5
    ['7.0 (edge r − tol)', 'on_track', 'annual_rate.mean_rate', [[2022, 7]]],
    // 7.2, 7.4, 7.1, 7.3 through 2025: m ≈ 7.25 ≥ 7.0 at T
    [
      'through T at about 7.25',
      'achieved',
      'annual_rate.mean_rate',
      [
        [2022, 7.2],
        [2023, 7.4],
        [2024, 7.1],
        [2025, 7.3],
      ],
    ],
    // 6 every year through 2025: m = 6 < 7 at T
    [
      '6 a year through T',
      'not_achieved',
      'annual_rate.not_achieved',
      [
        [2022, 6],
        [2023, 6],
        [2024, 6],
        [2025, 6],
      ],
    ],
    // q = 6.9/7.5 = 0.92 ≥ 0.90
    ['6.9 (q = 0.92)', 'on_track', 'annual_rate.rate_ratio', [[2022, 6.9]]],
    // q = 6.5/7.5 = 0.867
    ['6.5 (q = 0.867)', 'lagging', 'annual_rate.rate_ratio', [[2022, 6.5]]],
    // q = 3/7.5 = 0.4
    ['3 (q = 0.4)', 'seriously_lagging', 'annual_rate.rate_ratio', [[2022, 3]]],
    // m = (0.99 × 0.98)^(1/2) − 1 < 0
    [
      '−1, −2',
      'regressing',
      'annual_rate.regressing',
      [
        [2022, -1],
        [2023, -2],
      ],
    ],
    ['only the baseline year', 'insufficient_data', 'annual_rate.insufficient_data', [[2021, 10.5]]],
  ])('%s → %s (%s)', (_label, status, rule, values) => {
    const progress = evaluate(industry, values);
    expect(progress.status).toBe(status);
    expect(progress.rule).toBe(rule);
  });

  test('a blank baseline is not replaced: the first year rate still counts', () => {
    const blank = indicator({ kind: 'annual_rate', rate: 7.5 }, { baseline: { year: 2021, value: null } });
    const progress = evaluate(blank, [
      [2022, 8],
      [2023, 7],
    ]);
    expect(progress.baseline.derived).toBe(false);
    // m = (1.08 × 1.07)^(1/2) − 1 = 7.50 %
    expect(progress.figures.actualCagr.value).toBeCloseTo((Math.sqrt(1.08 * 1.07) - 1) * 100, 9);
    expect(progress.status).toBe('on_track');
  });
});

describe('cumulative_reduction: a five-year cut of 13.5 % from 2020', () => {
  const energy = indicator({ kind: 'cumulative_reduction', value: 13.5 }, { baseline: { year: 2020, value: null } });

  test('cuts of 3, 2.5, 2 % by 2023', () => {
    const { status, figures: f } = evaluate(energy, [
      [2021, 3],
      [2022, 2.5],
      [2023, 2],
    ]);
    // k = 1 − 0.97 × 0.975 × 0.98 = 1 − 0.926835 = 7.3165 %; c = 7.3165/13.5 = 0.54196
    const k = (1 - 0.97 * 0.975 * 0.98) * 100;
    expect(f.completion.value).toBeCloseTo(k / 13.5, 9);
    // e = 3/5 = 0.6; p = 0.54196/0.6 = 0.9033 → on_track
    expect(f.scheduleRatio.value).toBeCloseTo(k / 13.5 / 0.6, 9);
    expect(status).toBe('on_track');
    // expected cumulative cut by 2023 = 13.5 × 0.6 = 8.1
    expect(f.expectedValue.value).toBeCloseTo(8.1, 9);
    // underlying quantity: required CAGR = 0.865^(1/5) − 1 = −2.86 %; actual = 0.926835^(1/3) − 1 = −2.50 %
    expect(f.requiredCagr.value).toBeCloseTo((0.865 ** 0.2 - 1) * 100, 9);
    expect(f.actualCagr.value).toBeCloseTo((Math.cbrt(0.97 * 0.975 * 0.98) - 1) * 100, 9);
    // still needed in 2024 and 2025: (0.865/0.926835)^(1/2) − 1 = −3.39 % a year
    expect(f.requiredPaceFromNow.value).toBeCloseTo((Math.sqrt(0.865 / (0.97 * 0.975 * 0.98)) - 1) * 100, 9);
  });

  test.each<[label: string, evaluationYear: number, status: Status, values: Values]>([
    // k = 1 − 0.95³ = 14.26 % ≥ 13.5
    [
      '5 % a year for three years',
      2023,
      'achieved',
      [
        [2021, 5],
        [2022, 5],
        [2023, 5],
      ],
    ],
    // k = 1 − 0.98⁵ = 9.61 % < 13.5 at T
    [
      '2 % a year through 2025',
      2025,
      'not_achieved',
      [
        [2021, 2],
        [2022, 2],
        [2023, 2],
        [2024, 2],
        [2025, 2],
      ],
    ],
    // k = −1 % (consumption per unit rose)
    ['a rise of 1 %', 2021, 'regressing', [[2021, -1]]],
    ['no cut reported yet', 2023, 'insufficient_data', []],
  ])('%s, as of %s → %s', (_label, evaluationYear, status, values) => {
    expect(evaluate(energy, values, evaluationYear).status).toBe(status);
  });
});

describe('qualitative targets, judged against the baseline', () => {
  test.each<[x: number, year: number, status: Status, rule: string]>([
    [115, 2023, 'on_track', 'qualitative.rise.improved'],
    [114, 2023, 'lagging', 'qualitative.rise.unchanged'],
    [113, 2023, 'regressing', 'qualitative.rise.worsened'],
    [115, 2025, 'achieved', 'qualitative.rise.improved'],
  ])('稳中有升 from 114: %s in %s → %s', (x, year, status, rule) => {
    const rise = indicator({ kind: 'qualitative', rule: 'rise' }, { baseline: { year: 2021, value: 114 } });
    const progress = evaluate(rise, [[year, x]]);
    expect(progress.status).toBe(status);
    expect(progress.rule).toBe(rule);
  });

  // band = 10 % × 3.58 = 0.358
  test.each<[x: number, arithmetic: string, status: Status]>([
    [3.9, '|3.9 − 3.58| = 0.32 ≤ 0.358', 'on_track'],
    [3.23, '|3.23 − 3.58| = 0.35 ≤ 0.358', 'on_track'],
    [4.0, '4.0 − 3.58 = 0.42 > 0.358 on the good side', 'ahead'],
    [3.2, '3.2 − 3.58 = −0.38 on the bad side', 'regressing'],
  ])('保持稳定 at 3.58: x = %s (%s) → %s', (x, _arithmetic, status) => {
    const stable = indicator({ kind: 'qualitative', rule: 'stable' }, { baseline: { year: 2021, value: 3.58 } });
    expect(evaluate(stable, [[2023, x]]).status).toBe(status);
  });

  test("保持稳定 with the target's own band (a fraction of x0)", () => {
    // band = 0.2 × 3.58 = 0.716 ≥ |4.0 − 3.58| = 0.42
    const stable = indicator(
      { kind: 'qualitative', rule: 'stable', band: 0.2 },
      { baseline: { year: 2021, value: 3.58 } },
    );
    expect(evaluate(stable, [[2023, 4.0]]).status).toBe('on_track');
  });

  // band = 10 % × 100 = 10
  test.each<[d: Direction, x: number, arithmetic: string, status: Status]>([
    [1, 91, 'd·(91 − 100) = −9 ≥ −10', 'on_track'],
    [1, 130, 'd·(130 − 100) = 30 ≥ −10', 'on_track'],
    [1, 89, 'd·(89 − 100) = −11 < −10', 'regressing'],
    [-1, 109, '−(109 − 100) = −9 ≥ −10', 'on_track'],
    [-1, 111, '−(111 − 100) = −11 < −10', 'regressing'],
  ])('量稳质升 at 100, d = %s: x = %s (%s) → %s', (direction, x, _arithmetic, status) => {
    const better = indicator(
      { kind: 'qualitative', rule: 'stable_or_better' },
      { direction, baseline: { year: 2021, value: 100 } },
    );
    expect(evaluate(better, [[2023, x]]).status).toBe(status);
  });

  test('qualitative targets have no numeric target figures', () => {
    const rise = indicator({ kind: 'qualitative', rule: 'rise' }, { baseline: { year: 2021, value: 114 } });
    const f = evaluate(rise, [[2023, 115]]).figures;
    expect(f.completion).toEqual({ value: null, reason: 'target is not numeric' });
    expect(f.actualCagr.value).toBeCloseTo((Math.sqrt(115 / 114) - 1) * 100, 9);
  });
});

describe('maintain 100 (覆盖率 100 → 100)', () => {
  const coverage = indicator({ kind: 'maintain', value: 100 }, { baseline: { year: 2021, value: 100 } });
  test.each<[x: number, year: number, status: Status, label: string]>([
    [100, 2023, 'on_track', '基本符合预期'],
    [99.8, 2023, 'regressing', '逆向变化'],
    [99.8, 2025, 'not_achieved', '未完成'],
    [100, 2025, 'achieved', '已完成'],
  ])('%s in %s → %s', (x, year, status, label) => {
    const progress = evaluate(coverage, [[year, x]]);
    expect(progress.status).toBe(status);
    expect(progress.label.zh).toBe(label);
    expect(progress.figures.expectedValue.value).toBe(100);
    expect(progress.figures.completion.reason).toBe('not defined for kind maintain');
  });
});

describe('floor: 耕地保有量 ≥ 536.86 (illustrative baseline 537.5)', () => {
  const farmland = indicator({ kind: 'floor', value: 536.86 }, { baseline: { year: 2021, value: 537.5 } });
  test.each<[x: number, year: number, status: Status, rule: string]>([
    [537.1, 2023, 'on_track', 'floor.held'],
    [536.86, 2023, 'on_track', 'floor.held'],
    [536.5, 2023, 'not_achieved', 'floor.breached'],
    [536.86, 2025, 'achieved', 'floor.held'],
    [536.5, 2025, 'not_achieved', 'floor.breached'],
  ])('%s in %s → %s', (x, year, status, rule) => {
    const progress = evaluate(farmland, [[year, x]]);
    expect(progress.status).toBe(status);
    expect(progress.rule).toBe(rule);
  });

  test('a ceiling (d = −1) holds at or below X', () => {
    const ceiling = indicator({ kind: 'floor', value: 10 }, { direction: -1, baseline: { year: 2021, value: 9 } });
    expect(evaluate(ceiling, [[2023, 9.5]]).status).toBe('on_track');
    expect(evaluate(ceiling, [[2023, 10.5]]).status).toBe('not_achieved');
  });
});

describe('assigned and none', () => {
  test('assigned → target_pending, grey, not evaluated', () => {
    const assigned = indicator({ kind: 'assigned' }, { baseline: { year: 2021, value: 5 } });
    const progress = evaluate(assigned, [[2023, 4]]);
    expect(progress.status).toBe('target_pending');
    expect(progress.rule).toBe('assigned.pending');
    expect(progress.colour).toBe('grey');
    expect(progress.evaluationClass).toBe('not_evaluated');
    expect(progress.figures.requiredCagr).toEqual({ value: null, reason: 'target not yet assigned' });
  });

  test.each<[trend: Progress['trend'], values: Values]>([
    [
      'up',
      [
        [2022, 76.3],
        [2023, 76.4],
      ],
    ], // 76.4 > 76.3
    [
      'down',
      [
        [2022, 76.4],
        [2023, 76.3],
      ],
    ],
    ['flat', [[2023, 76.23]]], // compared with the baseline 76.23
    [null, []], // only the baseline: no change yet
  ])('none (森林覆盖率 76.23) → monitoring, trend %s', (trend, values) => {
    const forest = indicator({ kind: 'none' }, { baseline: { year: 2021, value: 76.23 } });
    const progress = evaluate(forest, values, 2023);
    expect(progress.status).toBe('monitoring');
    expect(progress.rule).toBe('none.monitoring');
    expect(progress.trend).toBe(trend);
    expect(progress.figures.completion.reason).toBe('no target (monitoring only)');
  });
});

describe('thresholds are read from the input', () => {
  test.each<[label: string, thresholds: Partial<Thresholds>, ind: Indicator, values: Values, status: Status]>([
    // p = 1.0982 ≥ 1.05
    ['ahead at 1.05', { ahead: 1.05 }, gdp, [[2023, 4900]], 'ahead'],
    // p = 0.4969 ≥ 0.40
    ['lagging down to 0.40', { lagging: 0.4 }, gdp, [[2023, 4500]], 'lagging'],
    // tol = 3 % × 52 = 1.56 ≥ |50.5 − 52| = 1.5
    [
      'approx tolerance 3 %',
      { approxTolerancePct: 3 },
      indicator({ kind: 'approx', value: 52 }, { baseline: { year: 2021, value: 49.5 } }),
      [[2023, 50.5]],
      'achieved',
    ],
    // 6.6 ≥ 7.5 − 1
    [
      'annual-rate tolerance 1 point',
      { annualRateTolerance: 1 },
      indicator({ kind: 'annual_rate', rate: 7.5 }),
      [[2022, 6.6]],
      'on_track',
    ],
    // band = 15 % × 3.58 = 0.537 ≥ 0.42
    [
      'qualitative band 15 %',
      { qualitativeBandPct: 15 },
      indicator({ kind: 'qualitative', rule: 'stable' }, { baseline: { year: 2021, value: 3.58 } }),
      [[2023, 4.0]],
      'on_track',
    ],
  ])('%s', (_label, thresholds, ind, values, status) => {
    const custom = { ...DEFAULT_THRESHOLDS, ...thresholds };
    const progress = evaluate({ ...ind, thresholds: custom }, values);
    expect(progress.status).toBe(status);
    expect(progress.thresholds).toEqual(custom);
  });
});

describe('figures that cannot be computed are null with a reason', () => {
  test.each<[label: string, ind: Indicator, values: Values, figure: keyof Progress['figures'], reason: string]>([
    ['pace once T is reached', gdp, [[2025, 5400]], 'requiredPaceFromNow', 'target year reached'],
    [
      'CAGR from a non-positive baseline',
      indicator({ kind: 'level', value: 10 }, { baseline: { year: 2021, value: -5 } }),
      [[2023, 2]],
      'actualCagr',
      'baseline is not positive',
    ],
    [
      'CAGR to a non-positive latest value',
      indicator({ kind: 'level', value: 10 }, { baseline: { year: 2021, value: 5 } }),
      [[2023, 0]],
      'actualCagr',
      'latest value is not positive',
    ],
    [
      'completion when X = x0',
      indicator({ kind: 'level', value: 5 }, { baseline: { year: 2021, value: 5 } }),
      [[2023, 6]],
      'completion',
      'target equals the baseline',
    ],
    [
      'cagrRatio when the required CAGR is 0',
      indicator({ kind: 'level', value: 5 }, { baseline: { year: 2021, value: 5 } }),
      [[2023, 6]],
      'cagrRatio',
      'required CAGR is zero',
    ],
  ])('%s', (_label, ind, values, figure, reason) => {
    expect(evaluate(ind, values).figures[figure]).toEqual({ value: null, reason });
  });
});

describe('labels, colours and evaluation classes', () => {
  test.each<[status: Status, zh: string, colour: string, evaluationClass: string]>([
    ['achieved', '已完成', 'green', 'achieved'],
    ['ahead', '快于预期', 'green', 'ahead'],
    ['on_track', '基本符合预期', 'green', 'on_track'],
    ['lagging', '滞后于预期', 'yellow', 'lagging'],
    ['seriously_lagging', '严重滞后', 'red', 'lagging'],
    ['regressing', '逆向变化', 'red', 'lagging'],
    ['not_achieved', '未完成', 'red', 'lagging'],
    ['target_pending', '目标待下达', 'grey', 'not_evaluated'],
    ['monitoring', '仅监测', 'grey', 'not_evaluated'],
    ['insufficient_data', '数据不足', 'grey', 'not_evaluated'],
  ])('%s → %s, %s, %s', (status, zh, colour, evaluationClass) => {
    expect(statusLabel(status, true).zh).toBe(zh);
    expect(statusColour(status)).toBe(colour);
    expect(evaluationClassOf(status)).toBe(evaluationClass);
  });

  test('achieved before T is 提前实现; other labels do not depend on the year', () => {
    expect(statusLabel('achieved', false).zh).toBe('提前实现');
    for (const status of STATUSES.filter((s) => s !== 'achieved'))
      expect(statusLabel(status, false)).toEqual(statusLabel(status, true));
  });

  test('evaluation class labels', () => {
    expect(EVALUATION_CLASS_LABELS.achieved.zh).toBe('提前实现/已完成');
    expect(EVALUATION_CLASS_LABELS.lagging.zh).toBe('滞后于预期');
    expect(EVALUATION_CLASS_LABELS.not_evaluated.zh).toBe('未评估');
  });
});
