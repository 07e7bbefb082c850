import type { Status } from '../../schemas/progress.ts';
import type { BilingualText } from '../status-labels.ts';
import type { Direction, TargetKind, TargetSpec, Thresholds } from '../target-kinds.ts';
import type { ComputedFigures, ProgressFigures } from './figures.ts';
import { type CountedSeries, latestChange, type ProgressInput, trendOf, type ValueTarget } from './series.ts';
import { levelWording, measuredAt, type VerdictWords, words } from './wording.ts';

/*
 * The rules job of the progress method: which status fires and why. The rules compare values with targets and
 * classify the schedule ratio; every ratio and aggregate they need (e, c, p, m, k, q) they READ from the figures
 * computed once in figures.ts, so that the status and the figures printed beside it cannot disagree.
 */

/** The statuses a schedule ratio maps to once regression (c < 0) has been ruled out. */
export type ScheduleStatus = Extract<Status, 'ahead' | 'on_track' | 'lagging' | 'seriously_lagging'>;

/**
 * Classifies a schedule ratio p = c/e (or q = m/r) with the plan's thresholds: ahead at p ≥ `ahead`,
 * on_track at p ≥ `onTrack`, lagging at p ≥ `lagging`, else seriously_lagging. Regression is decided by
 * the caller, on the values themselves, before it gets here.
 */
export function classifyScheduleRatio(p: number, thresholds: Thresholds): ScheduleStatus {
  if (p >= thresholds.ahead) return 'ahead';
  if (p >= thresholds.onTrack) return 'on_track';
  if (p >= thresholds.lagging) return 'lagging';
  return 'seriously_lagging';
}

/** The tolerance of a 左右 target in the indicator's unit: the target's own, else approxTolerancePct % of |X|. */
export function approxTolerance(target: Extract<TargetSpec, { kind: 'approx' }>, thresholds: Thresholds): number {
  return target.tolerance ?? (thresholds.approxTolerancePct / 100) * Math.abs(target.value);
}

/** The tolerance of an annual-rate target in percentage points: the target's own, else annualRateTolerance. */
export function annualRateTolerance(
  target: Extract<TargetSpec, { kind: 'annual_rate' }>,
  thresholds: Thresholds,
): number {
  return target.tolerance ?? thresholds.annualRateTolerance;
}

/**
 * The band of a qualitative target in the indicator's unit: `band` (a fraction) of |x0|, else
 * qualitativeBandPct % of |x0|. |x0| keeps the band positive for negative baselines.
 */
export function qualitativeBand(
  target: Extract<TargetSpec, { kind: 'qualitative' }>,
  x0: number,
  thresholds: Thresholds,
): number {
  return (target.band ?? thresholds.qualitativeBandPct / 100) * Math.abs(x0);
}

/** d·(x − X) ≥ 0: x is at the target or beyond it on the good side. A difference that overflows keeps its sign. */
export function reaches(d: Direction, x: number, X: number): boolean {
  return d * (x - X) >= 0;
}

/**
 * The one "meets target" rule: whether a measured figure meets a numeric target, with the plan's tolerances and
 * the indicator's direction. `x` is in the target's own terms: a level for level/approx/floor/maintain, the
 * (mean) rate in percent for annual_rate (met within its tolerance in points), the cumulative cut in percent for
 * cumulative_reduction (a larger cut is better, whatever `d` says). Qualitative targets are judged against the
 * baseline and assigned/none targets are not numeric, so they are never "met" by a figure alone.
 * Used by the progress rules and by the yearly targets (annual-targets.ts).
 */
export function meetsTarget(spec: TargetSpec, x: number, d: Direction, thresholds: Thresholds): boolean {
  switch (spec.kind) {
    case 'annual_rate':
      return d * (x - spec.rate) >= -annualRateTolerance(spec, thresholds);
    case 'cumulative_reduction':
      return reaches(1, x, spec.value);
    case 'approx':
      return Math.abs(x - spec.value) <= approxTolerance(spec, thresholds) || reaches(d, x, spec.value);
    case 'level':
    case 'floor':
    case 'maintain':
      return reaches(d, x, spec.value);
    case 'qualitative':
    case 'assigned':
    case 'none':
      return false;
  }
}

