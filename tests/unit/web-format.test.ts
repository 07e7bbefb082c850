import { describe, expect, test } from 'vitest';
import { sparklineGeometry } from '../../web/src/charts/options/sparkline.ts';
import {
  decimalsOf,
  formatChange,
  formatDateTime,
  formatDecimalText,
  formatNumber,
  formatRatio,
  formatRelativeChange,
  formatShare,
  withUnit,
} from '../../web/src/format/number.ts';
import { pick } from '../../web/src/i18n/messages.ts';

describe('formatDecimalText keeps the value as entered, grouped for the locale', () => {
  test.each([
    ['4169.4', 'zh-CN', '4,169.4'],
    ['4524', 'zh-CN', '4,524'],
    ['1987.68', 'en', '1,987.68'],
    ['0.80', 'en', '0.80'],
    ['-3.10', 'zh-CN', '-3.10'],
    // beyond float precision: formatted from the text, not from a double
    ['12345678901234.5', 'en', '12,345,678,901,234.5'],
    ['0.1234567891', 'zh-CN', '0.1234567891'],
    // wording rather than a number is shown as it is
    ['量稳质升', 'zh-CN', '量稳质升'],
  ] as const)('%s (%s) → %s', (text, locale, expected) => {
    expect(formatDecimalText(text, locale)).toBe(expected);
  });

  test.each([
    ['4524', 0],
    ['0.80', 2],
    ['-3.105', 3],
    ['abc', 0],
  ])('decimalsOf(%s) = %i', (text, n) => {
    expect(decimalsOf(text)).toBe(n);
  });
});

describe('computed figures', () => {
  test('shares, ratios and rounded values', () => {
    expect(formatShare(0.5491, 'zh-CN')).toBe('54.9%');
    expect(formatShare(0.25, 'en')).toBe('25.0%');
    // cut down, not rounded: 1.10 would claim 快于预期's threshold next to 基本符合预期
    expect(formatRatio(1.0982, 'en')).toBe('1.09');
    expect(formatNumber(4502.049999999999, 'zh-CN')).toBe('4,502.05');
    expect(formatNumber(5500, 'en')).toBe('5,500');
  });

  test('a missing figure is a dash, never NaN', () => {
    expect(formatShare(null, 'zh-CN')).toBe('—');
    expect(formatRatio(Number.NaN, 'en')).toBe('—');
    expect(formatNumber(Number.POSITIVE_INFINITY, 'en')).toBe('—');
  });

  test('change between two entered values at the finer precision, with its sign', () => {
    expect(formatChange('4524', '4169.4', 'zh-CN')).toBe('+354.6');
    expect(formatChange('4169.4', '4524', 'en')).toBe('-354.6');
    expect(formatChange('0.80', '0.80', 'en')).toBe('0.00');
    expect(formatRelativeChange(4524, 4169.4, 'zh-CN')).toBe('+8.5%');
    expect(formatRelativeChange(1, 0, 'zh-CN')).toBe('—');
  });

  test('units: a percent sign takes no space', () => {
    expect(withUnit('7.5', '%')).toBe('7.5%');
    expect(withUnit('4,524', '亿元')).toBe('4,524 亿元');
    expect(withUnit('—', '亿元')).toBe('—');
  });

  test('dates in the user’s locale (TZ=UTC in tests)', () => {
    expect(formatDateTime('2025-03-04T09:30:00Z', 'zh-CN')).toBe('2025年3月4日 09:30');
    expect(formatDateTime('2025-03-04T09:30:00Z', 'en')).toBe('Mar 4, 2025, 9:30 AM');
    expect(formatDateTime(null, 'en')).toBe('—');
  });
});

describe('messages', () => {
  test('pick takes the side of a bilingual text for the locale', () => {
    expect(pick({ zh: '基本符合预期', en: 'On track' }, 'zh-CN')).toBe('基本符合预期');
    expect(pick({ zh: '基本符合预期', en: 'On track' }, 'en')).toBe('On track');
  });
});

describe('sparklineGeometry', () => {
  test('GDP: actual and expected share one scale across baseline to target year', () => {
    const points = [
      { year: 2021, expected: 4169.4, actual: 4169.4, pending: null },
      { year: 2022, expected: 4502.05, actual: 4524, pending: null },
      { year: 2023, expected: 4834.7, actual: null, pending: null },
      { year: 2024, expected: 5167.35, actual: null, pending: null },
      { year: 2025, expected: 5500, actual: null, pending: null },
    ];
    expect(sparklineGeometry(points, 96, 28)).toStrictEqual({
      // x: 2 + i·92/4; y: 2 + (5500 − v)·24/1330.6, to one decimal
      actual: 'M2 26 L25 19.6',
      expected: 'M2 26 L25 20 L48 14 L71 8 L94 2',
      last: { x: 25, y: 19.6 },
    });
  });

  test('a flat series sits in the middle; no values draw nothing', () => {
    const flat = [
      { year: 2021, expected: null, actual: 100, pending: null },
      { year: 2022, expected: null, actual: 100, pending: null },
    ];
    expect(sparklineGeometry(flat, 96, 28)).toStrictEqual({
      actual: 'M2 14 L94 14',
      expected: '',
      last: { x: 94, y: 14 },
    });
    expect(sparklineGeometry([{ year: 2021, expected: null, actual: null, pending: null }], 96, 28)).toStrictEqual({
      actual: '',
      expected: '',
      last: null,
    });
  });
});
