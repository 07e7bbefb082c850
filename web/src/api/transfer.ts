import { type ImportProblem, type ImportReport, ImportReportSchema } from '@gz/shared';
import { apiRequest, apiUrl } from './client.ts';

// COUNTED (#15 item 1): the import report is the shared shape the route declares
export type { ImportReport };
/** One problem the import found, located as a spreadsheet user would look for it. */
export type ImportIssue = ImportProblem;

/** The workbook of the plan's values, which doubles as the upload template. */
export const exportUrl = (plan: string, format: 'xlsx' | 'csv') => apiUrl(`/export.${format}`, { plan });

/** The wide entry template of the user's unit (their indicators × the plan's years). */
export const templateUrl = (plan: string) => apiUrl('/export/template.xlsx', { plan });

/** Checks (`dryRun`) or imports a filled-in template; nothing is written on a dry run. */
export function importFile(plan: string, file: File, dryRun: boolean): Promise<ImportReport> {
  const form = new FormData();
  form.append('file', file, file.name);
  return apiRequest('/import', { method: 'POST', query: { plan, dryRun }, body: form, schema: ImportReportSchema });
}
