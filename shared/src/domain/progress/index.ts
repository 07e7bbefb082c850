import type { Progress } from '../../schemas/progress.ts';
import { evaluationClassOf, statusColour, statusLabel } from '../status-labels.ts';
import { computeFigures } from './figures.ts';
import { judge } from './rules.ts';
import { latestChange, type ProgressInput, resolveSeries, trendOf } from './series.ts';
import { explain } from './wording.ts';

/*
 * The progress method of docs/progress-method.md as pure functions, split by job: series.ts (which values count,
 * from which baseline), figures.ts (every figure, once), rules.ts (the status, reading those figures) and
 * wording.ts (the explanation). Everything is total: any finite input yields a status and figures that are finite
 * or null with a reason, never NaN, Infinity or an exception, because a wrong number on a leader's dashboard is
 * worse than a blank. This index is the public API; the rest of the workspace imports from here.
 */

export {
  compoundAnnualRate,
  completionRatio,
  cumulativeReduction,
  elapsedShare,
  evenAnnualCut,
  linearPath,
  logChange,
  meanAnnualRate,
  type ProgressFigures,
} from './figures.ts';
export {
  annualRateTolerance,
  approxTolerance,
  classifyScheduleRatio,
  meetsTarget,
  qualitativeBand,
  type ScheduleStatus,
} from './rules.ts';
export {
  type CountedSeries,
  type EffectiveBaseline,
  type ProgressInput,
  resolveSeries,
  type YearValue,
} from './series.ts';

/**
 * Evaluates one indicator with the progress method: the status, its label, colour and evaluation class,
 * the rule that fired, an explanation in words and figures, and every figure of the method (ratios as
 * plain fractions, rates in percent, values in the indicator's unit; nothing rounded). Pure and total:
 * figures that cannot be computed are null with a reason.
 */
export function evaluateProgress(input: ProgressInput): Progress {
  const series = resolveSeries(input.target.kind, input.baseline, input.observations, input.evaluationYear);
  const computed = computeFigures(input, series);
  const { figures } = computed;
  const verdict = judge(input, series, computed);
  const latest = series.counted.at(-1) ?? null;
  const label = statusLabel(verdict.status, latest !== null && latest.year >= input.targetYear);
  const change = latestChange(series);
  return {
    status: verdict.status,
    label,
    colour: statusColour(verdict.status),
    evaluationClass: evaluationClassOf(verdict.status),
    rule: verdict.rule,
    explanation: explain(verdict, label, figures.requiredPaceFromNow),
    evaluationYear: input.evaluationYear,
    latestYear: latest?.year ?? null,
    latestValue: latest?.value ?? null,
    basisYear: latest?.year ?? null,
    stale: latest !== null && latest.year < input.evaluationYear && verdict.status !== 'target_pending',
    baseline: series.baseline,
    target: input.target,
    targetYear: input.targetYear,
    direction: input.direction,
    thresholds: input.thresholds,
    figures,
    trend: change === null ? null : trendOf(change),
  };
}
