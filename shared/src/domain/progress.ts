import type { Figure, Progress, Status } from '../schemas/progress.ts';
import { evaluationClassOf, statusColour, statusLabel, type BilingualText } from './status-labels.ts';
import type { Direction, TargetKind, TargetSpec, Thresholds } from './target-kinds.ts';

/*
 * The progress method of docs/progress-method.md as pure functions. Everything here is total: any
 * finite input yields a status and figures that are finite or null with a reason, never NaN,
 * Infinity or an exception, because a wrong number on a leader's dashboard is worse than a blank.
 */

/** A value of one year, in the indicator's unit (percent for rate kinds). */
export interface YearValue {
  year: number;
  value: number;
}

/** Everything the method needs to judge one indicator as of one year. */
export interface ProgressInput {
  /** +1 higher is better, −1 lower is better. */
  direction: Direction;
  /** The plan's baseline; `value` null when the plan leaves it blank. */
  baseline: { year: number; value: number | null };
  target: TargetSpec;
  /** T: the plan's target year. */
  targetYear: number;
  /**
   * Counted (approved) values, any order, one per year. Years after `evaluationYear` are ignored; a value of
   * the baseline year is ignored when the plan gives a baseline value.
   */
  observations: ReadonlyArray<YearValue>;
  /** The year the evaluation is made as of. */
  evaluationYear: number;
  /** The plan's thresholds (defaults in DEFAULT_THRESHOLDS). */
  thresholds: Thresholds;
}

/** The figures returned with every status. */
export type ProgressFigures = Progress['figures'];

/** The baseline the method works from: the plan's, or the earliest counted value when the plan gives none. */
export interface EffectiveBaseline {
  year: number;
  value: number | null;
  /** true when the plan gave no baseline value and the earliest counted value stands in */
  derived: boolean;
}

/** The counted values the method sees, relative to the effective baseline. */
export interface CountedSeries {
  baseline: EffectiveBaseline;
  /** Counted values up to the evaluation year, one per year, oldest first. */
  counted: readonly YearValue[];
  /** The counted values of years after the effective baseline year, oldest first. */
  after: readonly YearValue[];
}

/** Kinds whose yearly values are themselves rates, so a baseline value plays no part in them. */
const RATE_KINDS: ReadonlySet<TargetKind> = new Set<TargetKind>(['annual_rate', 'cumulative_reduction']);

/** Target kinds judged on a level (a value in the indicator's unit), rather than on yearly rates. */
type ValueTarget = Exclude<TargetSpec, { kind: 'annual_rate' | 'cumulative_reduction' | 'assigned' | 'none' }>;

/**
 * The counted values up to `uptoYear` and the effective baseline. A blank baseline is replaced by the
 * earliest counted value (flagged `derived`), except for rate kinds (annual_rate, cumulative_reduction):
 * their yearly values are rates of change, and using the first one as a baseline would drop it from
 * the period's mean or cumulative cut.
 */
export function resolveSeries(
  kind: TargetKind,
  baseline: ProgressInput['baseline'],
  observations: ReadonlyArray<YearValue>,
  uptoYear: number,
): CountedSeries {
  const byYear = new Map<number, number>();
  for (const o of observations) if (o.year <= uptoYear) byYear.set(o.year, o.value);
  const counted = [...byYear].map(([year, value]) => ({ year, value })).sort((a, b) => a.year - b.year);
  const earliest = counted[0];
  const effective: EffectiveBaseline =
    baseline.value === null && earliest !== undefined && !RATE_KINDS.has(kind)
      ? { year: earliest.year, value: earliest.value, derived: true }
      : { year: baseline.year, value: baseline.value, derived: false };
  return { baseline: effective, counted, after: counted.filter((o) => o.year > effective.year) };
}

// ───────────────────────── arithmetic ─────────────────────────

/**
 * e: the elapsed share (t − t0)/(T − t0) of the plan period, clamped to [0, 1]. A period with T ≤ t0
 * counts as fully elapsed once t reaches T, so the division never sees a zero.
 */
export function elapsedShare(t0: number, t: number, T: number): number {
  if (t >= T) return 1;
  if (t <= t0) return 0;
  return (t - t0) / (T - t0);
}

