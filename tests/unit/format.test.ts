/**
 * The one format module of @gz/shared (numbers, shares, ratios, target wording): exact, hand-computed outputs, and
 * the invariants that make "one figure for one share" hold (the web's locale form has the report's digits).
 */
import {
  DEFAULT_THRESHOLDS,
  evaluateProgress,
  formatDecimal,
  formatNumber,
  formatRate,
  formatRatio,
  formatRelativeChange,
  formatShare,
  formatSigned,
  formatValue,
  LOCALES,
  NO_FIGURE,
  SHARE_NUMBER_FORMAT,
  targetSpecWording,
  withUnit,
} from '@gz/shared';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

/** Digit grouping removed: what is left must be the plain (report) text. */
const ungrouped = (text: string) => text.replaceAll(',', '');

describe('numbers', () => {
  test.each([
    [7.17, 2, '7.17'],
    [7.1700000001, 2, '7.17'],
    [4524, 2, '4524'],
    [4834.6999, 2, '4834.7'],
    [52, 4, '52'],
    [536.86, 4, '536.86'],
    // toFixed rounds the binary value: 1.005 is 1.00499999999999989…, so "1", never "1.01".
    [1.005, 2, '1'],
    [-0.001, 2, '0'],
  ])('formatDecimal(%s, %s) = %s', (value, decimals, text) => {
    expect(formatDecimal(value, decimals)).toBe(text);
  });

  test('the locale form groups the same digits', () => {
    expect(formatDecimal(4834.7, 2, 'zh-CN')).toBe('4,834.7');
    expect(formatDecimal(1234567.891, 2, 'en')).toBe('1,234,567.89');
    expect(formatNumber(4502.049999999999, 'zh-CN')).toBe('4,502.05');
    expect(formatNumber(null, 'en')).toBe(NO_FIGURE);
    expect(formatNumber(Number.NaN, 'en')).toBe(NO_FIGURE);
  });

  test.each([
    [4169.4, '4169.4'],
    [5500, '5500'],
    [4834.69999999, '4834.7'],
    [0.123456, '0.1235'],
    [-0.5, '-0.5'],
    [Number.POSITIVE_INFINITY, '∞'],
    [Number.NEGATIVE_INFINITY, '-∞'],
  ])('formatValue(%s) = %s', (value, text) => {
    expect(formatValue(value)).toBe(text);
  });

  test('signed values and rates', () => {
    expect(formatSigned(2.5)).toBe('+2.5');
    expect(formatSigned(-1)).toBe('-1');
    expect(formatSigned(0)).toBe('0');
    expect(formatRate(7.170049)).toBe('7.17');
    expect(formatRate(5.9549)).toBe('5.95');
    expect(formatRate(13.5)).toBe('13.5');
  });

  test('a value with its unit', () => {
    expect(withUnit('4,524', '亿元')).toBe('4,524 亿元');
    expect(withUnit('7.5', '%')).toBe('7.5%');
    expect(withUnit(NO_FIGURE, '亿元')).toBe(NO_FIGURE);
  });
});

describe('shares: one figure for one share (always one decimal)', () => {
  test.each([
    [0.5, '50.0%'],
    [0.5491, '54.9%'],
    [0.24848, '24.8%'],
    [0.6, '60.0%'],
    [1, '100.0%'],
    [0, '0.0%'],
    [0.99999, '100.0%'],
  ])('formatShare(%s) = %s', (ratio, text) => {
    expect(formatShare(ratio)).toBe(text);
  });

  test('the locale form, and no figure', () => {
    expect(formatShare(0.5, 'zh-CN')).toBe('50.0%');
    expect(formatShare(12.345, 'en')).toBe('1,234.5%');
    expect(formatShare(null)).toBe(NO_FIGURE);
    expect(formatShare(Number.NaN, 'en')).toBe(NO_FIGURE);
    expect(SHARE_NUMBER_FORMAT).toBe('0.0%');
  });

  test('relative change as a signed share', () => {
    // (4524 − 4169.4) / 4169.4 = 0.085048 → +8.5%; (4169.4 − 4524) / 4524 = −0.078382 → −7.8%
    expect(formatRelativeChange(4524, 4169.4)).toBe('+8.5%');
    expect(formatRelativeChange(4169.4, 4524, 'zh-CN')).toBe('-7.8%');
    expect(formatRelativeChange(100.0001, 100)).toBe('0.0%');
    expect(formatRelativeChange(99.9999, 100)).toBe('0.0%');
    expect(formatRelativeChange(1, 0)).toBe(NO_FIGURE);
  });

  test('any share: exactly one decimal, within half a unit of the last digit, the same digits in every locale', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(...LOCALES), (ratio, locale) => {
        const plain = formatShare(ratio);
        expect(plain).toMatch(/^-?\d+\.\d%$/);
        expect(Math.abs(Number(plain.slice(0, -1)) - ratio * 100)).toBeLessThanOrEqual(0.05 + 1e-9 * Math.abs(ratio));
        expect(ungrouped(formatShare(ratio, locale))).toBe(plain);
      }),
    );
  });

  test('any number: the locale form has the plain digits', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e12, max: 1e12, noNaN: true }),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom(...LOCALES),
        (value, decimals, locale) => {
          expect(ungrouped(formatDecimal(value, decimals, locale))).toBe(formatDecimal(value, decimals));
        },
      ),
    );
  });
});

