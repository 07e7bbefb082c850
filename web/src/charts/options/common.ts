import {
  type AnnualTarget,
  type Observation,
  publishedValueText,
  type Trajectory,
  targetSpecWording,
} from '@gz/shared';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  MarkAreaComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { formatDecimalText, formatNumber, withUnit, type Locale } from '../../format/number.ts';
import { MESSAGES, fill } from '../../i18n/messages.ts';

/** The option shape of every chart here: exactly the parts registered in ../echarts.ts. */
export type ChartOption = ComposeOption<
  | LineSeriesOption
  | BarSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
  | MarkAreaComponentOption
  | MarkLineComponentOption
>;

/** What a tooltip says about one value besides the number. */
export type ValueDetail = Pick<Observation, 'year' | 'valueText' | 'source' | 'dataStatus'> &
  Partial<Pick<Observation, 'qualifier' | 'growthRateText'>>;

/** A yearly target (年度目标) as the chart tells it: its wording, source and what it is compared with. */
export type AnnualTargetDetail = Pick<AnnualTarget, 'year' | 'spec' | 'text' | 'source' | 'basis'>;

/** Everything a chart of one indicator is built from; all of it comes from the API as is. */
export interface IndicatorChartInput {
  name: string;
  unit: string;
  /** the target as the plan writes it ("52左右"); null when the plan leaves it blank */
  targetText: string | null;
  /** the baseline as the plan prints it; null when blank (the trajectory may derive one) */
  baselineText: string | null;
  trajectory: Trajectory;
  /** counted (approved) values, for their text, source and data status in the tooltips */
  values: readonly ValueDetail[];
  /** values awaiting review, drawn hollow; empty when they are not shown */
  pendingValues: readonly ValueDetail[];
  /** the yearly targets in force, for their wording and source (their positions come with the trajectory) */
  annualTargets: readonly AnnualTargetDetail[];
  locale: Locale;
}

/** Palette: the actual figure stands out, the plan's path and target recede, the baseline is neutral. */
export const COLOURS = {
  actual: '#1f5fa8',
  expected: '#8c8c8c',
  baseline: '#595959',
  target: '#d4380d',
  band: 'rgba(212, 56, 13, 0.10)',
  annualTarget: '#d48806',
} as const;

/** A data point that carries its own tooltip lines (read back by {@link formatTooltip}). */
interface TipDataItem {
  value: number;
  tip: string[];
}

/** The lines of one series point in a tooltip: label and value, then source and data status when known. */
export function tipLines(
  label: string,
  value: string,
  detail: ValueDetail | undefined,
  input: IndicatorChartInput,
): string[] {
  const text = MESSAGES[input.locale];
  // A value published with a qualifier (10以上) is shown with it; a published comparable growth rate beside it.
  const q = detail?.qualifier ?? null;
  const shown =
    q === null
      ? value
      : input.locale === 'en'
        ? `${value} (${text.values.qualifiers[q]})`
        : publishedValueText(value, q);
  const lines = [labelValue(label, withUnit(shown, input.unit), input.locale)];
  if (detail?.growthRateText) lines.push(fill(text.values.growthShort, { rate: detail.growthRateText }));
  if (detail) {
    lines.push(fill(text.chart.tooltipSource, { source: detail.source }));
    lines.push(fill(text.chart.tooltipStatus, { status: text.dataStatus[detail.dataStatus] }));
  }
  return lines;
}

/** "label：value" with the colon of the language. */
export function labelValue(label: string, value: string, locale: Locale): string {
  return fill(MESSAGES[locale].chart.labelValue, { label, value });
}

/** A value as entered when its text is known, else the number rounded for display. */
export function valueText(value: number, detail: ValueDetail | undefined, locale: Locale): string {
  return detail ? formatDecimalText(detail.valueText, locale) : formatNumber(value, locale);
}

/** The (effective) baseline as text: the plan's wording when the trajectory uses the plan's baseline. */
export function baselineText(input: IndicatorChartInput): string | null {
  const { baseline } = input.trajectory;
  if (baseline.value === null) return null;
  if (!baseline.derived && input.baselineText !== null) return formatDecimalText(input.baselineText, input.locale);
  return valueText(baseline.value, detailOf(input.values, baseline.year), input.locale);
}

