import type { FinalVerdict, FinalVerdictKind } from '../schemas/final-verdict.ts';
import type { Progress } from '../schemas/progress.ts';
import type { BilingualText } from './status-labels.ts';
import {
  annualRateTolerance,
  approxTolerance,
  cumulativeReduction,
  evaluateProgress,
  qualitativeBand,
  resolveSeries,
  type ProgressInput,
} from './progress/index.ts';

/*
 * Final verdicts (终期评估) of docs/progress-method.md: at the end of a plan each indicator is judged on the value
 * of the target year T only — met or not — never with the interim classes (快于预期, 滞后于预期).
 */

/** Data statuses that are settled figures; every other status (preliminary, estimate, …) is provisional. */
const SETTLED_DATA_STATUSES: ReadonlySet<string> = new Set(['final', 'revised']);

/**
 * Whether a value with this data status is provisional (初步核算, 预计数, …): anything but a final or revised
 * figure. The one place that decides it, so a data status added later is provisional unless listed here.
 */
export function isProvisionalDataStatus(dataStatus: string): boolean {
  return !SETTLED_DATA_STATUSES.has(dataStatus);
}

/** Labels of the final verdicts, and of their provisional forms. */
export const FINAL_VERDICT_LABELS: Readonly<Record<FinalVerdictKind, BilingualText>> = {
  achieved: { zh: '完成', en: 'Achieved' },
  not_achieved: { zh: '未完成', en: 'Not achieved' },
  missing_data: { zh: '数据缺失', en: 'Data missing' },
  target_pending: { zh: '目标未下达', en: 'Target not assigned' },
  monitoring: { zh: '仅监测', en: 'Monitoring only' },
};

/** Traffic-light colour of a final verdict: met is green, missed is red, the rest is grey (not judged). */
export function finalVerdictColour(verdict: FinalVerdictKind): 'green' | 'red' | 'grey' {
  if (verdict === 'achieved') return 'green';
  return verdict === 'not_achieved' ? 'red' : 'grey';
}

/** The label of a verdict: 超额完成 when exceeded, 预计… when provisional. */
export function finalVerdictLabel(verdict: FinalVerdictKind, exceeded: boolean, provisional: boolean): BilingualText {
  if (verdict === 'achieved') {
    const zh = exceeded ? '超额完成' : '完成';
    const en = exceeded ? 'Exceeded' : 'Achieved';
    return provisional ? { zh: `预计${zh}`, en: `${en} (provisional)` } : { zh, en };
  }
  if (verdict === 'not_achieved' && provisional) return { zh: '预计未完成', en: 'Not achieved (provisional)' };
  return { ...FINAL_VERDICT_LABELS[verdict] };
}

/** What the final verdict needs beyond the progress input: the data status of each year's counted value. */
export interface FinalVerdictInput extends Omit<ProgressInput, 'evaluationYear'> {
  /** data status of the counted value of each year (at least of T when there is one) */
  dataStatuses: ReadonlyMap<number, string>;
}

/**
 * d·(x − X) beyond the kind's tolerance on the good side: 超额完成. Level-like kinds use approxTolerancePct of |X|.
 * Reads the mean rate (actualCagr) and the effective baseline from the progress evaluated at T.
 */
function exceeds(input: FinalVerdictInput, x: number, atT: Progress): boolean {
  const { target, thresholds } = input;
  const d = input.direction;
  switch (target.kind) {
    case 'level':
    case 'floor':
    case 'maintain':
      return d * (x - target.value) > (thresholds.approxTolerancePct / 100) * Math.abs(target.value);
    case 'approx':
      return d * (x - target.value) > approxTolerance(target, thresholds);
    case 'annual_rate': {
      const m = atT.figures.actualCagr.value;
      return m !== null && d * (m - target.rate) > annualRateTolerance(target, thresholds);
    }
    case 'cumulative_reduction': {
      const series = resolveSeries(target.kind, input.baseline, input.observations, input.targetYear);
      if (series.after.length === 0) return false;
      const k = cumulativeReduction(series.after.map((o) => o.value));
      return k - target.value > (thresholds.approxTolerancePct / 100) * target.value;
    }
    case 'qualitative': {
      const x0 = atT.baseline.value;
      if (x0 === null) return false;
      return d * (x - x0) > qualitativeBand(target, x0, thresholds);
    }
    default:
      return false;
  }
}

