/**
 * The progress method's one "meets target" rule and one list of rate kinds, shared by the progress rules, the
 * yearly targets and the web's chart: exact, hand-computed cases.
 */
import {
  DEFAULT_THRESHOLDS,
  defaultAnnualTargetBasis,
  isRateKind,
  judgeAnnualTarget,
  meetsTarget,
  RATE_KINDS,
  TARGET_KINDS,
  type TargetSpec,
} from '@gz/shared';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

describe('meetsTarget', () => {
  test.each<[TargetSpec, number, 1 | -1, boolean]>([
    [{ kind: 'level', value: 5500 }, 5500, 1, true],
    [{ kind: 'level', value: 5500 }, 5499.9, 1, false],
    [{ kind: 'level', value: 2.6 }, 2.5, -1, true],
    // 52左右 with the default 2 % of 52 = 1.04: 50.96 is within, 50.95 is not; 60 is beyond on the good side
    [{ kind: 'approx', value: 52 }, 50.96, 1, true],
    [{ kind: 'approx', value: 52 }, 50.95, 1, false],
    [{ kind: 'approx', value: 52 }, 60, 1, true],
    // 年均7.5 with the default 0.5 points: 7.0 meets, 6.99 does not
    [{ kind: 'annual_rate', rate: 7.5 }, 7, 1, true],
    [{ kind: 'annual_rate', rate: 7.5 }, 6.99, 1, false],
    [{ kind: 'annual_rate', rate: 7.5, tolerance: 0 }, 7.49, 1, false],
    // a cut of 13.5 %: a larger cut is better whatever the direction says
    [{ kind: 'cumulative_reduction', value: 13.5 }, 13.5, -1, true],
    [{ kind: 'cumulative_reduction', value: 13.5 }, 13.4, 1, false],
    [{ kind: 'floor', value: 536.86 }, 534.46, 1, false],
    [{ kind: 'maintain', value: 100 }, 100, 1, true],
    [{ kind: 'qualitative', rule: 'rise' }, 1e9, 1, false],
    [{ kind: 'assigned' }, 1, 1, false],
    [{ kind: 'none' }, 1, 1, false],
  ])('%o at %s (d = %s) → %s', (spec, x, d, met) => {
    expect(meetsTarget(spec, x, d, DEFAULT_THRESHOLDS)).toBe(met);
  });

  test('a yearly target is judged by the same rule', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -20, max: 20, noNaN: true }),
        fc.double({ min: -20, max: 20, noNaN: true }),
        (rate, value) => {
          const spec: TargetSpec = { kind: 'annual_rate', rate };
          const judged = judgeAnnualTarget(
            { year: 2023, spec, text: null, source: '2023年政府工作报告', basis: 'value' },
            {
              direction: 1,
              thresholds: DEFAULT_THRESHOLDS,
              baseline: { year: 2020, value: null },
              values: [{ year: 2023, value }],
            },
          );
          expect(judged.status).toBe(meetsTarget(spec, value, 1, DEFAULT_THRESHOLDS) ? 'achieved' : 'not_achieved');
        },
      ),
    );
  });
});

describe('rate kinds', () => {
  test('exactly annual_rate and cumulative_reduction', () => {
    expect([...RATE_KINDS]).toEqual(['annual_rate', 'cumulative_reduction']);
    expect(TARGET_KINDS.filter(isRateKind)).toEqual(['annual_rate', 'cumulative_reduction']);
  });

  test('a yearly rate target compares with the growth of a level indicator, with the value of a rate one', () => {
    expect(defaultAnnualTargetBasis({ kind: 'annual_rate', rate: 7.5 }, 'level')).toBe('growth');
    expect(defaultAnnualTargetBasis({ kind: 'annual_rate', rate: 7.5 }, 'annual_rate')).toBe('value');
    expect(defaultAnnualTargetBasis({ kind: 'annual_rate', rate: 7.5 }, 'cumulative_reduction')).toBe('value');
    expect(defaultAnnualTargetBasis({ kind: 'level', value: 5500 }, 'level')).toBe('value');
  });
});
