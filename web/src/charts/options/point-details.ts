import type { Trajectory, TrajectoryValue } from '@gz/shared';
import type { AnnualTargetDetail, ValueDetail } from './common.ts';

/** The details a chart's tooltips and description read, all from the trajectory reply (#15 item 2). */
export interface PointDetails {
  /** counted values of the chart's years, as published */
  values: ValueDetail[];
  /** the newest pending value of each year (present only when the trajectory was asked with pending values) */
  pendingValues: ValueDetail[];
  /** the yearly targets of the chart's years as set */
  annualTargets: AnnualTargetDetail[];
}

const detail = (year: number, v: TrajectoryValue): ValueDetail => ({
  year,
  valueText: v.valueText,
  source: v.source,
  dataStatus: v.dataStatus,
  qualifier: v.qualifier,
  growthRateText: v.growthRateText,
});

/**
 * Reads the values and yearly targets that the points of a trajectory carry, so the chart is built from one
 * reply: no second request, no joining of lists by year in the browser.
 */
export function pointDetails(trajectory: Trajectory): PointDetails {
  const out: PointDetails = { values: [], pendingValues: [], annualTargets: [] };
  for (const p of trajectory.points) {
    if (p.countedValue) out.values.push(detail(p.year, p.countedValue));
    if (p.pendingValue) out.pendingValues.push(detail(p.year, p.pendingValue));
    if (p.annualTargetSet) out.annualTargets.push({ year: p.year, ...p.annualTargetSet });
  }
  return out;
}
