import { EvaluationReportSchema, type EvaluationReport, type ReportSectionKey } from '@gz/shared';
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

/** Issues the report of a year with its sections as saved: its data and text are frozen as of now. */
export function issueEvaluation(planId: string, year: number): Promise<EvaluationReport> {
  return apiRequest(path(planId), { method: 'POST', json: { year }, schema: EvaluationReportSchema });
}

/** Saves the edited text of sections of the live draft (null: back to the drafted text). */
export function saveEvaluationDraft(
  planId: string,
  year: number,
  sections: Partial<Record<ReportSectionKey, string | null>>,
): Promise<EvaluationReport> {
  return apiRequest(`${path(planId)}/${year}/draft`, {
    method: 'PUT',
    json: { sections },
    schema: EvaluationReportSchema,
  });
}

/** The XLSX workbook of the same report. */
export const evaluationWorkbookUrl = (planId: string, year: number, live: boolean) =>
  apiUrl(`${path(planId)}/${year}.xlsx`, { live: live || undefined });

/** The Word document of the same report. */
export const evaluationDocxUrl = (planId: string, year: number, live: boolean) =>
  apiUrl(`${path(planId)}/${year}.docx`, { live: live || undefined });
