import type { Trajectory } from '@gz/shared';
import { describe, expect, test } from 'vitest';
import { buildAnnualRateOption } from '../../web/src/charts/options/annual-rate.ts';
import {
  type AnnualTargetDetail,
  formatTooltip,
  type IndicatorChartInput,
} from '../../web/src/charts/options/common.ts';
import { describeIndicatorChart } from '../../web/src/charts/options/describe.ts';
import { buildIndicatorChartOption } from '../../web/src/charts/options/indicator-chart.ts';
import { buildTrajectoryOption } from '../../web/src/charts/options/trajectory.ts';
import { en } from '../../web/src/i18n/en.ts';
import { translatorFor } from '../../web/src/i18n/translator.ts';
import { zhCN } from '../../web/src/i18n/zh-CN.ts';

/*
 * The chart option builders are pure: a trajectory as the API sends it in, a plain ECharts option
 * out. Expectations are written out by hand, whole, so any change to what a leader sees on the
 * chart shows up here.
 */

const TEXTS = { 'zh-CN': translatorFor('zh-CN', zhCN), en: translatorFor('en', en) } as const;
/** The language of a chart: its locale and i18next's `t` over that language's dictionary. */
const inLocale = (locale: 'zh-CN' | 'en') => ({ locale, t: TEXTS[locale] });

const SOURCE = '《赣州革命老区高质量发展示范区发展规划》第一章：2022年总量达4524亿元';

/** GDP as the plan table and the plan's own 2022 figure give it: 4169.4 (2021) → 5500 (2025), 4524 in 2022. */
const GDP: Trajectory = {
  kind: 'level',
  direction: 1,
  baseline: { year: 2021, value: 4169.4, derived: false },
  targetYear: 2025,
  target: { value: 5500, lower: null, upper: null },
  points: [
    { year: 2021, expected: 4169.4, actual: 4169.4, pending: null },
    { year: 2022, expected: 4502.05, actual: 4524, pending: null },
    { year: 2023, expected: 4834.7, actual: null, pending: null },
    { year: 2024, expected: 5167.35, actual: null, pending: null },
    { year: 2025, expected: 5500, actual: null, pending: null },
  ],
};

const gdpInput = (overrides: Partial<IndicatorChartInput> = {}): IndicatorChartInput => ({
  name: 'GDP',
  unit: '亿元',
  targetText: '5500',
  baselineText: '4169.4',
  trajectory: GDP,
  values: [{ year: 2022, valueText: '4524', source: SOURCE, dataStatus: 'preliminary' }],
  pendingValues: [],
  annualTargets: [],
  ...inLocale('zh-CN'),
  ...overrides,
});

