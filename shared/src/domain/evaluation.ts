import type { Attribute, ValueQualifier } from '../schemas/common.ts';
import type { EvaluationKind, EvaluationRow, EvaluationSnapshot } from '../schemas/evaluation.ts';
import type { Indicator } from '../schemas/indicator.ts';
import type { Status } from '../schemas/progress.ts';
import type { ProgressTally } from '../schemas/summary.ts';
import { judgeAnnualTarget, type AnnualTargetRecord } from './annual-targets.ts';
import { elapsedShare } from './progress/index.ts';
import { formatDecimal, formatShare, NO_FIGURE, targetSpecWording } from './format.ts';
import { STATUS_LABELS, type BilingualText } from './status-labels.ts';
import { summarizeProgress } from './summary.ts';
import { earlyWarningSentence } from './early-warning.ts';
import { staleMark, statusWithBasis } from './stale.ts';
import { leadUnitNameOf } from './responsible-unit.ts';
import { publishedValueText } from './published-value.ts';
import type { FinalTally, FinalVerdictCounts } from '../schemas/evaluation.ts';
import type { QuotedReason } from '../schemas/official-report.ts';

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
  return kind === 'annual'
    ? `${planTitle}${year}年度评估报告`
    : `${planTitle}${EVALUATION_KIND_LABELS[kind].zh}报告（${year}年）`;
}

/** Labels of the two attributes as plan tables print them. */
export const ATTRIBUTE_LABELS: Readonly<Record<Attribute, string>> = { binding: '约束性', expected: '预期性' };

/** One indicator as a report needs it: the API's indicator evaluated as of the report year, its values and yearly target. */
export type EvaluationIndicatorInput = Pick<
  Indicator,
  | 'code'
  | 'name'
  | 'position'
  | 'unit'
  | 'attribute'
  | 'category'
  | 'direction'
  | 'baseline'
  | 'target'
  | 'progress'
  | 'assessment'
> &
  Partial<Pick<Indicator, 'finalVerdict' | 'latest' | 'department'>> & {
    /** counted (approved) values of every year, as entered; growthRateText: the comparable growth rate published with it */
    values: ReadonlyArray<{
      year: number;
      valueText: string;
      growthRateText?: string | null;
      qualifier?: ValueQualifier | null;
    }>;
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
  /** the responsible units' approved reasons for the year (quoted in 存在的问题) */
  reasons?: ReadonlyArray<QuotedReason> | undefined;
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
  if (ind.progress.target.kind === 'annual_rate' && figures.actualCagr.value !== null)
    return `年均${formatDecimal(figures.actualCagr.value)}%`;
  return NO_FIGURE;
}

/** Data statuses as a 备注 prints them. */
const DATA_STATUS_REMARKS: Readonly<Record<string, string>> = { preliminary: '初步核算', estimate: '预计数' };

/** 备注 of a row: the data status of the figure judged on (初步核算/预计数), its stale mark, its source. */
function remarkOf(ind: EvaluationIndicatorInput): string {
  const parts: string[] = [];
  const verdict = ind.finalVerdict ?? null;
  const status = verdict !== null ? verdict.dataStatus : (ind.latest?.dataStatus ?? null);
  const statusRemark = status === null ? undefined : DATA_STATUS_REMARKS[status];
  if (statusRemark !== undefined) parts.push(statusRemark);
  const mark = verdict === null ? staleMark(ind.progress) : null;
  if (mark !== null) parts.push(mark.zh);
  if (verdict?.verdict === 'missing_data' && verdict.context !== null)
    parts.push(`最近数据：${verdict.context.year}年${verdict.context.value}`);
  if (ind.latest?.source) parts.push(`来源：${ind.latest.source}`);
  return parts.join('；');
}

function toRow(ind: EvaluationIndicatorInput, years: readonly number[], year: number): EvaluationRow {
  const { progress } = ind;
  const valueByYear = new Map(ind.values.map((v) => [v.year, v.valueText]));
  const qualifierByYear = new Map(ind.values.map((v) => [v.year, v.qualifier ?? null]));
  const completion = completionText(ind);
  const elapsed = progress.figures.elapsedShare.value;
  const numbers = ind.values.map((v) => ({
    year: v.year,
    value: Number(v.valueText),
    growthRate: v.growthRateText === undefined || v.growthRateText === null ? null : Number(v.growthRateText),
  }));
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
      const qualifier = qualifierByYear.get(y) ?? null;
      return {
        year: y,
        valueText,
        value: valueText === null ? null : Number(valueText),
        qualifier,
        displayText: valueText === null ? null : publishedValueText(valueText, qualifier),
      };
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
    basisYear: progress.basisYear,
    stale: progress.stale,
    statusText: statusWithBasis(progress),
    finalVerdict: ind.finalVerdict ?? null,
    verdictText: ind.finalVerdict ? ind.finalVerdict.label.zh : statusWithBasis(progress).zh,
    responsibleUnit: leadUnitNameOf(ind),
    remark: remarkOf(ind),
  };
}