/** Detail of a year's value, if any. */
export function detailOf(list: readonly ValueDetail[], year: number): ValueDetail | undefined {
  return list.find((v) => v.year === year);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

interface TooltipParam {
  axisValueLabel?: string;
  data?: unknown;
}

const hasTip = (data: unknown): data is TipDataItem =>
  typeof data === 'object' && data !== null && Array.isArray((data as { tip?: unknown }).tip);

/**
 * The tooltip of every chart: the year, then the lines each visible point carries. One shared
 * function (not a closure per chart) keeps the options plain data that tests can compare, and
 * escaping here keeps a source text such as "<统计公报>" from being read as HTML.
 */
export function formatTooltip(params: unknown): string {
  const list = (Array.isArray(params) ? params : [params]) as TooltipParam[];
  const header = list[0]?.axisValueLabel ?? '';
  const lines = list.flatMap((p) => (hasTip(p.data) ? p.data.tip : []));
  return [header, ...lines].map(escapeHtml).join('<br/>');
}

/** Shared frame: legend on top (scrolls on phones) clear of the unit above the y axis; axis labels inside the canvas. */
export function frame(input: IndicatorChartInput) {
  return {
    legend: { top: 0, type: 'scroll' as const },
    grid: {
      left: 8,
      right: 16,
      top: 64,
      bottom: 8,
      outerBoundsMode: 'same' as const,
      outerBoundsContain: 'axisLabel' as const,
    },
    xAxis: {
      type: 'category' as const,
      data: input.trajectory.points.map((p) => String(p.year)),
      axisTick: { alignWithLabel: true },
    },
  };
}

/** The target band (approx: X ± tol; annual rate: r ± tol; stable: x0 ± band), or nothing. */
export function bandArea(input: IndicatorChartInput): { markArea: MarkAreaComponentOption } | Record<string, never> {
  const { lower, upper } = input.trajectory.target;
  if (lower === null || upper === null) return {};
  return {
    markArea: {
      silent: true,
      itemStyle: { color: COLOURS.band },
      data: [[{ yAxis: lower, name: MESSAGES[input.locale].chart.targetBand }, { yAxis: upper }]],
      label: { show: false },
    },
  };
}

/** A yearly target's wording as its source writes it, or its figure in the plan's grammar when none was given. */
export function annualTargetWording(target: AnnualTargetDetail): string {
  return target.text ?? targetSpecWording(target.spec);
}

/** The tooltip of a year's target marker: wording; for a growth target, the level it comes to; the source. */
function annualTargetTip(year: number, value: number, input: IndicatorChartInput): string[] {
  const text = MESSAGES[input.locale].chart;
  const detail = input.annualTargets.find((a) => a.year === year);
  if (!detail)
    return [labelValue(text.annualTarget, withUnit(formatNumber(value, input.locale), input.unit), input.locale)];
  const lines = [labelValue(text.annualTarget, annualTargetWording(detail), input.locale)];
  // A growth target is drawn where the previous year's value grown by it lands; the tooltip says so.
  if (detail.basis === 'growth' && detail.spec.kind === 'annual_rate') {
    const rate = formatNumber(detail.spec.rate, input.locale);
    lines.push(
      labelValue(
        fill(text.annualTargetGrowth, { rate }),
        withUnit(formatNumber(value, input.locale), input.unit),
        input.locale,
      ),
    );
  }
  lines.push(fill(text.tooltipSource, { source: detail.source }));
  return lines;
}

/**
 * The yearly targets as a short bar at each year that has one, on the axis of the values (a growth target
 * already turned into the level it means by the API), or nothing when no year has one.
 */
export function annualTargetSeries(input: IndicatorChartInput): LineSeriesOption[] {
  const { points } = input.trajectory;
  if (!points.some((p) => p.annualTarget != null)) return [];
  return [
    {
      type: 'line',
      name: MESSAGES[input.locale].chart.annualTarget,
      data: points.map((p) =>
        p.annualTarget == null ? null : { value: p.annualTarget, tip: annualTargetTip(p.year, p.annualTarget, input) },
      ),
      symbol: 'rect',
      symbolSize: [28, 5],
      // Markers only: two years' targets are separate promises, not a path between them.
      lineStyle: { opacity: 0 },
      itemStyle: { color: COLOURS.annualTarget },
      z: 7,
    },
  ];
}