const FRAME = {
  legend: { top: 0, type: 'scroll' },
  grid: { left: 8, right: 16, top: 64, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
  xAxis: { type: 'category', data: ['2021', '2022', '2023', '2024', '2025'], axisTick: { alignWithLabel: true } },
};

describe('buildTrajectoryOption', () => {
  test('GDP: baseline point, dashed expected path, solid actual line and the target marker', () => {
    expect(buildTrajectoryOption(gdpInput())).toStrictEqual({
      ...FRAME,
      yAxis: { type: 'value', name: '亿元', scale: true, nameTextStyle: { align: 'left' } },
      tooltip: { trigger: 'axis', confine: true, formatter: formatTooltip },
      series: [
        {
          type: 'line',
          name: '基期值',
          data: [{ value: 4169.4, tip: ['基期值：4,169.4 亿元'] }, null, null, null, null],
          symbol: 'rect',
          symbolSize: 10,
          itemStyle: { color: '#595959' },
          z: 4,
        },
        {
          type: 'line',
          name: '实际值',
          data: [
            { value: 4169.4, tip: [], symbol: 'none' },
            { value: 4524, tip: ['实际值：4,524 亿元', `来源：${SOURCE}`, '数据状态：初步核算'] },
            null,
            null,
            null,
          ],
          connectNulls: true,
          symbol: 'circle',
          symbolSize: 8,
          lineStyle: { width: 2.5, color: '#1f5fa8' },
          itemStyle: { color: '#1f5fa8' },
          z: 3,
        },
        {
          type: 'line',
          name: '预期路径',
          data: [
            { value: 4169.4, tip: [] },
            { value: 4502.05, tip: ['预期路径：4,502.05 亿元'] },
            { value: 4834.7, tip: ['预期路径：4,834.7 亿元'] },
            { value: 5167.35, tip: ['预期路径：5,167.35 亿元'] },
            { value: 5500, tip: ['预期路径：5,500 亿元'] },
          ],
          connectNulls: true,
          symbol: 'none',
          lineStyle: { type: 'dashed', width: 2, color: '#8c8c8c' },
          itemStyle: { color: '#8c8c8c' },
          z: 2,
        },
        {
          type: 'line',
          name: '目标值',
          data: [null, null, null, null, { value: 5500, tip: ['目标值：5,500 亿元'] }],
          symbol: 'diamond',
          symbolSize: 16,
          itemStyle: { color: '#d4380d' },
          z: 6,
        },
      ],
    });
  });

  test('a pending value is a separate hollow series with its own tooltip, in English', () => {
    const trajectory: Trajectory = {
      ...GDP,
      points: GDP.points.map((p) => (p.year === 2023 ? { ...p, pending: 4890.5 } : p)),
    };
    const option = buildTrajectoryOption(
      gdpInput({
        trajectory,
        ...inLocale('en'),
        pendingValues: [{ year: 2023, valueText: '4890.50', source: '2023年统计公报', dataStatus: 'preliminary' }],
      }),
    );
    expect(option.series).toContainEqual({
      type: 'line',
      name: 'Pending review',
      data: [
        null,
        null,
        { value: 4890.5, tip: ['Pending review: 4,890.50 亿元', 'Source: 2023年统计公报', 'Data status: Preliminary'] },
        null,
        null,
      ],
      symbol: 'emptyCircle',
      symbolSize: 10,
      lineStyle: { opacity: 0 },
      itemStyle: { color: '#1f5fa8', borderWidth: 2 },
      z: 5,
    });
    expect((option.series as { name: string }[]).map((s) => s.name)).toEqual([
      'Baseline',
      'Actual',
      'Pending review',
      'Expected path',
      'Target',
    ]);
  });

  test('an approx target (粮食综合生产能力 52左右) gets its tolerance band on the actual series and in the target tooltip', () => {
    const option = buildTrajectoryOption({
      name: '粮食综合生产能力',
      unit: '亿斤',
      targetText: '52左右',
      baselineText: '51.7',
      trajectory: {
        kind: 'approx',
        direction: 1,
        baseline: { year: 2021, value: 51.7, derived: false },
        targetYear: 2025,
        target: { value: 52, lower: 50.96, upper: 53.04 },
        points: [
          { year: 2021, expected: 51.7, actual: 51.7, pending: null },
          { year: 2022, expected: 51.775, actual: null, pending: null },
          { year: 2023, expected: 51.85, actual: null, pending: null },
          { year: 2024, expected: 51.925, actual: null, pending: null },
          { year: 2025, expected: 52, actual: null, pending: null },
        ],
      },
      values: [],
      pendingValues: [],
      annualTargets: [],
      ...inLocale('zh-CN'),
    });
    const series = option.series as Record<string, unknown>[];
    expect(series[1]?.markArea).toStrictEqual({
      silent: true,
      itemStyle: { color: 'rgba(212, 56, 13, 0.10)' },
      data: [[{ yAxis: 50.96, name: '目标区间' }, { yAxis: 53.04 }]],
      label: { show: false },
    });
    expect(series[3]).toStrictEqual({
      type: 'line',
      name: '目标值',
      data: [null, null, null, null, { value: 52, tip: ['目标值：52 亿斤', '目标区间：50.96–53.04 亿斤'] }],
      symbol: 'diamond',
      symbolSize: 16,
      itemStyle: { color: '#d4380d' },
      z: 6,
    });
  });

  test('a qualitative target shows no target marker and an indicator without one no expected path', () => {
    const points = [
      { year: 2021, expected: null, actual: 114, pending: null },
      { year: 2022, expected: null, actual: null, pending: null },
    ];
    const option = buildTrajectoryOption({
      ...gdpInput(),
      name: '省级及以上革命文物保护单位',
      unit: '个',
      targetText: '稳中有升',
      baselineText: '114',
      values: [],
      trajectory: {
        kind: 'qualitative',
        direction: 1,
        baseline: { year: 2021, value: 114, derived: false },
        targetYear: 2025,
        target: { value: 114, lower: null, upper: null },
        points,
      },
    });
    expect((option.series as { name: string }[]).map((s) => s.name)).toEqual(['基期值', '实际值']);
  });
});

describe('buildAnnualRateOption', () => {
  // 规模以上工业增加值增速, target 年均7.5左右 (tolerance 0.5 points). The 2022 and 2023 rates are test data.
  const RATE: Trajectory = {
    kind: 'annual_rate',
    direction: 1,
    baseline: { year: 2021, value: 11.6, derived: false },
    targetYear: 2025,
    target: { value: 7.5, lower: 7, upper: 8 },
    points: [
      { year: 2021, expected: null, actual: 11.6, pending: null },
      { year: 2022, expected: 7.5, actual: 7.9, pending: null },
      { year: 2023, expected: 7.5, actual: null, pending: 6.8 },
      { year: 2024, expected: 7.5, actual: null, pending: null },
      { year: 2025, expected: 7.5, actual: null, pending: null },
    ],
  };
  const input: IndicatorChartInput = {
    name: '规模以上工业增加值增速',
    unit: '%',
    targetText: '年均7.5左右',
    baselineText: '11.6',
    trajectory: RATE,
    values: [{ year: 2022, valueText: '7.9', source: '统计公报', dataStatus: 'final' }],
    pendingValues: [{ year: 2023, valueText: '6.8', source: '统计快报', dataStatus: 'preliminary' }],
    annualTargets: [],
    ...inLocale('zh-CN'),
  };

  test('yearly rates as bars against the target rate line and band; the baseline bar grey, pending bars hollow', () => {
    expect(buildAnnualRateOption(input)).toStrictEqual({
      ...FRAME,
      yAxis: { type: 'value', name: '%', nameTextStyle: { align: 'left' } },
      tooltip: { trigger: 'axis', confine: true, axisPointer: { type: 'shadow' }, formatter: formatTooltip },
      series: [
        {
          type: 'bar',
          name: '年度值',
          data: [
            { value: 11.6, tip: ['基期值：11.6%'], itemStyle: { color: '#595959' } },
            { value: 7.9, tip: ['年度值：7.9%', '来源：统计公报', '数据状态：最终核实'] },
            null,
            null,
            null,
          ],
          itemStyle: { color: '#1f5fa8' },
          barMaxWidth: 32,
          barGap: '-100%',
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { color: '#d4380d', type: 'dashed', width: 2 },
            label: { formatter: '目标增速 7.5%', position: 'insideEndTop' },
            data: [{ yAxis: 7.5 }],
          },
          markArea: {
            silent: true,
            itemStyle: { color: 'rgba(212, 56, 13, 0.10)' },
            data: [[{ yAxis: 7, name: '目标区间' }, { yAxis: 8 }]],
            label: { show: false },
          },
        },
        {
          type: 'bar',
          name: '待审核',
          data: [null, null, { value: 6.8, tip: ['待审核：6.8%', '来源：统计快报', '数据状态：初步核算'] }, null, null],
          itemStyle: { color: 'transparent', borderColor: '#1f5fa8', borderType: 'dashed', borderWidth: 2 },
          barMaxWidth: 32,
          barGap: '-100%',
        },
      ],
    });
  });

  test('buildIndicatorChartOption picks the chart by target kind', () => {
    expect(buildIndicatorChartOption(input)).toStrictEqual(buildAnnualRateOption(input));
    expect(buildIndicatorChartOption(gdpInput())).toStrictEqual(buildTrajectoryOption(gdpInput()));
  });
});

