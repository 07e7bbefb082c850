import type { ReportSectionKey } from '@gz/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchEvaluation, issueEvaluation, reportKeys, saveEvaluationDraft } from './reportsApi.ts';

/** The report shown: issued (frozen) unless `live`. */
export function useReport(planId: string, year: number, live: boolean) {
  // a malformed year in the URL is shown as such by the page; it is never asked of the API
  return useQuery({
    queryKey: reportKeys.one(planId, year, live),
    queryFn: () => fetchEvaluation(planId, year, live),
    enabled: Number.isInteger(year),
  });
}

/** Issues the report; afterwards every cached report is stale (the issued one now answers the plain GET). */
export function useIssueReport(planId: string, year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => issueEvaluation(planId, year),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reportKeys.all }),
  });
}

/** Saves one section's edited text of the live draft. */
export function useSaveSection(planId: string, year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ key, text }: { key: ReportSectionKey; text: string | null }) =>
      saveEvaluationDraft(planId, year, { [key]: text }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reportKeys.all }),
  });
}
