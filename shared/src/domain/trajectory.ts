import type { Trajectory } from '../schemas/summary.ts';
import {
  annualRateTolerance,
  approxTolerance,
  elapsedShare,
  evenAnnualCut,
  linearPath,
  qualitativeBand,
  resolveSeries,
  type EffectiveBaseline,
  type ProgressInput,
  type YearValue,
} from './progress/index.ts';

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** The expected value of each year, in the unit of the points; null where the target gives none. */
function expectedPath(
  input: Omit<ProgressInput, 'evaluationYear'>,
  baseline: EffectiveBaseline,
): (year: number) => number | null {
  const { target, targetYear: T } = input;
  const { year: t0, value: x0 } = baseline;
  switch (target.kind) {
    case 'level':
    case 'approx':
      if (x0 === null) return () => null;
      return (year) => (year < t0 ? null : finiteOrNull(linearPath(x0, target.value, elapsedShare(t0, year, T))));
    case 'floor':
    case 'maintain':
      return () => target.value;
    case 'annual_rate':
      // The baseline year's own rate is before the plan period, so the target rate starts the year after.
      return (year) => (year > t0 ? target.rate : null);
    case 'cumulative_reduction': {
      const cut = T > t0 ? finiteOrNull(evenAnnualCut(target.value, T - t0)) : null;
      return (year) => (year > t0 ? cut : null);
    }
    case 'qualitative':
    case 'assigned':
    case 'none':
      return () => null;
  }
}

/** A reference value with a symmetric tolerance band around it (no band when `tolerance` is null). */
function band(value: number | null, tolerance: number | null): Trajectory['target'] {
  if (value === null || tolerance === null) return { value, lower: null, upper: null };
  return { value, lower: finiteOrNull(value - tolerance), upper: finiteOrNull(value + tolerance) };
}

/** The reference line drawn with the points, in their unit, and its tolerance band. */
function referenceLine(
  input: Omit<ProgressInput, 'evaluationYear'>,
  baseline: EffectiveBaseline,
): Trajectory['target'] {
  const { target, thresholds, targetYear: T } = input;
  switch (target.kind) {
    case 'level':
    case 'floor':
    case 'maintain':
      return band(target.value, null);
    case 'approx':
      return band(target.value, approxTolerance(target, thresholds));
    case 'annual_rate':
      return band(target.rate, annualRateTolerance(target, thresholds));
    case 'cumulative_reduction':
      return band(T > baseline.year ? finiteOrNull(evenAnnualCut(target.value, T - baseline.year)) : null, null);
    case 'qualitative': {
      const x0 = baseline.value;
      if (x0 === null) return band(null, null);
      return band(x0, target.rule === 'rise' ? null : qualitativeBand(target, x0, thresholds));
    }
    case 'assigned':
    case 'none':
      return band(null, null);
  }
}

/**
 * The chart of one indicator: one point per year from the plan's baseline year to the target year, each
 * with the expected value (see TrajectorySchema), the counted value and a pending value, plus the target
 * line and its tolerance band. Uses every counted value (there is no evaluation year); values outside
 * the baseline-to-target years are not plotted. In the baseline year `actual` is the effective baseline.
 */
export function buildTrajectory(
  input: Omit<ProgressInput, 'evaluationYear'>,
  pending: ReadonlyArray<YearValue> = [],
): Trajectory {
  const series = resolveSeries(input.target.kind, input.baseline, input.observations, Number.POSITIVE_INFINITY);
  const { baseline } = series;
  const actual = new Map(series.counted.map((o) => [o.year, o.value]));
  if (baseline.value !== null) actual.set(baseline.year, baseline.value);
  const waiting = new Map(pending.map((o) => [o.year, o.value]));
  const expected = expectedPath(input, baseline);
  const points: Trajectory['points'] = [];
  for (let year = input.baseline.year; year <= input.targetYear; year += 1) {
    points.push({
      year,
      expected: expected(year),
      actual: actual.get(year) ?? null,
      pending: waiting.get(year) ?? null,
    });
  }
  return {
    kind: input.target.kind,
    direction: input.direction,
    baseline,
    targetYear: input.targetYear,
    target: referenceLine(input, baseline),
    points,
  };
}