describe('formatTooltip', () => {
  test('the year, then every visible point’s lines; text is escaped, never read as HTML', () => {
    const html = formatTooltip([
      { axisValueLabel: '2022', data: { value: 4524, tip: ['实际值：4,524 亿元', '来源：<统计公报> & "快报"'] } },
      { axisValueLabel: '2022', data: null },
      { axisValueLabel: '2022', data: { value: 4502.05, tip: ['预期路径：4,502.05 亿元'] } },
    ]);
    expect(html).toBe(
      '2022<br/>实际值：4,524 亿元<br/>来源：&lt;统计公报&gt; &amp; &quot;快报&quot;<br/>预期路径：4,502.05 亿元',
    );
  });
});

describe('describeIndicatorChart (the chart’s aria-label)', () => {
  test.each([
    [
      'zh-CN',
      '基本符合预期',
      'GDP（亿元）：基期2021年4,169.4，2025年目标“5500”；最新2022年4,524，较上期上升。进展：基本符合预期。',
    ],
    [
      'en',
      'On track',
      'GDP (亿元): baseline 4,169.4 in 2021, target “5500” by 2025; latest 4,524 in 2022, up from the previous value. Progress: On track.',
    ],
  ] as const)('%s', (locale, status, expected) => {
    expect(describeIndicatorChart(gdpInput(inLocale(locale)), status)).toBe(expected);
  });

  test('without values after the baseline it says so', () => {
    const trajectory = { ...GDP, points: GDP.points.map((p) => (p.year === 2022 ? { ...p, actual: null } : p)) };
    expect(describeIndicatorChart(gdpInput({ trajectory, values: [] }), '数据不足')).toBe(
      'GDP（亿元）：基期2021年4,169.4，2025年目标“5500”；尚无实际值。进展：数据不足。',
    );
  });

  test('a rate indicator lists its yearly values', () => {
    const input: IndicatorChartInput = {
      ...gdpInput(),
      name: '规模以上工业增加值增速',
      unit: '%',
      targetText: '年均7.5左右',
      baselineText: '11.6',
      values: [{ year: 2022, valueText: '7.9', source: '统计公报', dataStatus: 'final' }],
      trajectory: {
        kind: 'annual_rate',
        direction: 1,
        baseline: { year: 2021, value: 11.6, derived: false },
        targetYear: 2025,
        target: { value: 7.5, lower: 7, upper: 8 },
        points: [
          { year: 2021, expected: null, actual: 11.6, pending: null },
          { year: 2022, expected: 7.5, actual: 7.9, pending: null },
        ],
      },
    };
    expect(describeIndicatorChart(input, '基本符合预期')).toBe(
      '规模以上工业增加值增速（%）：目标年均7.5左右；各年数值 2022年 7.9%。进展：基本符合预期。',
    );
  });
});

