import type { Attribute } from '../schemas/common.ts';
import type { EvaluationKind, EvaluationRow, EvaluationSnapshot } from '../schemas/evaluation.ts';
import type { Indicator } from '../schemas/indicator.ts';
import type { Status } from '../schemas/progress.ts';
import type { ProgressTally } from '../schemas/summary.ts';
import { judgeAnnualTarget, type AnnualTargetRecord } from './annual-targets.ts';
import { elapsedShare } from './progress.ts';
import { formatDecimal, formatShare, NO_FIGURE, targetWording } from './report-format.ts';
import { STATUS_LABELS, type BilingualText } from './status-labels.ts';
import { summarizeProgress } from './summary.ts';

/*
 * Evaluation reports (年度 / 中期 / 终期评估): the classic table per area, the counts by evaluation class,
 * the early-warning list and a narrative drafted from the figures. Everything is built from indicators
 * already evaluated by the progress method; nothing here judges an indicator again.
 */

/** The kind of evaluation a year calls for: 终期 in the target year, 中期 in the middle year of the period, else 年度. */
export function evaluationKindOf(baselineYear: number, targetYear: number, year: number): EvaluationKind {
  if (year >= targetYear) return 'final';
  // The period runs from the year after the baseline to the target year; its middle (rounded up) is
  // the year of the mid-term evaluation: 2023 for 2021–2025 and for 2020–2025 alike.
  return year === Math.ceil((baselineYear + targetYear) / 2) ? 'midterm' : 'annual';
}

/** Labels of the evaluation kinds. */
export const EVALUATION_KIND_LABELS: Readonly<Record<EvaluationKind, BilingualText>> = {
  annual: { zh: '年度评估', en: 'Annual evaluation' },
  midterm: { zh: '中期评估', en: 'Mid-term evaluation' },
  final: { zh: '终期评估', en: 'Final evaluation' },
};

/** The title of a report, as printed on its first page. */
export function evaluationTitle(planTitle: string, kind: EvaluationKind, year: number): string {
  return kind === 'annual' ? `${planTitle}${year}年度评估报告` : `${planTitle}${EVALUATION_KIND_LABELS[kind].zh}报告（${year}年）`;
}

/** Labels of the two attributes as plan tables print them. */
export const ATTRIBUTE_LABELS: Readonly<Record<Attribute, string>> = { binding: '约束性', expected: '预期性' };

/** One indicator as a report needs it: the API's indicator evaluated as of the report year, its values and yearly target. */
export type EvaluationIndicatorInput = Pick<
  Indicator,
  'code' | 'name' | 'position' | 'unit' | 'attribute' | 'category' | 'direction' | 'baseline' | 'target' | 'progress' | 'assessment'
> & {
  /** counted (approved) values of every year, as entered */
  values: ReadonlyArray<{ year: number; valueText: string }>;
  /** the yearly target of the report year, when one is set */
  annualTarget: AnnualTargetRecord | null;
};

/** Everything a report is built from. */
export interface EvaluationInput {
  plan: { id: string; title: string; baselineYear: number; targetYear: number };
  year: number;
  /** the plan's indicators in table order, each evaluated as of `year` */
  indicators: ReadonlyArray<EvaluationIndicatorInput>;
  /** when the data was read (ISO 8601) */
  generatedAt: string;
}

/**
 * The years of the actual-value columns: from the year after the earliest baseline (so that an indicator
 * whose baseline is of 2020 shows its 2021 value) to the report year.
 */
export function reportYears(planBaselineYear: number, baselineYears: readonly number[], year: number): number[] {
  const first = Math.min(planBaselineYear, ...baselineYears) + 1;
  return Array.from({ length: Math.max(0, year - first + 1) }, (_, k) => first + k);
}

/** 完成进度 as printed: c in percent; for a 年均 target the mean rate achieved so far; — where the kind has none. */
function completionText(ind: EvaluationIndicatorInput): string {
  const { figures } = ind.progress;
  if (figures.completion.value !== null) return formatShare(figures.completion.value);
  if (ind.progress.target.kind === 'annual_rate' && figures.actualCagr.value !== null) return `年均${formatDecimal(figures.actualCagr.value)}%`;
  return NO_FIGURE;
}