/**
 * c: completion (x − x0)/(X − x0), a plain ratio (1 = the target). Requires X ≠ x0. When a difference would
 * overflow (values near ±1.8e308) the values are halved first; halving is exact, so ordinary figures
 * are unchanged and the result stays monotonic in x.
 */
export function completionRatio(x0: number, X: number, x: number): number {
  const gap = x - x0;
  const span = X - x0;
  if (Number.isFinite(gap) && Number.isFinite(span)) return gap / span;
  return (x / 2 - x0 / 2) / (X / 2 - x0 / 2);
}

/** The value on the straight line from (t0, x0) to (T, X) at elapsed share e; written so that X − x0 cannot overflow. */
export function linearPath(x0: number, X: number, e: number): number {
  return x0 * (1 - e) + X * e;
}

/**
 * Compound annual rate, in percent, that turns `from` into `to` in `years` years: ((to/from)^(1/years) − 1)·100.
 * Both values must be positive and years ≠ 0; computed on logarithms so the ratio itself cannot overflow.
 */
export function compoundAnnualRate(from: number, to: number, years: number): number {
  return Math.expm1((Math.log(to) - Math.log(from)) / years) * 100;
}

/**
 * Σ ln(1 + sign·vᵢ/100): the log of the total change of the quantity whose yearly change the rates vᵢ (percent)
 * report; sign +1 for growth rates, −1 for reduction rates. A year that wipes the quantity out (a factor
 * ≤ 0) gives −Infinity rather than a NaN from a negative base.
 */
export function logChange(ratesPct: readonly number[], sign: 1 | -1): number {
  let sum = 0;
  for (const v of ratesPct) {
    const step = (sign * v) / 100;
    sum += step <= -1 ? Number.NEGATIVE_INFINITY : Math.log1p(step);
  }
  return sum;
}

/**
 * m: the geometric mean of yearly growth rates, in percent: (Π(1 + vᵢ/100))^(1/n) − 1. It is the compound
 * annual growth of the underlying quantity; −100 when a year wiped it out. Requires at least one rate.
 */
export function meanAnnualRate(ratesPct: readonly number[]): number {
  return Math.expm1(logChange(ratesPct, 1) / ratesPct.length) * 100;
}

/** k: the cumulative cut of yearly reduction rates, in percent: (1 − Π(1 − vᵢ/100))·100; at most 100. */
export function cumulativeReduction(ratesPct: readonly number[]): number {
  return -Math.expm1(logChange(ratesPct, -1)) * 100;
}

/** The constant yearly cut, in percent, that adds up to a cumulative cut of `cutPct` percent over `years` years. */
export function evenAnnualCut(cutPct: number, years: number): number {
  return -Math.expm1(Math.log1p(-cutPct / 100) / years) * 100;
}

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
function reaches(d: Direction, x: number, X: number): boolean {
  return d * (x - X) >= 0;
}

/** Whether a value meets a value-kind target; qualitative targets are judged against the baseline, so never "met" alone. */
function meetsTarget(target: ValueTarget, d: Direction, x: number, thresholds: Thresholds): boolean {
  switch (target.kind) {
    case 'approx':
      return Math.abs(x - target.value) <= approxTolerance(target, thresholds) || reaches(d, x, target.value);
    case 'level':
    case 'floor':
    case 'maintain':
      return reaches(d, x, target.value);
    case 'qualitative':
      return false;
  }
}

// ───────────────────────── figures ─────────────────────────

const NO_VALUE_AFTER_BASELINE = 'no value after the baseline';
const TARGET_YEAR_REACHED = 'target year reached';
const TARGET_YEAR_NOT_AFTER_BASELINE = 'target year is not after the baseline year';

function known(value: number): Figure {
  return Number.isFinite(value) ? { value, reason: null } : { value: null, reason: 'outside the representable range' };
}

function missing(reason: string): Figure {
  return { value: null, reason };
}

/** a / b, carrying the first missing operand's reason. */
function quotient(a: Figure, b: Figure, zeroReason: string): Figure {
  if (a.value === null) return { ...a };
  if (b.value === null) return { ...b };
  return b.value === 0 ? missing(zeroReason) : known(a.value / b.value);
}

