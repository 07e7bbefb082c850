/**
 * Values as published: the rendering of qualifiers and the judgement of a yearly growth target on the
 * published comparable-price rate (hand-computed; default annual-rate tolerance 0.5 percentage points).
 */
import {
  DEFAULT_THRESHOLDS,
  judgeAnnualTarget,
  parseValueQualifier,
  publishedValueText,
  type AnnualTargetRecord,
  type AnnualTargetSubject,
} from '@gz/shared';
import { describe, expect, test } from 'vitest';

describe('publishedValueText / parseValueQualifier', () => {
  test.each([
    ['10', 'at_least', '10以上'],
    ['7.5', 'about', '7.5左右'],
    ['4606.2', 'approx', '约4606.2'],
    ['3', 'at_most', '3以内'],
    ['4524', null, '4524'],
  ] as const)('%s with %s → %s', (text, qualifier, shown) => {
    expect(publishedValueText(text, qualifier)).toBe(shown);
  });

  test('codes and Chinese labels are read; a blank is none; anything else is undefined', () => {
    expect(parseValueQualifier('以上')).toBe('at_least');
    expect(parseValueQualifier(' AT_MOST ')).toBe('at_most');
    expect(parseValueQualifier('约')).toBe('approx');
    expect(parseValueQualifier('')).toBeNull();
    expect(parseValueQualifier('大约')).toBeUndefined();
  });
});

describe('a yearly growth target judged on the published growth rate', () => {
  const gdp2023: AnnualTargetRecord = {
    year: 2023,
    spec: { kind: 'annual_rate', rate: 7.5 },
    text: '增长7.5%左右',
    source: '2023年赣州市政府工作报告',
    basis: 'growth',
  };
  const subject = (values: AnnualTargetSubject['values']): AnnualTargetSubject => ({
    direction: 1,
    thresholds: DEFAULT_THRESHOLDS,
    baseline: { year: 2021, value: 4169.4 },
    values,
  });

  test('published 5.3 % against 7.5 % 左右: 5.3 − 7.5 = −2.2 points, beyond the 0.5 tolerance → not met', () => {
    const judged = judgeAnnualTarget(
      gdp2023,
      subject([
        { year: 2022, value: 4524 },
        { year: 2023, value: 4606.2, growthRate: 5.3 },
      ]),
    );
    expect(judged).toMatchObject({ status: 'not_achieved', measured: 5.3, rateSource: 'published' });
    expect(judged.explanation.zh).toBe(
      '2023年按可比价增长5.3%（公布的可比价增速），年度目标增长7.5%左右（允许偏差0.5个百分点），未完成。',
    );
  });

  test('the tolerance edge: 7.0 % is within 0.5 of 7.5 → met; 6.9 % is not', () => {
    expect(judgeAnnualTarget(gdp2023, subject([{ year: 2023, value: 1, growthRate: 7.0 }])).status).toBe('achieved');
    expect(judgeAnnualTarget(gdp2023, subject([{ year: 2023, value: 1, growthRate: 6.9 }])).status).toBe(
      'not_achieved',
    );
  });

  test('a rebased level does not decide it: nominal 4606.2 → 5100 would be +10.72 %, the published 5.4 % is not 7.5 % 左右', () => {
    const target2024: AnnualTargetRecord = { ...gdp2023, year: 2024 };
    const values = [
      { year: 2023, value: 4606.2, growthRate: 5.3 },
      { year: 2024, value: 5100, growthRate: 5.4 },
    ];
    const judged = judgeAnnualTarget(target2024, subject(values));
    expect(judged).toMatchObject({ status: 'not_achieved', measured: 5.4, rateSource: 'published' });
    // without the published rate the nominal levels are used, as before: (5100 / 4606.2 − 1) × 100 = 10.7203…
    const nominal = judgeAnnualTarget(target2024, subject(values.map(({ year, value }) => ({ year, value }))));
    expect(nominal).toMatchObject({ status: 'achieved', rateSource: 'computed' });
    expect(nominal.measured).toBeCloseTo(10.7203, 4);
  });

  test('a published rate needs no previous year', () => {
    expect(judgeAnnualTarget(gdp2023, subject([{ year: 2023, value: 4606.2, growthRate: 8 }]))).toMatchObject({
      status: 'achieved',
      measured: 8,
    });
  });
});