/** The status and why: the rule that fired, the comparison in words, and what the pace sentence aims at. */
export interface Verdict extends VerdictWords {
  rule: string;
}

/** on_track before T, achieved at or after it: the outcome of targets that hold rather than progress. */
function held(t: number, T: number): Status {
  return t >= T ? 'achieved' : 'on_track';
}

function insufficient(kind: TargetKind, t0: number): Verdict {
  return {
    status: 'insufficient_data',
    rule: `${kind}.insufficient_data`,
    facts: words.noValueAfterBaseline(t0),
    goal: null,
  };
}

/** A target judged along a path from x0 to X: level, approx beyond its tolerance, and a cumulative cut (x0 = 0). */
interface PathCase {
  kind: 'level' | 'approx' | 'cumulative_reduction';
  d: Direction;
  t0: number;
  x0: number;
  T: number;
  X: number;
  t: number;
  x: number;
  thresholds: Thresholds;
  measured: BilingualText;
  target: BilingualText;
  goal: BilingualText;
  /** the figures computed at (t, x): e, c and p are read from them */
  figures: ProgressFigures;
}

function judgePath(c: PathCase): Verdict {
  const { kind, goal } = c;
  if (reaches(c.d, c.x, c.X))
    return {
      status: 'achieved',
      rule: `${kind}.achieved`,
      facts: words.reached(c.measured, c.target),
      goal,
    };
  if (c.t >= c.T)
    return {
      status: 'not_achieved',
      rule: `${kind}.not_achieved`,
      facts: words.shortOf(c.measured, c.target),
      goal,
    };
  // c < 0 compared on the values, so it holds even where X = x0 leaves c undefined.
  if (c.d * (c.x - c.x0) < 0)
    return {
      status: 'regressing',
      rule: `${kind}.regressing`,
      facts: words.worseThanBaseline(c.measured, c.t0),
      goal,
    };
  // Here x lies between x0 (inclusive) and X (exclusive) and t0 < t < T, so 0 ≤ c < 1 and e > 0: the figures
  // computed at (t, x) are all there. Were one missing, the status says so rather than guess.
  const e = c.figures.elapsedShare.value;
  const completion = c.figures.completion.value;
  const p = c.figures.scheduleRatio.value;
  if (e === null || completion === null || p === null) return insufficient(kind, c.t0);
  return {
    status: classifyScheduleRatio(p, c.thresholds),
    rule: `${kind}.schedule_ratio`,
    facts: words.schedule(c.measured, e, completion, p),
    goal,
  };
}

/** The point a value-kind target is judged at, with the baseline it is compared to. */
interface ValueCase {
  d: Direction;
  t0: number;
  x0: number;
  T: number;
  t: number;
  x: number;
  thresholds: Thresholds;
  measured: BilingualText;
}