function toRow(ind: EvaluationIndicatorInput, years: readonly number[], year: number): EvaluationRow {
  const { progress } = ind;
  const valueByYear = new Map(ind.values.map((v) => [v.year, v.valueText]));
  const completion = completionText(ind);
  const elapsed = progress.figures.elapsedShare.value;
  const numbers = ind.values.map((v) => ({ year: v.year, value: Number(v.valueText) }));
  return {
    code: ind.code,
    name: ind.name,
    position: ind.position,
    unit: ind.unit,
    attribute: ind.attribute,
    attributeLabel: ATTRIBUTE_LABELS[ind.attribute],
    baseline: {
      valueText: progress.baseline.derived ? (valueByYear.get(progress.baseline.year) ?? null) : ind.baseline.valueText,
      year: progress.baseline.year,
      derived: progress.baseline.derived,
    },
    target: { text: ind.target.text, spec: ind.target.spec },
    actuals: years.map((y) => {
      const valueText = valueByYear.get(y) ?? null;
      return { year: y, valueText, value: valueText === null ? null : Number(valueText) };
    }),
    completion: progress.figures.completion.value,
    completionText: completion,
    elapsedShare: elapsed,
    // 序时进度 is printed beside a completion figure only: alone it says nothing about the indicator.
    elapsedText: completion !== NO_FIGURE && elapsed !== null ? formatShare(elapsed) : NO_FIGURE,
    scheduleRatio: progress.figures.scheduleRatio.value,
    latestYear: progress.latestYear,
    status: progress.status,
    label: { ...progress.label },
    colour: progress.colour,
    evaluationClass: progress.evaluationClass,
    explanation: { ...progress.explanation },
    assessment: ind.assessment,
    annualTarget:
      ind.annualTarget === null || ind.annualTarget.year !== year
        ? null
        : judgeAnnualTarget(ind.annualTarget, {
            direction: ind.direction,
            thresholds: progress.thresholds,
            baseline: { year: ind.baseline.year, value: ind.baseline.value },
            values: numbers,
          }),
  };
}

/**
 * Builds a report from evaluated indicators: the table per area (in the order areas first appear), counts by
 * status and evaluation class overall, per area and per attribute, the early-warning list, the tally of yearly
 * targets and the drafted narrative. Pure: the same input gives the same report.
 */
export function buildEvaluationReport(input: EvaluationInput): EvaluationSnapshot {
  const { plan, year } = input;
  const kind = evaluationKindOf(plan.baselineYear, plan.targetYear, year);
  const years = reportYears(
    plan.baselineYear,
    input.indicators.map((i) => i.baseline.year),
    year,
  );
  const summary = summarizeProgress(input.indicators);
  const rows = input.indicators.map((ind) => ({ category: ind.category, row: toRow(ind, years, year) }));
  const areas = summary.byCategory.map(({ code, name, ...tally }) => ({
    code,
    name,
    tally,
    rows: rows.filter((r) => r.category.code === code).map((r) => r.row),
  }));
  const judged = rows.map((r) => r.row.annualTarget).filter((t) => t !== null);
  const snapshot: Omit<EvaluationSnapshot, 'draftNarrative'> = {
    planId: plan.id,
    planTitle: plan.title,
    year,
    kind,
    kindLabel: { ...EVALUATION_KIND_LABELS[kind] },
    title: evaluationTitle(plan.title, kind, year),
    baselineYear: plan.baselineYear,
    targetYear: plan.targetYear,
    elapsedShare: elapsedShare(plan.baselineYear, year, plan.targetYear),
    years,
    total: summary.total,
    byStatus: summary.byStatus,
    byClass: summary.byClass,
    byAttribute: summary.byAttribute,
    earlyWarning: summary.earlyWarning,
    annualTargets: {
      total: judged.length,
      achieved: judged.filter((t) => t.status === 'achieved').length,
      notAchieved: judged.filter((t) => t.status === 'not_achieved').length,
      insufficientData: judged.filter((t) => t.status === 'insufficient_data').length,
    },
    areas,
    generatedAt: input.generatedAt,
  };
  return { ...snapshot, draftNarrative: draftNarrative(snapshot) };
}

// ───────────────────────── narrative ─────────────────────────

/** "严重滞后1项、未完成2项" for the statuses with a count, or '' when none has one. */
function statusCounts(tally: ProgressTally, statuses: readonly Status[]): string {
  return statuses
    .filter((s) => tally.byStatus[s] > 0)
    .map((s) => `${STATUS_LABELS[s].zh}${tally.byStatus[s]}项`)
    .join('、');
}

/**
 * "提前实现2项，快于预期1项，基本符合预期3项，滞后于预期2项（其中严重滞后1项），未评估1项（目标待下达1项）":
 * every class with its count (zeros included, so the sentence always adds up to the total), and which
 * statuses make up the lagging and unevaluated classes.
 */