function emptyCounts(): FinalVerdictCounts {
  return {
    total: 0,
    achieved: 0,
    exceeded: 0,
    notAchieved: 0,
    missingData: 0,
    targetPending: 0,
    monitoring: 0,
    provisional: 0,
  };
}

/** Counts by final verdict overall and by attribute; null when no row has a verdict (before the target year). */
export function finalTallyOf(
  rows: ReadonlyArray<Pick<EvaluationRow, 'attribute' | 'finalVerdict'>>,
): FinalTally | null {
  if (!rows.some((r) => r.finalVerdict !== null)) return null;
  const tally: FinalTally = { all: emptyCounts(), binding: emptyCounts(), expected: emptyCounts() };
  for (const row of rows) {
    const v = row.finalVerdict;
    if (v === null) continue;
    for (const c of [tally.all, tally[row.attribute]]) {
      c.total += 1;
      if (v.verdict === 'achieved') c.achieved += 1;
      if (v.verdict === 'achieved' && v.exceeded) c.exceeded += 1;
      if (v.verdict === 'not_achieved') c.notAchieved += 1;
      if (v.verdict === 'missing_data') c.missingData += 1;
      if (v.verdict === 'target_pending') c.targetPending += 1;
      if (v.verdict === 'monitoring') c.monitoring += 1;
      if (v.provisional) c.provisional += 1;
    }
  }
  return tally;
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
    finalTally: finalTallyOf(rows.map((r) => r.row)),
    annualTargets: {
      total: judged.length,
      achieved: judged.filter((t) => t.status === 'achieved').length,
      notAchieved: judged.filter((t) => t.status === 'not_achieved').length,
      insufficientData: judged.filter((t) => t.status === 'insufficient_data').length,
    },
    areas,
    generatedAt: input.generatedAt,
    reasons: (input.reasons ?? []).map((r) => ({ ...r })),
    issuedSections: null,
    issuedUnit: null,
    issuedExtraSections: null,
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

/**
 * "9项约束性指标中，完成2项（其中超额完成1项），未完成1项，数据缺失4项，目标未下达2项。": a final evaluation
 * counts by verdict, never by the interim classes; provisional verdicts are named.
 */
export function finalSentence(group: string, c: FinalVerdictCounts): string {
  const parts = [
    `完成${c.achieved}项${c.exceeded > 0 ? `（其中超额完成${c.exceeded}项）` : ''}`,
    `未完成${c.notAchieved}项`,
    `数据缺失${c.missingData}项`,
    ...(c.targetPending > 0 ? [`目标未下达${c.targetPending}项`] : []),
    ...(c.monitoring > 0 ? [`仅监测${c.monitoring}项`] : []),
  ];
  const provisional = c.provisional > 0 ? `其中${c.provisional}项依据初步核算或预计数据判断，为预计结果。` : '';
  return `${c.total}项${group}中，${parts.join('，')}。${provisional}`;
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
  paragraphs.push(
    `${scope}规划基期为${t0}年，目标年为${T}年，截至${year}年序时进度为${formatShare(report.elapsedShare)}。`,
  );

  paragraphs.push(
    report.finalTally === null
      ? `${report.total}项主要指标中，${classSentence(report, achievedWord)}。`
      : finalSentence('主要指标', report.finalTally.all),
  );

  const { binding, expected } = report.byAttribute;
  if (binding.total > 0) {
    const warningSentence = earlyWarningSentence(report.earlyWarning);
    const final = report.finalTally;
    paragraphs.push(
      final === null
        ? `约束性指标${binding.total}项中，${classSentence(binding, achievedWord)}。${warningSentence}`
        : `${finalSentence('约束性指标', final.binding)}${warningSentence}`,
    );
  }
  if (expected.total > 0) {
    const lagging = rows.filter((r) => r.attribute === 'expected' && r.evaluationClass === 'lagging');
    const laggingSentence =
      lagging.length === 0 ? '' : `滞后于预期的预期性指标：${lagging.map(nameWithLabel).join('、')}。`;
    paragraphs.push(
      report.finalTally === null
        ? `预期性指标${expected.total}项中，${classSentence(expected, achievedWord)}。${laggingSentence}`
        : finalSentence('预期性指标', report.finalTally.expected),
    );
  }

  const targets = report.annualTargets;
  if (targets.total > 0) {
    const missed = rows.filter((r) => r.annualTarget?.status === 'not_achieved');
    const missedSentence =
      missed.length === 0
        ? ''
        : `未完成年度目标的指标：${missed.map((r) => `${r.name}（${(r.annualTarget?.explanation.zh ?? '').replace(/。$/, '')}）`).join('；')}。`;
    const unknown = targets.insufficientData > 0 ? `，暂无数据${targets.insufficientData}项` : '';
    paragraphs.push(
      `${year}年设定年度目标的指标${targets.total}项中，完成${targets.achieved}项，未完成${targets.notAchieved}项${unknown}。${missedSentence}`,
    );
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
  return row.target.text ?? targetSpecWording(row.target.spec);
}
