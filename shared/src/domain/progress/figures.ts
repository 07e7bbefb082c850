import type { Figure, Progress } from '../../schemas/progress.ts';
import type { Direction, TargetKind, TargetSpec } from '../target-kinds.ts';
import type { CountedSeries, EffectiveBaseline, ProgressInput, YearValue } from './series.ts';

/*
 * The figures job of the progress method: elapsed share, completion, schedule ratio, expected and projected
 * values, CAGRs and the pace still needed, each finite or null with a reason. Computed once per evaluation; the
 * rules (rules.ts) read them instead of computing them again.
 */

/** The figures returned with every status. */
export type ProgressFigures = Progress['figures'];

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
export interface LatestPoint extends YearValue {
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

/**
 * The figures of one evaluation, with what the rules need beside them: the point they are taken at and, for the
 * rate kinds, the period's aggregate (m, the mean annual rate, or k, the cumulative cut, in percent).
 */
export interface ComputedFigures {
  figures: ProgressFigures;
  /** the latest counted value after the baseline, with its elapsed share; null when there is none */
  latest: LatestPoint | null;
  /** m for annual_rate, k for cumulative_reduction (percent); null for other kinds or without values */
  aggregate: number | null;
}

/** Computes every figure of the method for one indicator, once. Pure and total. */
export function computeFigures(input: ProgressInput, series: CountedSeries): ComputedFigures {
  const last = series.after.at(-1);
  const latest: LatestPoint | null =
    last === undefined ? null : { ...last, elapsed: elapsedShare(series.baseline.year, last.year, input.targetYear) };
  const rates = series.after.map((o) => o.value);
  const aggregate =
    rates.length === 0
      ? null
      : input.target.kind === 'annual_rate'
        ? meanAnnualRate(rates)
        : input.target.kind === 'cumulative_reduction'
          ? cumulativeReduction(rates)
          : null;
  return { figures: figuresAt(input, series, latest, aggregate), latest, aggregate };
}

function figuresAt(
  input: ProgressInput,
  series: CountedSeries,
  latest: LatestPoint | null,
  aggregate: number | null,
): ProgressFigures {
  const elapsedShareFigure = latest === null ? missing(NO_VALUE_AFTER_BASELINE) : known(latest.elapsed);
  const { target } = input;
  switch (target.kind) {
    case 'annual_rate':
      return {
        elapsedShare: elapsedShareFigure,
        ...annualRateFigures(target, input.targetYear, series, latest, aggregate),
      };
    case 'cumulative_reduction':
      return {
        elapsedShare: elapsedShareFigure,
        ...cutFigures(target.value, input.targetYear, series, latest, aggregate),
      };
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
  m: number | null,
): Omit<ProgressFigures, 'elapsedShare'> {
  const r = target.rate;
  const fixed = {
    completion: missing(notDefinedFor('annual_rate')),
    projectedValue: missing(notDefinedFor('annual_rate')),
    expectedValue: known(r),
    requiredCagr: known(r),
  };
  if (latest === null || m === null) {
    const none = missing(NO_VALUE_AFTER_BASELINE);
    return { ...fixed, scheduleRatio: none, requiredPaceFromNow: none, actualCagr: none, cagrRatio: none };
  }
  const rates = series.after.map((o) => o.value);
  const logSoFar = logChange(rates, 1);
  const actualCagr = known(m);
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
  k: number | null,
): Omit<ProgressFigures, 'elapsedShare'> {
  const t0 = series.baseline.year;
  const requiredCagr = T <= t0 ? missing(TARGET_YEAR_NOT_AFTER_BASELINE) : known(-evenAnnualCut(X, T - t0));
  if (latest === null || k === null)
    return {
      ...unavailable(NO_VALUE_AFTER_BASELINE),
      projectedValue: missing(NO_VALUE_AFTER_BASELINE),
      actualCagr: missing(NO_VALUE_AFTER_BASELINE),
      requiredCagr,
    };
  const rates = series.after.map((o) => o.value);
  const logSoFar = logChange(rates, -1);
  const completion = quotient(known(k), known(X), 'target is zero');
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
