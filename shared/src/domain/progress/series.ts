import type { Progress } from '../../schemas/progress.ts';
import { type Direction, isRateKind, type TargetKind, type TargetSpec, type Thresholds } from '../target-kinds.ts';

/*
 * The series job of the progress method: which counted values the method sees, from which baseline.
 * The figures (figures.ts) and the rules (rules.ts) both start from the CountedSeries built here.
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

/** Target kinds judged on a level (a value in the indicator's unit), rather than on yearly rates. */
export type ValueTarget = Exclude<TargetSpec, { kind: 'annual_rate' | 'cumulative_reduction' | 'assigned' | 'none' }>;

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
    baseline.value === null && earliest !== undefined && !isRateKind(kind)
      ? { year: earliest.year, value: earliest.value, derived: true }
      : { year: baseline.year, value: baseline.value, derived: false };
  return { baseline: effective, counted, after: counted.filter((o) => o.year > effective.year) };
}

/** The last two points of the series (baseline included): the latest change, or null with fewer than two. */
export function latestChange(series: CountedSeries): { from: YearValue; to: YearValue } | null {
  const { baseline } = series;
  const points =
    baseline.value === null ? series.after : [{ year: baseline.year, value: baseline.value }, ...series.after];
  const from = points.at(-2);
  const to = points.at(-1);
  return from === undefined || to === undefined ? null : { from, to };
}

/** Which way the latest change went. */
export type Trend = NonNullable<Progress['trend']>;

/** up, down or flat, from one point to the next. */
export function trendOf(change: { from: YearValue; to: YearValue }): Trend {
  if (change.to.value > change.from.value) return 'up';
  return change.to.value < change.from.value ? 'down' : 'flat';
}
