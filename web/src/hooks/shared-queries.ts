import { useQuery } from '@tanstack/react-query';
import { fetchIndicators, indicatorKeys } from '../api/indicators.ts';
import { fetchLocks, lockKeys } from '../api/locks.ts';

/** Every indicator of the plan as of the year (one cache entry shared by overview, list, entry and review). */
export function useIndicatorList(planId: string, year: number | undefined) {
  return useQuery({ queryKey: indicatorKeys.list(planId, { year }), queryFn: () => fetchIndicators(planId, { year }) });
}

/** Locked years of the plan: their cells are read-only. */
export function useLocks(planId: string) {
  return useQuery({ queryKey: lockKeys.list(planId), queryFn: () => fetchLocks(planId) });
}
