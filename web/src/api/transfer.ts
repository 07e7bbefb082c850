import { z } from 'zod';
import { apiRequest, apiUrl } from './client.ts';

/** One problem the import found, located as a spreadsheet user would look for it. */
const ImportIssueSchema = z.object({
  code: z.string().optional(),
  row: z.number().int(),
  column: z.string().nullable().optional(),
  value: z.union([z.string(), z.number()]).nullable().optional(),
  reason: z.string(),
});
export type ImportIssue = z.infer<typeof ImportIssueSchema>;

const ImportReportSchema = z.object({
  dryRun: z.boolean(),
  ok: z.boolean(),
  rows: z.array(ImportIssueSchema),
  created: z.number().int(),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

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
