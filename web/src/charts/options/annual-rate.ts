import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
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
 * Chart of an indicator whose yearly values are themselves rates (annual_rate: 年均7.5左右;
 * cumulative_reduction: yearly cuts adding up to a five-year cut): one bar per year against the
 * target rate line (or the even annual cut) and its tolerance band. The baseline year's bar is grey; a
 * year's own target (年度目标) is a short bar across its bar.
 */
export function buildAnnualRateOption(input: IndicatorChartInput): ChartOption {
  const { locale, unit, t } = input;
  const { points, baseline, target, kind } = input.trajectory;
  const baseLabel = baselineText(input);

  const lineName = kind === 'cumulative_reduction' ? t('chart.evenCut') : t('chart.targetRate');
  const targetLine =
    target.value === null
      ? {}
      : {
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { color: COLOURS.target, type: 'dashed' as const, width: 2 },
            label: {
              formatter: `${lineName} ${withUnit(formatNumber(target.value, locale), unit)}`,
              position: 'insideEndTop' as const,
            },
            data: [{ yAxis: target.value }],
          },
        };

  const series: (BarSeriesOption | LineSeriesOption)[] = [
    {
      type: 'bar',
      name: t('chart.yearlyRate'),
      data: points.map((p) => {
        if (p.actual === null) return null;
        if (p.year === baseline.year) {
          return {
            value: p.actual,
            tip: [labelValue(t('chart.baseline'), withUnit(baseLabel ?? formatNumber(p.actual, locale), unit), t)],
            itemStyle: { color: COLOURS.baseline },
          };
        }
        const detail = detailOf(input.values, p.year);
        return {
          value: p.actual,
          tip: tipLines(t('chart.yearlyRate'), valueText(p.actual, detail, locale), detail, input),
        };
      }),
      itemStyle: { color: COLOURS.actual },
      barMaxWidth: 32,
      // Pending bars sit on the same slot as the counted ones, so a correction shows over what it corrects.
      barGap: '-100%',
      ...targetLine,
      ...bandArea(input),
    },
  ];

  if (points.some((p) => p.pending !== null)) {
    series.push({
      type: 'bar',
      name: t('chart.pending'),
      data: points.map((p) => {
        if (p.pending === null) return null;
        const detail = detailOf(input.pendingValues, p.year);
        return {
          value: p.pending,
          tip: tipLines(t('chart.pending'), valueText(p.pending, detail, locale), detail, input),
        };
      }),
      itemStyle: { color: 'transparent', borderColor: COLOURS.actual, borderType: 'dashed', borderWidth: 2 },
      barMaxWidth: 32,
      barGap: '-100%',
    });
  }

  series.push(...annualTargetSeries(input));

  return {
    ...frame(input),
    yAxis: { type: 'value', name: unit, nameTextStyle: { align: 'left' } },
    tooltip: { trigger: 'axis', confine: true, axisPointer: { type: 'shadow' }, formatter: formatTooltip },
    series,
  };
}