function judgeValueKind(
  target: ValueTarget,
  input: ProgressInput,
  series: CountedSeries,
  figures: ProgressFigures,
): Verdict {
  const { baseline } = series;
  const x0 = baseline.value;
  if (x0 === null) return insufficient(target.kind, baseline.year);
  // A red line crossed is seen without a baseline: a floor is judged on its latest value in whatever year,
  // the first reported year included (耕地保有量 534.46 in 2022 < 536.86 is not_achieved, not insufficient_data).
  if (target.kind === 'floor') {
    const last = series.after.at(-1) ?? (baseline.derived ? { year: baseline.year, value: x0 } : undefined);
    if (last !== undefined) {
      const floorCase: ValueCase = {
        d: input.direction,
        t0: baseline.year,
        x0,
        T: input.targetYear,
        t: last.year,
        x: last.value,
        thresholds: input.thresholds,
        measured: measuredAt(last),
      };
      return judgeFloor(target.value, floorCase);
    }
  }
  // A derived baseline with no later value is judged only when it already meets the target (the method's exception).
  const point =
    series.after.at(-1) ??
    (baseline.derived && meetsTarget(target, x0, input.direction, input.thresholds)
      ? { year: baseline.year, value: x0 }
      : undefined);
  if (point === undefined) {
    if (!baseline.derived) return insufficient(target.kind, baseline.year);
    return {
      status: 'insufficient_data',
      rule: 'baseline.missing',
      facts: words.baselineStandsIn(baseline.year, x0),
      goal: null,
    };
  }
  const c: ValueCase = {
    d: input.direction,
    t0: baseline.year,
    x0,
    T: input.targetYear,
    t: point.year,
    x: point.value,
    thresholds: input.thresholds,
    measured: measuredAt(point),
  };
  switch (target.kind) {
    case 'level':
      return judgePath({ ...c, kind: 'level', X: target.value, ...levelWording(target.value, c.T), figures });
    case 'approx': {
      const tol = approxTolerance(target, c.thresholds);
      if (Math.abs(c.x - target.value) <= tol)
        return {
          status: 'achieved',
          rule: 'approx.within_tolerance',
          facts: words.withinTolerance(c.measured, target.value, tol),
          goal: null,
        };
      return judgePath({ ...c, kind: 'approx', X: target.value, ...levelWording(target.value, c.T), figures });
    }
    case 'floor':
      return judgeFloor(target.value, c);
    case 'maintain':
      return judgeMaintain(target.value, c);
    case 'qualitative':
      return judgeQualitative(target, c);
  }
}

/** A red line checked on the latest value: held → on_track (achieved at T), broken → not_achieved in any year. */
function judgeFloor(X: number, c: ValueCase): Verdict {
  const line = words.redLine(c.d, X);
  if (reaches(c.d, c.x, X))
    return {
      status: held(c.t, c.T),
      rule: 'floor.held',
      facts: words.holding(c.measured, line),
      goal: null,
    };
  return {
    status: 'not_achieved',
    rule: 'floor.breached',
    facts: words.breaching(c.measured, line),
    goal: null,
  };
}

function judgeMaintain(X: number, c: ValueCase): Verdict {
  if (reaches(c.d, c.x, X))
    return {
      status: held(c.t, c.T),
      rule: 'maintain.held',
      facts: words.maintained(c.measured, X),
      goal: null,
    };
  const facts = words.notMaintained(c.measured, X);
  return c.t >= c.T
    ? { status: 'not_achieved', rule: 'maintain.not_achieved', facts, goal: null }
    : { status: 'regressing', rule: 'maintain.regressing', facts, goal: null };
}

/**
 * 稳中有升 / 保持稳定 / 量稳质升, judged against the baseline. "Rise" is read as a change in the good
 * direction (d), which is the literal x > x0 for the usual d = +1.
 */
function judgeQualitative(target: Extract<TargetSpec, { kind: 'qualitative' }>, c: ValueCase): Verdict {
  const change = c.x - c.x0;
  const better = c.d * change;
  const band = target.rule === 'rise' ? null : qualitativeBand(target, c.x0, c.thresholds);
  const facts = words.changeFromBaseline(c.measured, c.x0, change, band);
  const verdict = (status: Status, outcome: string): Verdict => ({
    status,
    rule: `qualitative.${target.rule}.${outcome}`,
    facts,
    goal: null,
  });
  if (band === null) {
    if (better > 0) return verdict(held(c.t, c.T), 'improved');
    return better === 0 ? verdict('lagging', 'unchanged') : verdict('regressing', 'worsened');
  }
  if (target.rule === 'stable') {
    if (Math.abs(change) <= band) return verdict(held(c.t, c.T), 'within_band');
    return better > 0 ? verdict('ahead', 'better') : verdict('regressing', 'worse');
  }
  return better >= -band ? verdict(held(c.t, c.T), 'held') : verdict('regressing', 'worse');
}

/**
 * 年均r: m is the geometric mean of the yearly rates after t0. Met when d·(m − r) ≥ −tol; otherwise
 * not_achieved at T, regressing when m is on the bad side of zero, else q = m/r classified like p.
 */
