import type { Trajectory } from '@gz/shared';
import { describe, expect, test } from 'vitest';
import { pointDetails } from '../../web/src/charts/options/point-details.ts';

/*
 * The chart reads tooltips, pending values and yearly targets from the trajectory's points alone (#15 item 2).
 * GDP as the seeded plan gives it, with a pending 2023 value 约4606.2 (comparable growth 5.3 %).
 */
const SOURCE_2022 = '《赣州革命老区高质量发展示范区发展规划》第一章：2022年总量达4524亿元';
const WORK_REPORT = '2023年赣州市政府工作报告：主要预期目标是：GDP增长 7.5%左右';

const GDP: Trajectory = {
  kind: 'level',
  direction: 1,
  baseline: { year: 2021, value: 4169.4, derived: false },
  targetYear: 2025,
  target: { value: 5500, lower: null, upper: null },
  points: [
    { year: 2021, expected: 4169.4, actual: 4169.4, pending: null, annualTarget: null, countedValue: null },
    {
      year: 2022,
      expected: 4502.05,
      actual: 4524,
      pending: null,
      annualTarget: null,
      annualTargetSet: null,
      countedValue: {
        revisionId: 1,
        valueText: '4524',
        qualifier: null,
        displayText: '4524',
        growthRateText: null,
        dataStatus: 'preliminary',
        source: SOURCE_2022,
        reviewState: 'approved',
      },
      pendingValue: null,
    },
    {
      year: 2023,
      expected: 4834.7,
      actual: null,
      pending: 4606.2,
      annualTarget: 4863.3,
      annualTargetSet: {
        spec: { kind: 'annual_rate', rate: 7.5 },
        text: '增长7.5%左右',
        source: WORK_REPORT,
        basis: 'growth',
      },
      countedValue: null,
      pendingValue: {
        revisionId: 9,
        valueText: '4606.2',
        qualifier: 'approx',
        displayText: '约4606.2',
        growthRateText: '5.3',
        dataStatus: 'preliminary',
        source: '2023年统计公报',
        reviewState: 'pending',
      },
    },
    { year: 2024, expected: 5167.35, actual: null, pending: null },
    { year: 2025, expected: 5500, actual: null, pending: null },
  ],
};

describe('pointDetails', () => {
  test('values, pending values and yearly targets come from the points, by year, as published', () => {
    expect(pointDetails(GDP)).toStrictEqual({
      values: [
        {
          year: 2022,
          valueText: '4524',
          source: SOURCE_2022,
          dataStatus: 'preliminary',
          qualifier: null,
          growthRateText: null,
        },
      ],
      pendingValues: [
        {
          year: 2023,
          valueText: '4606.2',
          source: '2023年统计公报',
          dataStatus: 'preliminary',
          qualifier: 'approx',
          growthRateText: '5.3',
        },
      ],
      annualTargets: [
        {
          year: 2023,
          spec: { kind: 'annual_rate', rate: 7.5 },
          text: '增长7.5%左右',
          source: WORK_REPORT,
          basis: 'growth',
        },
      ],
    });
  });

  test('a trajectory without the fields (an older reply) gives no details, never an error', () => {
    const bare: Trajectory = {
      ...GDP,
      points: GDP.points.map(({ year, expected, actual, pending }) => ({ year, expected, actual, pending })),
    };
    expect(pointDetails(bare)).toStrictEqual({ values: [], pendingValues: [], annualTargets: [] });
  });
});