/** The reason a compound rate cannot be taken, naming the first value that is not positive; null when all are. */
function notPositive(...values: ReadonlyArray<{ value: number; name: string }>): string | null {
  const bad = values.find((v) => !(v.value > 0));
  return bad === undefined ? null : `${bad.name} is not positive`;
}

/** A compound annual rate between two named values, or why it cannot be taken. */
function rateFigure(from: { value: number; name: string }, to: { value: number; name: string }, years: number): Figure {
  const reason = notPositive(from, to);
  return reason === null ? known(compoundAnnualRate(from.value, to.value, years)) : missing(reason);
}

/** The latest value after the baseline with its elapsed share: what the data-dependent figures are taken at. */
interface LatestPoint extends YearValue {
  elapsed: number;
}

type TargetFigures = Pick<
  ProgressFigures,
  'completion' | 'scheduleRatio' | 'expectedValue' | 'requiredPaceFromNow' | 'requiredCagr' | 'cagrRatio'
>;

function unavailable(reason: string): TargetFigures {
  return {
    completion: missing(reason),
    scheduleRatio: missing(reason),
    expectedValue: missing(reason),
    requiredPaceFromNow: missing(reason),
    requiredCagr: missing(reason),
    cagrRatio: missing(reason),
  };
}

const notDefinedFor = (kind: TargetKind) => `not defined for kind ${kind}`;

function computeFigures(input: ProgressInput, series: CountedSeries): ProgressFigures {
  const last = series.after.at(-1);
  const latest: LatestPoint | null =
    last === undefined ? null : { ...last, elapsed: elapsedShare(series.baseline.year, last.year, input.targetYear) };
  const elapsedShareFigure = latest === null ? missing(NO_VALUE_AFTER_BASELINE) : known(latest.elapsed);
  const { target } = input;
  switch (target.kind) {
    case 'annual_rate':
      return { elapsedShare: elapsedShareFigure, ...annualRateFigures(target, input.targetYear, series, latest) };
    case 'cumulative_reduction':
      return { elapsedShare: elapsedShareFigure, ...cutFigures(target.value, input.targetYear, series, latest) };
    default: {
      const observed = observedFigures(series.baseline, latest, input.targetYear);
      return {
        elapsedShare: elapsedShareFigure,
        ...observed,
        ...valueTargetFigures(target, input, series.baseline, latest, observed.actualCagr),
      };
    }
  }
}

/** Growth observed from (t0, x0) to (t, x) and its extension to T; meaningful for any level, with or without a target. */
function observedFigures(
  baseline: EffectiveBaseline,
  latest: LatestPoint | null,
  T: number,
): Pick<ProgressFigures, 'actualCagr' | 'projectedValue'> {
  const x0 = baseline.value;
  if (latest === null || x0 === null)
    return { actualCagr: missing(NO_VALUE_AFTER_BASELINE), projectedValue: missing(NO_VALUE_AFTER_BASELINE) };
  const reason = notPositive({ value: x0, name: 'baseline' }, { value: latest.value, name: 'latest value' });
  if (reason !== null) return { actualCagr: missing(reason), projectedValue: missing(reason) };
  const logPerYear = (Math.log(latest.value) - Math.log(x0)) / (latest.year - baseline.year);
  return {
    actualCagr: known(Math.expm1(logPerYear) * 100),
    projectedValue: known(Math.exp(Math.log(x0) + logPerYear * (T - baseline.year))),
  };
}

function valueTargetFigures(
  target: Exclude<TargetSpec, { kind: 'annual_rate' | 'cumulative_reduction' }>,
  input: ProgressInput,
  baseline: EffectiveBaseline,
  latest: LatestPoint | null,
  actualCagr: Figure,
): TargetFigures {
  switch (target.kind) {
    case 'level':
    case 'approx':
      return pathFigures(target.value, input.direction, input.targetYear, baseline, latest, actualCagr);
    case 'floor':
    case 'maintain':
      // A floor or a level to maintain must hold in every year, so the expected value is X itself and there is no path to complete.
      return { ...unavailable(notDefinedFor(target.kind)), expectedValue: known(target.value) };
    case 'qualitative':
      return unavailable('target is not numeric');
    case 'assigned':
      return unavailable('target not yet assigned');
    case 'none':
      return unavailable('no target (monitoring only)');
  }
}

