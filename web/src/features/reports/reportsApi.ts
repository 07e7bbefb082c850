import { EvaluationReportSchema, type EvaluationReport } from '@gz/shared';
import { apiRequest, apiUrl } from '../../api/client.ts';

/*
 * Evaluation reports (GET/POST /plans/{planId}/evaluations…). Kept beside the report page until the shared
 * client in src/api/ takes them over.
 */

export const reportKeys = {
  one: (planId: string, year: number, live: boolean) => ['reports', planId, year, live ? 'live' : 'issued'] as const,
  all: ['reports'] as const,
};

const path = (planId: string) => `/plans/${encodeURIComponent(planId)}/evaluations`;

/** The report of a year: the latest issued one, else (or with `live`) computed from the data now. */
export function fetchEvaluation(planId: string, year: number, live: boolean): Promise<EvaluationReport> {
  return apiRequest(`${path(planId)}/${year}`, { query: { live: live || undefined }, schema: EvaluationReportSchema });
}

/** Issues the report of a year with the (edited) narrative: its data is frozen as of now. */
export function issueEvaluation(planId: string, year: number, narrative: string): Promise<EvaluationReport> {
  return apiRequest(path(planId), { method: 'POST', json: { year, narrative }, schema: EvaluationReportSchema });
}

/** The XLSX workbook of the same report. */
export const evaluationWorkbookUrl = (planId: string, year: number, live: boolean) => apiUrl(`${path(planId)}/${year}.xlsx`, { live: live || undefined });
