import { useQuery } from '@tanstack/react-query';
import { annualTargetKeys, fetchIndicatorAnnualTargets } from '../../api/annual-targets.ts';
import { fetchIndicator, fetchTrajectory, indicatorKeys } from '../../api/indicators.ts';
import { fetchObservations, observationKeys } from '../../api/observations.ts';

/** A trajectory; `enabled` lets a sparkline wait until its row scrolls into view. */
export function useTrajectory(planId: string, code: string, includePending: boolean, enabled = true) {
  return useQuery({
    queryKey: indicatorKeys.trajectory(planId, code, includePending),
    queryFn: () => fetchTrajectory(planId, code, includePending),
    enabled,
    staleTime: 60_000,
  });
}

/** One indicator with its status, the values and revisions behind it, and its yearly targets. */
export function useIndicatorDetail(planId: string, code: string, year: number | undefined) {
  const indicator = useQuery({
    queryKey: indicatorKeys.one(planId, code, year),
    queryFn: () => fetchIndicator(planId, code, year),
  });
  const history = useQuery({
    queryKey: observationKeys.history(planId, code),
    queryFn: () => fetchObservations(planId, code),
  });
  const annualTargets = useQuery({
    queryKey: annualTargetKeys.ofIndicator(planId, code),
    queryFn: () => fetchIndicatorAnnualTargets(planId, code),
  });
  return { indicator, history, annualTargets };
}
