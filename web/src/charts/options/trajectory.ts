import type { LineSeriesOption } from 'echarts/charts';
import { formatNumber, withUnit } from '../../format/number.ts';
import {
  annualTargetSeries,
  bandArea,
  baselineText,
  COLOURS,
  detailOf,
  formatTooltip,
  frame,
  labelValue,
  tipLines,
  valueText,
  type ChartOption,
  type IndicatorChartInput,
} from './common.ts';

/**
 * Target-vs-actual chart of a level-like indicator (level, approx, floor, maintain, qualitative,
 * assigned, none): the baseline point, the plan's expected path (dashed), the counted values (solid),
 * values awaiting review (hollow), the target as a marker at the target year or a band, and the yearly
 * targets (年度目标) as short bars at their years.
 */
export function buildTrajectoryOption(input: IndicatorChartInput): ChartOption {
  const { locale, unit, t } = input;
  const { points, baseline, target, kind, targetYear } = input.trajectory;
  const isBaseline = (year: number) => year === baseline.year;

  const series: LineSeriesOption[] = [];

  const baseLabel = baselineText(input);
  const baseValue = baseline.value;
  if (baseValue !== null && baseLabel !== null) {
    const tip = [labelValue(t('chart.baseline'), withUnit(baseLabel, unit), t)];
    if (baseline.derived) tip.push(t('detail.derivedBaseline'));
    series.push({
      type: 'line',
      name: t('chart.baseline'),
      data: points.map((p) => (isBaseline(p.year) ? { value: baseValue, tip } : null)),
      symbol: 'rect',
      symbolSize: 10,
      itemStyle: { color: COLOURS.baseline },
      z: 4,
    });
  }

  series.push({
    type: 'line',
    name: t('chart.actual'),
    data: points.map((p) => {
      if (p.actual === null) return null;
      // The baseline series already marks and explains the first point; the line only starts there.
      if (isBaseline(p.year)) return { value: p.actual, tip: [], symbol: 'none' };
      const detail = detailOf(input.values, p.year);
      return { value: p.actual, tip: tipLines(t('chart.actual'), valueText(p.actual, detail, locale), detail, input) };
    }),
    connectNulls: true,
    symbol: 'circle',
    symbolSize: 8,
    lineStyle: { width: 2.5, color: COLOURS.actual },
    itemStyle: { color: COLOURS.actual },
    z: 3,
    ...bandArea(input),
  });

  if (points.some((p) => p.pending !== null)) {
    series.push({
      type: 'line',
      name: t('chart.pending'),
      data: points.map((p) => {
        if (p.pending === null) return null;
        const detail = detailOf(input.pendingValues, p.year);
        return {
          value: p.pending,
          tip: tipLines(t('chart.pending'), valueText(p.pending, detail, locale), detail, input),
        };
      }),
      symbol: 'emptyCircle',
      symbolSize: 10,
      lineStyle: { opacity: 0 },
      itemStyle: { color: COLOURS.actual, borderWidth: 2 },
      z: 5,
    });
  }

  if (points.some((p) => p.expected !== null)) {
    // For a floor the "expected path" is the floor itself, and it is called what it is.
    const name = kind === 'floor' ? t('chart.floor') : t('chart.expected');
    series.push({
      type: 'line',
      name,
      data: points.map((p) => {
        if (p.expected === null) return null;
        const tip = isBaseline(p.year) ? [] : [labelValue(name, withUnit(formatNumber(p.expected, locale), unit), t)];
        return { value: p.expected, tip };
      }),
      connectNulls: true,
      symbol: 'none',
      lineStyle: { type: 'dashed', width: 2, color: COLOURS.expected },
      itemStyle: { color: COLOURS.expected },
      z: 2,
    });
  }

  // A qualitative target's reference value is the baseline itself: its band says more than a marker.
  const targetValue = target.value;
  if (targetValue !== null && kind !== 'qualitative') {
    const tip = [labelValue(t('chart.target'), withUnit(formatNumber(targetValue, locale), unit), t)];
    if (target.lower !== null && target.upper !== null) {
      tip.push(
        labelValue(
          t('chart.targetBand'),
          withUnit(`${formatNumber(target.lower, locale)}–${formatNumber(target.upper, locale)}`, unit),
          t,
        ),
      );
    }
    series.push({
      type: 'line',
      name: t('chart.target'),
      data: points.map((p) => (p.year === targetYear ? { value: targetValue, tip } : null)),
      symbol: 'diamond',
      symbolSize: 16,
      itemStyle: { color: COLOURS.target },
      z: 6,
    });
  }

  series.push(...annualTargetSeries(input));

  return {
    ...frame(input),
    yAxis: { type: 'value', name: unit, scale: true, nameTextStyle: { align: 'left' } },
    tooltip: { trigger: 'axis', confine: true, formatter: formatTooltip },
    series,
  };
}