function classSentence(tally: ProgressTally, achievedWord: string): string {
  const worse = statusCounts(tally, ['seriously_lagging', 'regressing', 'not_achieved']);
  const unjudged = statusCounts(tally, ['target_pending', 'monitoring', 'insufficient_data']);
  return [
    `${achievedWord}${tally.byClass.achieved}项`,
    `快于预期${tally.byClass.ahead}项`,
    `基本符合预期${tally.byClass.on_track}项`,
    `滞后于预期${tally.byClass.lagging}项${worse === '' ? '' : `（其中${worse}）`}`,
    `未评估${tally.byClass.not_evaluated}项${unjudged === '' ? '' : `（${unjudged}）`}`,
  ].join('，');
}

const nameWithLabel = (item: { name: string; label: BilingualText }) => `${item.name}（${item.label.zh}）`;

/**
 * The narrative drafted from a report's figures, in Chinese, one paragraph per topic: scope and time elapsed;
 * all indicators by class; binding indicators by class with the early-warning list; expected indicators by
 * class with those lagging; the yearly targets. Staff edit it before a report is issued.
 */
export function draftNarrative(report: Omit<EvaluationSnapshot, 'draftNarrative'>): string {
  const { year, targetYear: T, baselineYear: t0 } = report;
  // A target met at the target year is 已完成; met before it, 提前实现 (the label the indicators carry).
  const achievedWord = report.kind === 'final' ? '已完成' : '提前实现';
  const rows = report.areas.flatMap((a) => a.rows);
  const paragraphs: string[] = [];

  const scope =
    report.kind === 'final'
      ? `本报告对《${report.planTitle}》实施情况进行终期评估，评估截至规划目标年${T}年。`
      : report.kind === 'midterm'
        ? `本报告对《${report.planTitle}》实施情况进行中期评估，评估截至${year}年。`
        : `本报告对《${report.planTitle}》${year}年实施情况进行年度评估。`;
  paragraphs.push(`${scope}规划基期为${t0}年，目标年为${T}年，截至${year}年序时进度为${formatShare(report.elapsedShare)}。`);

  paragraphs.push(`${report.total}项主要指标中，${classSentence(report, achievedWord)}。`);

  const { binding, expected } = report.byAttribute;
  if (binding.total > 0) {
    const warnings = report.earlyWarning;
    const warningSentence =
      warnings.length === 0 ? '约束性指标无预警。' : `列入预警的约束性指标${warnings.length}项：${warnings.map(nameWithLabel).join('、')}。`;
    paragraphs.push(`约束性指标${binding.total}项中，${classSentence(binding, achievedWord)}。${warningSentence}`);
  }
  if (expected.total > 0) {
    const lagging = rows.filter((r) => r.attribute === 'expected' && r.evaluationClass === 'lagging');
    const laggingSentence = lagging.length === 0 ? '' : `滞后于预期的预期性指标：${lagging.map(nameWithLabel).join('、')}。`;
    paragraphs.push(`预期性指标${expected.total}项中，${classSentence(expected, achievedWord)}。${laggingSentence}`);
  }

  const targets = report.annualTargets;
  if (targets.total > 0) {
    const missed = rows.filter((r) => r.annualTarget?.status === 'not_achieved');
    const missedSentence =
      missed.length === 0 ? '' : `未完成年度目标的指标：${missed.map((r) => `${r.name}（${(r.annualTarget?.explanation.zh ?? '').replace(/。$/, '')}）`).join('；')}。`;
    const unknown = targets.insufficientData > 0 ? `，暂无数据${targets.insufficientData}项` : '';
    paragraphs.push(`${year}年设定年度目标的指标${targets.total}项中，完成${targets.achieved}项，未完成${targets.notAchieved}项${unknown}。${missedSentence}`);
  }
  return paragraphs.join('\n\n');
}

/** The baseline as a table cell prints it: the value, with its year when it is not the plan's baseline year. */
export function baselineCellText(row: Pick<EvaluationRow, 'baseline'>, planBaselineYear: number): string {
  const { valueText, year, derived } = row.baseline;
  if (valueText === null) return NO_FIGURE;
  return year !== planBaselineYear || derived ? `${valueText}（${year}年${derived ? '，首个数据' : ''}）` : valueText;
}

/** The target as a table cell prints it: the plan's wording, else the target in words. */
export function targetCellText(row: Pick<EvaluationRow, 'target'>): string {
  return row.target.text ?? targetWording(row.target.spec);
}