/** Figures of a target reached along a path from (t0, x0) to (T, X). */
function pathFigures(
  X: number,
  d: Direction,
  T: number,
  baseline: EffectiveBaseline,
  latest: LatestPoint | null,
  actualCagr: Figure,
): TargetFigures {
  const { year: t0, value: x0 } = baseline;
  const requiredCagr =
    x0 === null
      ? missing('no baseline value')
      : T <= t0
        ? missing(TARGET_YEAR_NOT_AFTER_BASELINE)
        : rateFigure({ value: x0, name: 'baseline' }, { value: X, name: 'target' }, T - t0);
  const cagrRatio = quotient(actualCagr, requiredCagr, 'required CAGR is zero');
  if (latest === null || x0 === null) return { ...unavailable(NO_VALUE_AFTER_BASELINE), requiredCagr, cagrRatio };
  const completion =
    X === x0
      ? missing('target equals the baseline')
      : d * (X - x0) < 0
        ? missing('baseline already meets the target')
        : known(completionRatio(x0, X, latest.value));
  return {
    completion,
    scheduleRatio: quotient(completion, known(latest.elapsed), 'no time has elapsed'),
    expectedValue: known(linearPath(x0, X, latest.elapsed)),
    requiredPaceFromNow:
      latest.year >= T
        ? missing(TARGET_YEAR_REACHED)
        : rateFigure({ value: latest.value, name: 'latest value' }, { value: X, name: 'target' }, T - latest.year),
    requiredCagr,
    cagrRatio,
  };
}

/**
 * Figures of a `年均r` target. The yearly values are growth rates of an underlying quantity, so the CAGR
 * figures are that quantity's: actualCagr = m, requiredCagr = r, cagrRatio = q = m/r (also the scheduleRatio).
 */
function annualRateFigures(
  target: Extract<TargetSpec, { kind: 'annual_rate' }>,
  T: number,
  series: CountedSeries,
  latest: LatestPoint | null,
): Omit<ProgressFigures, 'elapsedShare'> {
  const r = target.rate;
  const fixed = {
    completion: missing(notDefinedFor('annual_rate')),
    projectedValue: missing(notDefinedFor('annual_rate')),
    expectedValue: known(r),
    requiredCagr: known(r),
  };
  if (latest === null) {
    const none = missing(NO_VALUE_AFTER_BASELINE);
    return { ...fixed, scheduleRatio: none, requiredPaceFromNow: none, actualCagr: none, cagrRatio: none };
  }
  const rates = series.after.map((o) => o.value);
  const logSoFar = logChange(rates, 1);
  const actualCagr = known(meanAnnualRate(rates));
  const q = quotient(actualCagr, fixed.requiredCagr, 'target rate is zero');
  const yearsLeft = T - latest.year;
  // The rate needed in each remaining year so that the mean over the counted and the remaining years reaches r.
  const requiredPaceFromNow =
    yearsLeft <= 0
      ? missing(TARGET_YEAR_REACHED)
      : r <= -100
        ? missing('target rate is -100 % or below')
        : logSoFar === Number.NEGATIVE_INFINITY
          ? missing('a yearly value is -100 % or below')
          : known(Math.expm1(((rates.length + yearsLeft) * Math.log1p(r / 100) - logSoFar) / yearsLeft) * 100);
  return { ...fixed, scheduleRatio: q, requiredPaceFromNow, actualCagr, cagrRatio: { ...q } };
}

/**
 * Figures of a cumulative cut X. Completion, schedule ratio, expected and projected values are in
 * cumulative-cut space (x0 = 0 at t0, k at t, X at T); the CAGR figures and requiredPaceFromNow are annual
 * changes of the underlying quantity (negative while it falls), as for the other kinds.
 */
