import type { TargetKind } from '@gz/shared';
import { buildAnnualRateOption } from './annual-rate.ts';
import type { ChartOption, IndicatorChartInput } from './common.ts';
import { buildTrajectoryOption } from './trajectory.ts';

/** Kinds whose yearly values are rates, charted as bars against a rate line instead of a path to a level. */
export const RATE_KINDS: readonly TargetKind[] = ['annual_rate', 'cumulative_reduction'];

/** The chart that suits the indicator's target kind. */
export function buildIndicatorChartOption(input: IndicatorChartInput): ChartOption {
  return RATE_KINDS.includes(input.trajectory.kind) ? buildAnnualRateOption(input) : buildTrajectoryOption(input);
}
