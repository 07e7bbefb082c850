import { isRateKind } from '@gz/shared';
import { buildAnnualRateOption } from './annual-rate.ts';
import type { ChartOption, IndicatorChartInput } from './common.ts';
import { buildTrajectoryOption } from './trajectory.ts';

/** The chart that suits the indicator's target kind: bars against a rate line for the rate kinds, else a path. */
export function buildIndicatorChartOption(input: IndicatorChartInput): ChartOption {
  return isRateKind(input.trajectory.kind) ? buildAnnualRateOption(input) : buildTrajectoryOption(input);
}