function cutFigures(
  X: number,
  T: number,
  series: CountedSeries,
  latest: LatestPoint | null,
): Omit<ProgressFigures, 'elapsedShare'> {
  const t0 = series.baseline.year;
  const requiredCagr = T <= t0 ? missing(TARGET_YEAR_NOT_AFTER_BASELINE) : known(-evenAnnualCut(X, T - t0));
  if (latest === null)
    return {
      ...unavailable(NO_VALUE_AFTER_BASELINE),
      projectedValue: missing(NO_VALUE_AFTER_BASELINE),
      actualCagr: missing(NO_VALUE_AFTER_BASELINE),
      requiredCagr,
    };
  const rates = series.after.map((o) => o.value);
  const logSoFar = logChange(rates, -1);
  const completion = quotient(known(cumulativeReduction(rates)), known(X), 'target is zero');
  const actualCagr = known(Math.expm1(logSoFar / rates.length) * 100);
  const yearsLeft = T - latest.year;
  return {
    completion,
    scheduleRatio: quotient(completion, known(latest.elapsed), 'no time has elapsed'),
    expectedValue: known(X * latest.elapsed),
    requiredPaceFromNow:
      yearsLeft <= 0
        ? missing(TARGET_YEAR_REACHED)
        : logSoFar === Number.NEGATIVE_INFINITY
          ? missing('cut so far is 100 % or more')
          : known(Math.expm1((Math.log1p(-X / 100) - logSoFar) / yearsLeft) * 100),
    projectedValue:
      T <= t0
        ? missing(TARGET_YEAR_NOT_AFTER_BASELINE)
        : known(-Math.expm1((logSoFar * (T - t0)) / rates.length) * 100),
    actualCagr,
    requiredCagr,
    cagrRatio: quotient(actualCagr, requiredCagr, 'required CAGR is zero'),
  };
}

// ───────────────────────── wording ─────────────────────────

/** A value as the explanation prints it: up to four decimals, trailing zeros dropped (display only). */
function fmt(v: number): string {
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '-∞';
  return String(Number(Math.abs(v) >= 1 ? v.toFixed(4) : v.toPrecision(4)));
}

/** A ratio as a percentage with one decimal: 0.5491 → 54.9%. */
function fmtShare(ratio: number): string {
  return `${Number((ratio * 100).toFixed(1))}%`;
}

/** A percent figure with up to two decimals: 7.1700… → 7.17. */
function fmtRate(pct: number): string {
  return Number.isFinite(pct) ? String(Number(pct.toFixed(2))) : fmt(pct);
}

/**
 * A schedule ratio cut down (not rounded) to two decimals, so that a printed ratio never crosses a
 * threshold the status did not: p = 1.0982 shows as 1.09 next to 基本符合预期, never 1.10.
 * Every place that prints a ratio (explanations, the web app, reports) goes through this.
 */
export function displayRatio(p: number): number {
  return Math.floor(p * 100 + 1e-9) / 100;
}

function fmtRatio(p: number): string {
  return displayRatio(p).toFixed(2);
}

function signed(v: number): string {
  return v > 0 ? `+${fmt(v)}` : fmt(v);
}

function yearSpan(from: number, to: number): string {
  return from === to ? `${to}` : `${from}–${to}`;
}

function clause(first: BilingualText, second: BilingualText): BilingualText {
  return { zh: `${first.zh}，${second.zh}`, en: `${first.en}, ${second.en}` };
}

function measuredAt(point: YearValue): BilingualText {
  return { zh: `${point.year}年为${fmt(point.value)}`, en: `${fmt(point.value)} in ${point.year}` };
}

// ───────────────────────── status rules ─────────────────────────

/** The status and why: the rule that fired, the comparison in words, and what the pace sentence aims at. */
interface Verdict {
  status: Status;
  rule: string;
  facts: BilingualText;
  /** what the remaining pace would achieve ("于2025年达到5500"); null when no pace sentence applies */
  goal: BilingualText | null;
}

/** on_track before T, achieved at or after it: the outcome of targets that hold rather than progress. */
function held(t: number, T: number): Status {
  return t >= T ? 'achieved' : 'on_track';
}