describe('yearly targets (年度目标) on the chart', () => {
  // The 2023 work report: "GDP增长7.5%左右". GDP is recorded in 亿元, so the target is a growth over 2022's 4524:
  // the API places it at 4524 × 1.075 = 4863.3, and the tooltip says how that figure came about.
  const GDP_2023: AnnualTargetDetail = {
    year: 2023,
    spec: { kind: 'annual_rate', rate: 7.5 },
    text: '增长7.5%左右',
    source: '2023年赣州市政府工作报告',
    basis: 'growth',
  };
  const withGdpTarget: Trajectory = {
    ...GDP,
    points: GDP.points.map((p) => ({ ...p, annualTarget: p.year === 2023 ? 4863.3 : null })),
  };

  test('a growth target on a level indicator: a short bar at the level it means, its wording, basis and source in the tooltip', () => {
    const option = buildTrajectoryOption(gdpInput({ trajectory: withGdpTarget, annualTargets: [GDP_2023] }));
    const series = option.series as Record<string, unknown>[];
    expect(series.map((s) => s.name)).toEqual(['基期值', '实际值', '预期路径', '目标值', '年度目标']);
    expect(series[4]).toStrictEqual({
      type: 'line',
      name: '年度目标',
      data: [
        null,
        null,
        {
          value: 4863.3,
          tip: ['年度目标：增长7.5%左右', '按上年值增长7.5%折算：4,863.3 亿元', '来源：2023年赣州市政府工作报告'],
        },
        null,
        null,
      ],
      symbol: 'rect',
      symbolSize: [28, 5],
      lineStyle: { opacity: 0 },
      itemStyle: { color: '#d48806' },
      z: 7,
    });
    // The rest of the chart is what it is without the yearly target.
    expect(series.slice(0, 4)).toStrictEqual(buildTrajectoryOption(gdpInput()).series);
    expect(formatTooltip([{ axisValueLabel: '2023', data: (series[4]?.data as unknown[] | undefined)?.[2] }])).toBe(
      '2023<br/>年度目标：增长7.5%左右<br/>按上年值增长7.5%折算：4,863.3 亿元<br/>来源：2023年赣州市政府工作报告',
    );
  });

  test('in English; and before the targets themselves have loaded, the bar says only its figure', () => {
    const english = buildTrajectoryOption(
      gdpInput({ trajectory: withGdpTarget, annualTargets: [GDP_2023], ...inLocale('en') }),
    );
    expect((english.series as Record<string, unknown>[])[4]?.data).toStrictEqual([
      null,
      null,
      {
        value: 4863.3,
        tip: [
          'Yearly target: 增长7.5%左右',
          'Previous year grown by 7.5%: 4,863.3 亿元',
          'Source: 2023年赣州市政府工作报告',
        ],
      },
      null,
      null,
    ]);
    const bare = buildTrajectoryOption(gdpInput({ trajectory: withGdpTarget }));
    expect((bare.series as Record<string, unknown>[])[4]?.data).toStrictEqual([
      null,
      null,
      { value: 4863.3, tip: ['年度目标：4,863.3 亿元'] },
      null,
      null,
    ]);
  });

  test('a rate indicator’s target for a year (规模以上工业增加值增长8.5%以上) sits across that year’s bar, on the rate axis', () => {
    const trajectory: Trajectory = {
      kind: 'annual_rate',
      direction: 1,
      baseline: { year: 2021, value: 11.6, derived: false },
      targetYear: 2025,
      target: { value: 7.5, lower: 7, upper: 8 },
      points: [
        { year: 2021, expected: null, actual: 11.6, pending: null, annualTarget: null },
        { year: 2022, expected: 7.5, actual: 7.9, pending: null, annualTarget: null },
        { year: 2023, expected: 7.5, actual: null, pending: null, annualTarget: 8.5 },
        { year: 2024, expected: 7.5, actual: null, pending: null, annualTarget: null },
        { year: 2025, expected: 7.5, actual: null, pending: null, annualTarget: null },
      ],
    };
    const option = buildAnnualRateOption({
      name: '规模以上工业增加值增速',
      unit: '%',
      targetText: '年均7.5左右',
      baselineText: '11.6',
      trajectory,
      values: [],
      pendingValues: [],
      annualTargets: [
        {
          year: 2023,
          spec: { kind: 'annual_rate', rate: 8.5, tolerance: 0 },
          text: '增长8.5%以上',
          source: '2023年赣州市政府工作报告',
          basis: 'value',
        },
      ],
      ...inLocale('zh-CN'),
    });
    const series = option.series as Record<string, unknown>[];
    expect(series.map((s) => [s.type, s.name])).toEqual([
      ['bar', '年度值'],
      ['line', '年度目标'],
    ]);
    expect(series[1]).toStrictEqual({
      type: 'line',
      name: '年度目标',
      data: [null, null, { value: 8.5, tip: ['年度目标：增长8.5%以上', '来源：2023年赣州市政府工作报告'] }, null, null],
      symbol: 'rect',
      symbolSize: [28, 5],
      lineStyle: { opacity: 0 },
      itemStyle: { color: '#d48806' },
      z: 7,
    });
  });

  test('the aria-label names the yearly targets after the status, in year order', () => {
    const other: AnnualTargetDetail = {
      ...GDP_2023,
      year: 2024,
      text: '增长7%左右',
      spec: { kind: 'annual_rate', rate: 7 },
    };
    const input = gdpInput({ trajectory: withGdpTarget, annualTargets: [other, GDP_2023] });
    expect(describeIndicatorChart(input, '基本符合预期')).toBe(
      'GDP（亿元）：基期2021年4,169.4，2025年目标“5500”；最新2022年4,524，较上期上升。进展：基本符合预期。年度目标：2023年“增长7.5%左右”、2024年“增长7%左右”。',
    );
    expect(describeIndicatorChart({ ...input, ...inLocale('en') }, 'On track')).toBe(
      'GDP (亿元): baseline 4,169.4 in 2021, target “5500” by 2025; latest 4,524 in 2022, up from the previous value. Progress: On track. Yearly targets: 2023 “增长7.5%左右”, 2024 “增长7%左右”.',
    );
  });
});