describe('ratios are cut down, never rounded up across a threshold', () => {
  test.each([
    [1.0982, '1.09'],
    [1.1, '1.10'],
    [0.9, '0.90'],
    [0.49695, '0.49'],
    [0.6, '0.60'],
  ])('formatRatio(%s) = %s', (p, text) => {
    expect(formatRatio(p)).toBe(text);
  });

  test('no figure', () => {
    expect(formatRatio(null)).toBe(NO_FIGURE);
    expect(formatRatio(Number.POSITIVE_INFINITY, 'en')).toBe(NO_FIGURE);
  });

  test('any ratio: the printed one is at most p and within 0.01 of it', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (p) => {
        const shown = Number(formatRatio(p));
        expect(shown).toBeLessThanOrEqual(p + 1e-9);
        expect(shown).toBeGreaterThan(p - 0.01 - 1e-9);
      }),
    );
  });
});

describe('target wording from a spec (targetSpecWording)', () => {
  test.each([
    [{ kind: 'annual_rate', rate: 7.5 } as const, '年均7.5'],
    [{ kind: 'approx', value: 52 } as const, '52左右'],
    [{ kind: 'cumulative_reduction', value: 13.5 } as const, '累计下降13.5'],
    [{ kind: 'level', value: 5500 } as const, '5500'],
    [{ kind: 'floor', value: 536.86 } as const, '536.86'],
    [{ kind: 'maintain', value: 100 } as const, '100'],
    [{ kind: 'qualitative', rule: 'rise' } as const, '稳中有升'],
    [{ kind: 'qualitative', rule: 'stable' } as const, '保持稳定'],
    [{ kind: 'qualitative', rule: 'stable_or_better' } as const, '量稳质升'],
    [{ kind: 'assigned' } as const, '按省下达'],
    [{ kind: 'none' } as const, NO_FIGURE],
  ])('%o → %s', (spec, text) => {
    expect(targetSpecWording(spec)).toBe(text);
  });
});

describe('the explanation prints the figures it was judged on, through the same formatters', () => {
  test('GDP 4500 in 2023: 序时进度50.0%, 完成进度24.8%, 进度比0.49', () => {
    const p = evaluateProgress({
      direction: 1,
      baseline: { year: 2021, value: 4169.4 },
      target: { kind: 'level', value: 5500 },
      targetYear: 2025,
      observations: [{ year: 2023, value: 4500 }],
      evaluationYear: 2023,
      thresholds: DEFAULT_THRESHOLDS,
    });
    // e = 2/4 = 0.5; c = (4500 − 4169.4)/(5500 − 4169.4) = 330.6/1330.6 = 0.24846; p = c/e = 0.49692
    expect(p.explanation.zh).toContain('序时进度50.0%，完成进度24.8%，进度比0.49');
    expect(p.explanation.en).toContain('elapsed 50.0%, completion 24.8%, schedule ratio 0.49');
  });

  test('any level target judged on its schedule ratio: the text shows e, c and p as the figures hold them', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2015, max: 2020 }),
        fc.integer({ min: 1, max: 4 }),
        fc.double({ min: 1, max: 1e4, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (t0, elapsedYears, x0, gain, share) => {
          const X = x0 * (1 + gain);
          const x = x0 + share * (X - x0);
          const p = evaluateProgress({
            direction: 1,
            baseline: { year: t0, value: x0 },
            target: { kind: 'level', value: X },
            targetYear: t0 + 5,
            observations: [{ year: t0 + elapsedYears, value: x }],
            evaluationYear: t0 + elapsedYears,
            thresholds: DEFAULT_THRESHOLDS,
          });
          if (p.rule !== 'level.schedule_ratio') return;
          const f = p.figures;
          expect(p.explanation.zh).toContain(
            `序时进度${formatShare(f.elapsedShare.value)}，完成进度${formatShare(f.completion.value)}，` +
              `进度比${formatRatio(f.scheduleRatio.value)}`,
          );
        },
      ),
    );
  });
});