function verdictOf(
  verdict: FinalVerdictKind,
  T: number,
  parts: Partial<Pick<FinalVerdict, 'value' | 'dataStatus' | 'context' | 'exceeded' | 'provisional'>> & {
    rule: string;
    explanation: BilingualText;
  },
): FinalVerdict {
  const exceeded = parts.exceeded ?? false;
  const provisional = parts.provisional ?? false;
  return {
    verdict,
    label: finalVerdictLabel(verdict, exceeded, provisional),
    provisional,
    exceeded,
    year: T,
    value: parts.value ?? null,
    dataStatus: parts.dataStatus ?? null,
    context: parts.context ?? null,
    rule: parts.rule,
    explanation: parts.explanation,
  };
}

/**
 * The final verdict of an indicator: target_pending for a province-assigned target not yet recorded, monitoring
 * for an indicator without a target, missing_data when T has no counted value (the latest earlier figure is
 * returned as context, never judged), else achieved when the status rule of its kind gives `achieved` at T and
 * not_achieved otherwise; provisional when the value of T is not a settled figure. Pure and total.
 */
export function finalVerdict(input: FinalVerdictInput): FinalVerdict {
  const T = input.targetYear;
  const { target } = input;
  if (target.kind === 'assigned') {
    return verdictOf('target_pending', T, {
      rule: 'final.target_pending',
      explanation: {
        zh: '目标按省下达任务执行，省级下达值尚未录入，无法评价',
        en: 'The province has not assigned the target yet',
      },
    });
  }
  const atT = input.observations.find((o) => o.year === T);
  const earlier = input.observations
    .filter((o) => o.year < T)
    .sort((a, b) => a.year - b.year)
    .at(-1);
  const context = earlier === undefined ? null : { year: earlier.year, value: earlier.value };
  if (target.kind === 'none') {
    return verdictOf('monitoring', T, {
      value: atT?.value ?? null,
      dataStatus: atT === undefined ? null : (input.dataStatuses.get(T) ?? null),
      context: atT === undefined ? context : null,
      rule: 'final.monitoring',
      explanation: { zh: '不设目标，仅监测', en: 'No target: monitoring only' },
    });
  }
  if (atT === undefined) {
    const zh =
      context === null
        ? `${T}年无审核通过的数据`
        : `${T}年无审核通过的数据（最近为${context.year}年的${context.value}，不作评价）`;
    const en =
      context === null
        ? `No approved value for ${T}`
        : `No approved value for ${T} (latest: ${context.value} in ${context.year}, not judged)`;
    return verdictOf('missing_data', T, { context, rule: 'final.missing_data', explanation: { zh, en } });
  }
  const dataStatus = input.dataStatuses.get(T) ?? null;
  const provisional = dataStatus === null ? false : isProvisionalDataStatus(dataStatus);
  const progress = evaluateProgress({ ...input, evaluationYear: T });
  const common = { value: atT.value, dataStatus, provisional, rule: progress.rule };
  if (progress.status === 'achieved') {
    return verdictOf('achieved', T, {
      ...common,
      exceeded: exceeds(input, atT.value, progress),
      explanation: progress.explanation,
    });
  }
  if (progress.status === 'insufficient_data' && target.kind === 'qualitative') {
    // A qualitative target is judged against the baseline: without one there is nothing to compare T's value with.
    return verdictOf('missing_data', T, {
      context,
      rule: 'final.baseline_missing',
      explanation: {
        zh: `${T}年有数据，但缺少可比较的基期值`,
        en: `A value for ${T} exists but there is no baseline to compare it with`,
      },
    });
  }
  return verdictOf('not_achieved', T, { ...common, explanation: progress.explanation });
}
