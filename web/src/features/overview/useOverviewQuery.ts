import { useQuery } from '@tanstack/react-query';
import { fetchPlanSummary, planKeys } from '../../api/plans.ts';
import { useIndicatorList } from '../../hooks/shared-queries.ts';

/** Everything the overview shows: the plan's summary for the year and every indicator's status. */
export function useOverviewQuery(planId: string, year: number | undefined) {
  const summary = useQuery({ queryKey: planKeys.summary(planId, year), queryFn: () => fetchPlanSummary(planId, year) });
  const indicators = useIndicatorList(planId, year);
  return { summary, indicators };
}
