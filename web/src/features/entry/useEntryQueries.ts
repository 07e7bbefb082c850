import { useQueries } from '@tanstack/react-query';
import { fetchObservations, observationKeys } from '../../api/observations.ts';

/** The values and revisions of each indicator in the grid (one request each, cached per indicator). */
export function useGridHistories(planId: string, codes: readonly string[]) {
  return useQueries({
    queries: codes.map((code) => ({
      queryKey: observationKeys.history(planId, code),
      queryFn: () => fetchObservations(planId, code),
    })),
  });
}
