import { isRateKind } from '@gz/shared';
import { formatNumber, MISSING, withUnit } from '../../format/number.ts';
import { fill, MESSAGES } from '../../i18n/messages.ts';
import { annualTargetWording, baselineText, detailOf, valueText, type IndicatorChartInput } from './common.ts';

/**
 * The chart in one or two sentences, for its aria-label (screen readers, and anyone the canvas fails):
 * baseline, target, the latest value and which way it moved, the status, then the yearly targets if any.
 */
export function describeIndicatorChart(input: IndicatorChartInput, statusLabel: string): string {
  return describeProgress(input, statusLabel) + describeAnnualTargets(input);
}

/** "年度目标：2023年“增长7.5%左右”。", or nothing when no year has a target of its own. */
function describeAnnualTargets(input: IndicatorChartInput): string {
  if (input.annualTargets.length === 0) return '';
  const messages = MESSAGES[input.locale];
  const separator = input.locale === 'en' ? ', ' : '、';
  const targets = [...input.annualTargets]
    .sort((a, b) => a.year - b.year)
    .map((a) => fill(messages.chart.summaryAnnualItem, { year: a.year, text: annualTargetWording(a) }));
  return fill(messages.chart.summaryAnnual, { targets: targets.join(separator) });
}

function describeProgress(input: IndicatorChartInput, statusLabel: string): string {
  const messages = MESSAGES[input.locale];
  const text = messages.chart;
  const { locale, unit, name } = input;
  const { points, baseline, target, targetYear, kind } = input.trajectory;
  const counted = points.filter((p) => p.year > baseline.year && p.actual !== null);
  const shown = (year: number, value: number) => valueText(value, detailOf(input.values, year), locale);

  if (isRateKind(kind)) {
    const separator = locale === 'en' ? ', ' : '、';
    const values = counted.map(
      (p) => `${fill(messages.app.yearLabel, { year: p.year })} ${withUnit(shown(p.year, p.actual as number), unit)}`,
    );
    const targetPart =
      input.targetText ??
      (target.value === null ? text.summaryNoTarget : withUnit(formatNumber(target.value, locale), unit));
    return fill(text.summaryRate, {
      name,
      unit,
      target: targetPart,
      values: values.length ? fill(text.summaryRateValues, { values: values.join(separator) }) : text.summaryNoLatest,
      status: statusLabel,
    });
  }

  let targetPart: string = text.summaryNoTarget;
  if (input.targetText !== null)
    targetPart = fill(text.summaryTargetText, { year: targetYear, text: input.targetText });
  else if (target.value !== null)
    targetPart = fill(text.summaryTarget, { year: targetYear, value: formatNumber(target.value, locale) });

  let latestPart: string = text.summaryNoLatest;
  const last = counted.at(-1);
  if (last && last.actual !== null) {
    // The trend is against the value before it: the previous counted year, or the baseline.
    const before = counted.at(-2)?.actual ?? baseline.value;
    const trend =
      before === null || before === last.actual ? text.trendFlat : last.actual > before ? text.trendUp : text.trendDown;
    latestPart = fill(text.summaryLatest, { year: last.year, value: shown(last.year, last.actual), trend });
  }

  return fill(text.summary, {
    name,
    unit,
    baseYear: baseline.year,
    baseValue: baselineText(input) ?? MISSING,
    target: targetPart,
    latest: latestPart,
    status: statusLabel,
  });
}