function insufficient(kind: TargetKind, t0: number): Verdict {
  return {
    status: 'insufficient_data',
    rule: `${kind}.insufficient_data`,
    facts: { zh: `基期（${t0}年）之后尚无数据`, en: `No value after the baseline year ${t0} yet` },
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
}

function judgePath(c: PathCase): Verdict {
  const { kind, goal } = c;
  if (reaches(c.d, c.x, c.X))
    return {
      status: 'achieved',
      rule: `${kind}.achieved`,
      facts: clause(c.measured, { zh: `已达到${c.target.zh}`, en: `meeting the ${c.target.en}` }),
      goal,
    };
  if (c.t >= c.T)
    return {
      status: 'not_achieved',
      rule: `${kind}.not_achieved`,
      facts: clause(c.measured, { zh: `未达到${c.target.zh}`, en: `short of the ${c.target.en}` }),
      goal,
    };
  // c < 0 compared on the values, so it holds even where X = x0 leaves c undefined.
  if (c.d * (c.x - c.x0) < 0)
    return {
      status: 'regressing',
      rule: `${kind}.regressing`,
      facts: clause(c.measured, { zh: `差于基期（${c.t0}年）水平`, en: `worse than at the baseline (${c.t0})` }),
      goal,
    };
  // Here x lies between x0 (inclusive) and X (exclusive) and t0 < t < T, so 0 ≤ c < 1 and e > 0.
  const e = elapsedShare(c.t0, c.t, c.T);
  const completion = completionRatio(c.x0, c.X, c.x);
  const p = completion / e;
  return {
    status: classifyScheduleRatio(p, c.thresholds),
    rule: `${kind}.schedule_ratio`,
    facts: {
      zh: `${c.measured.zh}；序时进度${fmtShare(e)}，完成进度${fmtShare(completion)}，进度比${fmtRatio(p)}`,
      en: `${c.measured.en}; elapsed ${fmtShare(e)}, completion ${fmtShare(completion)}, schedule ratio ${fmtRatio(p)}`,
    },
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

function judgeValueKind(target: ValueTarget, input: ProgressInput, series: CountedSeries): Verdict {
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
    (baseline.derived && meetsTarget(target, input.direction, x0, input.thresholds)
      ? { year: baseline.year, value: x0 }
      : undefined);
  if (point === undefined) {
    if (!baseline.derived) return insufficient(target.kind, baseline.year);
    return {
      status: 'insufficient_data',
      rule: 'baseline.missing',
      facts: {
        zh: `规划未给出基期值，以${baseline.year}年的${fmt(x0)}作为基期，至少需要两个年度数据`,
        en: `The plan gives no baseline, the ${baseline.year} value ${fmt(x0)} stands in, and two yearly values are needed`,
      },
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
      return judgePath({ ...c, kind: 'level', X: target.value, ...levelWording(target.value, c.T) });
    case 'approx': {
      const tol = approxTolerance(target, c.thresholds);
      if (Math.abs(c.x - target.value) <= tol)
        return {
          status: 'achieved',
          rule: 'approx.within_tolerance',
          facts: clause(c.measured, {
            zh: `在目标${fmt(target.value)}±${fmt(tol)}范围内`,
            en: `within ${fmt(tol)} of the target ${fmt(target.value)}`,
          }),
          goal: null,
        };
      return judgePath({ ...c, kind: 'approx', X: target.value, ...levelWording(target.value, c.T) });
    }
    case 'floor':
      return judgeFloor(target.value, c);
    case 'maintain':
      return judgeMaintain(target.value, c);
    case 'qualitative':
      return judgeQualitative(target, c);
  }
}

function levelWording(X: number, T: number): Pick<PathCase, 'target' | 'goal'> {
  return {
    target: { zh: `目标${fmt(X)}`, en: `target ${fmt(X)}` },
    goal: { zh: `于${T}年达到${fmt(X)}`, en: `to reach ${fmt(X)} by ${T}` },
  };
}

/** A red line checked on the latest value: held → on_track (achieved at T), broken → not_achieved in any year. */
function judgeFloor(X: number, c: ValueCase): Verdict {
  const line =
    c.d > 0 ? { zh: `红线${fmt(X)}`, en: `floor ${fmt(X)}` } : { zh: `上限${fmt(X)}`, en: `ceiling ${fmt(X)}` };
  if (reaches(c.d, c.x, X))
    return {
      status: held(c.t, c.T),
      rule: 'floor.held',
      facts: clause(c.measured, { zh: `守住${line.zh}`, en: `holding the ${line.en}` }),
      goal: null,
    };
  return {
    status: 'not_achieved',
    rule: 'floor.breached',
    facts: clause(c.measured, { zh: `突破${line.zh}`, en: `breaching the ${line.en}` }),
    goal: null,
  };
}

function judgeMaintain(X: number, c: ValueCase): Verdict {
  if (reaches(c.d, c.x, X))
    return {
      status: held(c.t, c.T),
      rule: 'maintain.held',
      facts: clause(c.measured, { zh: `保持目标${fmt(X)}`, en: `holding the target ${fmt(X)}` }),
      goal: null,
    };
  const facts = clause(c.measured, { zh: `未保持目标${fmt(X)}`, en: `below the target ${fmt(X)}` });
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
  const facts = clause(c.measured, {
    zh: `较基期${fmt(c.x0)}变化${signed(change)}${band === null ? '' : `（允许±${fmt(band)}）`}`,
    en: `a change of ${signed(change)} from the baseline ${fmt(c.x0)}${band === null ? '' : ` (band ±${fmt(band)})`}`,
  });
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
): Verdict {
  const first = series.after[0];
  const last = series.after.at(-1);
  if (first === undefined || last === undefined) return insufficient('annual_rate', series.baseline.year);
  const d = input.direction;
  const r = target.rate;
  const tol = annualRateTolerance(target, input.thresholds);
  const m = meanAnnualRate(series.after.map((o) => o.value));
  const measured = {
    zh: `${yearSpan(first.year, last.year)}年年均增速${fmtRate(m)}%`,
    en: `a mean annual rate of ${fmtRate(m)}% over ${yearSpan(first.year, last.year)}`,
  };
  const targetText = {
    zh: `目标${fmtRate(r)}%（容差${fmtRate(tol)}个百分点）`,
    en: `target ${fmtRate(r)}% (tolerance ${fmtRate(tol)} points)`,
  };
  const goal = { zh: `使年均增速达到${fmtRate(r)}%`, en: `to bring the mean rate to ${fmtRate(r)}%` };
  if (d * (m - r) >= -tol)
    return {
      status: held(last.year, input.targetYear),
      rule: 'annual_rate.mean_rate',
      facts: clause(measured, { zh: `达到${targetText.zh}`, en: `meeting the ${targetText.en}` }),
      goal,
    };
  if (last.year >= input.targetYear)
    return {
      status: 'not_achieved',
      rule: 'annual_rate.not_achieved',
      facts: clause(measured, { zh: `未达到${targetText.zh}`, en: `short of the ${targetText.en}` }),
      goal,
    };
  if (d * m < 0)
    return {
      status: 'regressing',
      rule: 'annual_rate.regressing',
      facts: clause(measured, d > 0 ? { zh: '为负增长', en: 'below zero' } : { zh: '为正增长', en: 'above zero' }),
      goal,
    };
  // Not met and d·m ≥ 0 imply d·r > d·m + tol ≥ 0, so q = m/r is a finite ratio in [0, 1).
  const q = m / r;
  return {
    status: classifyScheduleRatio(q, input.thresholds),
    rule: 'annual_rate.rate_ratio',
    facts: clause(measured, {
      zh: `${targetText.zh}，完成比${fmtRatio(q)}`,
      en: `${targetText.en}, rate ratio ${fmtRatio(q)}`,
    }),
    goal,
  };
}

/**
 * A cumulative cut X (percent): k = 1 − Π(1 − vᵢ/100) over the yearly cuts after t0, judged as a level
 * from 0 to X. The kind fixes the direction (a larger cut is better), whatever `direction` says.
 */
function judgeCumulativeReduction(X: number, input: ProgressInput, series: CountedSeries): Verdict {
  const first = series.after[0];
  const last = series.after.at(-1);
  if (first === undefined || last === undefined) return insufficient('cumulative_reduction', series.baseline.year);
  const k = cumulativeReduction(series.after.map((o) => o.value));
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
    measured: {
      zh: `${yearSpan(first.year, last.year)}年累计下降${fmtRate(k)}%`,
      en: `a cumulative cut of ${fmtRate(k)}% over ${yearSpan(first.year, last.year)}`,
    },
    target: { zh: `目标累计下降${fmtRate(X)}%`, en: `target cut of ${fmtRate(X)}%` },
    goal: {
      zh: `于${input.targetYear}年累计下降${fmtRate(X)}%`,
      en: `to reach a cut of ${fmtRate(X)}% by ${input.targetYear}`,
    },
  });
}

/** The last two points of the series (baseline included): the latest change, or null with fewer than two. */
function latestChange(series: CountedSeries): { from: YearValue; to: YearValue } | null {
  const { baseline } = series;
  const points =
    baseline.value === null ? series.after : [{ year: baseline.year, value: baseline.value }, ...series.after];
  const from = points.at(-2);
  const to = points.at(-1);
  return from === undefined || to === undefined ? null : { from, to };
}

type Trend = NonNullable<Progress['trend']>;

function trendOf(change: { from: YearValue; to: YearValue }): Trend {
  if (change.to.value > change.from.value) return 'up';
  return change.to.value < change.from.value ? 'down' : 'flat';
}

function judgeMonitoring(series: CountedSeries): Verdict {
  const change = latestChange(series);
  const rule = 'none.monitoring';
  if (change === null)
    return {
      status: 'monitoring',
      rule,
      facts: { zh: '不设目标，尚无可比较的数据', en: 'No target and no change to report yet' },
      goal: null,
    };
  const word = {
    up: { zh: '上升', en: 'up' },
    down: { zh: '下降', en: 'down' },
    flat: { zh: '持平', en: 'unchanged' },
  }[trendOf(change)];
  const { from, to } = change;
  return {
    status: 'monitoring',
    rule,
    facts: {
      zh: `不设目标；${to.year}年为${fmt(to.value)}，较${from.year}年${word.zh}`,
      en: `No target; ${fmt(to.value)} in ${to.year}, ${word.en} from ${from.year}`,
    },
    goal: null,
  };
}

function judge(input: ProgressInput, series: CountedSeries): Verdict {
  const { target } = input;
  switch (target.kind) {
    case 'assigned':
      return {
        status: 'target_pending',
        rule: 'assigned.pending',
        facts: {
          zh: '目标按省下达任务执行，省级下达值尚未录入',
          en: 'The target is set by the province and has not been recorded yet',
        },
        goal: null,
      };
    case 'none':
      return judgeMonitoring(series);
    case 'annual_rate':
      return judgeAnnualRate(target, input, series);
    case 'cumulative_reduction':
      return judgeCumulativeReduction(target.value, input, series);
    default:
      return judgeValueKind(target, input, series);
  }
}

/** Statuses still heading for the target, which get a sentence on the pace needed from now on. */
const PACE_STATUSES: ReadonlySet<Status> = new Set<Status>([
  'ahead',
  'on_track',
  'lagging',
  'seriously_lagging',
  'regressing',
]);

function explain(verdict: Verdict, label: BilingualText, pace: Figure): BilingualText {
  const zh = `${verdict.facts.zh}，${label.zh}。`;
  const facts = verdict.facts.en;
  const en = `${facts.charAt(0).toUpperCase()}${facts.slice(1)}: ${label.en.toLowerCase()}.`;
  if (verdict.goal === null || pace.value === null || !PACE_STATUSES.has(verdict.status)) return { zh, en };
  const size = fmtRate(Math.abs(pace.value));
  return {
    zh: `${zh}此后每年需${pace.value >= 0 ? '增长' : '下降'}${size}%，方能${verdict.goal.zh}。`,
    en: `${en} From now on it must ${pace.value >= 0 ? 'grow' : 'fall'} ${size}% a year ${verdict.goal.en}.`,
  };
}

/**
 * Evaluates one indicator with the progress method: the status, its label, colour and evaluation class,
 * the rule that fired, an explanation in words and figures, and every figure of the method (ratios as
 * plain fractions, rates in percent, values in the indicator's unit; nothing rounded). Pure and total:
 * figures that cannot be computed are null with a reason.
 */
export function evaluateProgress(input: ProgressInput): Progress {
  const series = resolveSeries(input.target.kind, input.baseline, input.observations, input.evaluationYear);
  const figures = computeFigures(input, series);
  const verdict = judge(input, series);
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