function judgeAnnualRate(
  target: Extract<TargetSpec, { kind: 'annual_rate' }>,
  input: ProgressInput,
  series: CountedSeries,
  computed: ComputedFigures,
): Verdict {
  const first = series.after[0];
  const last = series.after.at(-1);
  const m = computed.aggregate;
  if (first === undefined || last === undefined || m === null) return insufficient('annual_rate', series.baseline.year);
  const d = input.direction;
  const r = target.rate;
  const tol = annualRateTolerance(target, input.thresholds);
  const measured = words.meanRate(first.year, last.year, m);
  const { target: targetText, goal } = words.rateTarget(r, tol);
  if (meetsTarget(target, m, d, input.thresholds))
    return {
      status: held(last.year, input.targetYear),
      rule: 'annual_rate.mean_rate',
      facts: words.rateMet(measured, targetText),
      goal,
    };
  if (last.year >= input.targetYear)
    return {
      status: 'not_achieved',
      rule: 'annual_rate.not_achieved',
      facts: words.shortOf(measured, targetText),
      goal,
    };
  if (d * m < 0)
    return {
      status: 'regressing',
      rule: 'annual_rate.regressing',
      facts: words.wrongSign(measured, d),
      goal,
    };
  // Not met and d·m ≥ 0 imply d·r > d·m + tol ≥ 0, so q = m/r (the figures' scheduleRatio) is a finite ratio in [0, 1).
  const q = computed.figures.scheduleRatio.value;
  if (q === null) return insufficient('annual_rate', series.baseline.year);
  return {
    status: classifyScheduleRatio(q, input.thresholds),
    rule: 'annual_rate.rate_ratio',
    facts: words.rateRatio(measured, targetText, q),
    goal,
  };
}

/**
 * A cumulative cut X (percent): k = 1 − Π(1 − vᵢ/100) over the yearly cuts after t0, judged as a level
 * from 0 to X. The kind fixes the direction (a larger cut is better), whatever `direction` says.
 */
function judgeCumulativeReduction(
  X: number,
  input: ProgressInput,
  series: CountedSeries,
  computed: ComputedFigures,
): Verdict {
  const first = series.after[0];
  const last = series.after.at(-1);
  const k = computed.aggregate;
  if (first === undefined || last === undefined || k === null)
    return insufficient('cumulative_reduction', series.baseline.year);
  return judgePath({
    kind: 'cumulative_reduction',
    d: 1,
    t0: series.baseline.year,
    x0: 0,
    T: input.targetYear,
    X,
    t: last.year,
    x: k,
    thresholds: input.thresholds,
    measured: words.cut(first.year, last.year, k),
    ...words.cutTarget(X, input.targetYear),
    figures: computed.figures,
  });
}

function judgeMonitoring(series: CountedSeries): Verdict {
  const change = latestChange(series);
  const rule = 'none.monitoring';
  if (change === null)
    return {
      status: 'monitoring',
      rule,
      facts: words.noTargetNoChange(),
      goal: null,
    };
  return {
    status: 'monitoring',
    rule,
    facts: words.noTargetChange(change.from, change.to, trendOf(change)),
    goal: null,
  };
}

/**
 * The status of one indicator and why: the rule of its target kind applied to the counted series, reading the
 * figures computed once for it (computeFigures).
 */
export function judge(input: ProgressInput, series: CountedSeries, computed: ComputedFigures): Verdict {
  const { target } = input;
  switch (target.kind) {
    case 'assigned':
      return {
        status: 'target_pending',
        rule: 'assigned.pending',
        facts: words.assignedPending(),
        goal: null,
      };
    case 'none':
      return judgeMonitoring(series);
    case 'annual_rate':
      return judgeAnnualRate(target, input, series, computed);
    case 'cumulative_reduction':
      return judgeCumulativeReduction(target.value, input, series, computed);
    default:
      return judgeValueKind(target, input, series, computed.figures);
  }
}
