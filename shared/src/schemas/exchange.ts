import { z } from 'zod';
import { DATA_STATUSES, DataStatusSchema, ProblemSchema, ValueQualifierSchema, type DataStatus } from './common.ts';

/** The Chinese label of each data status, as planning staff write it in a spreadsheet. */
export const DATA_STATUS_ZH: Readonly<Record<DataStatus, string>> = {
  preliminary: '初步核算',
  final: '最终核实',
  revised: '修订',
  estimate: '预计数',
};

/**
 * Reads a data status written as its id (any case) or its Chinese label (初步核算 / 最终核实 / 修订);
 * null when it is neither. Spreadsheets carry either, depending on who filled them in.
 */
export function parseDataStatus(text: string): DataStatus | null {
  const t = text.trim();
  if (t === '预计') return 'estimate';
  return DATA_STATUSES.find((s) => s === t.toLowerCase() || DATA_STATUS_ZH[s] === t) ?? null;
}

export const IMPORT_PROBLEM_CODES = [
  'no_header',
  'missing_column',
  'code_required',
  'unknown_indicator',
  'bad_year',
  'duplicate_row',
  'year_outside_plan',
  'bad_value',
  'value_out_of_range',
  'status_required',
  'bad_status',
  'bad_qualifier',
  'bad_growth_rate',
  'source_required',
  'text_too_long',
  'bad_revision',
  // the "may enter values" rule's denials (entry-rights.ts)
  'not_signed_in',
  'role_cannot_enter',
  'no_lead_unit',
  'not_your_unit',
  'year_locked',
  'stale_revision',
] as const;
/**
 * The machine code of an import problem: the web shows its text in the UI's language by this code, the
 * `reason` beside it is the server's own wording (English with the Chinese in brackets).
 */
export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];

/** One problem of an imported file, located as a person finds it in Excel: row number and column header. */
export const ImportProblemSchema = z
  .object({
    code: z.enum(IMPORT_PROBLEM_CODES).describe('machine-readable reason, e.g. year_outside_plan, bad_value'),
    row: z.number().int().positive().describe('1-based spreadsheet row (the header is row 1 in an exported file)'),
    column: z
      .string()
      .describe('the column header as written in the file (the expected header when the column is missing)'),
    value: z.string().describe('the cell as read, cut to 200 characters'),
    reason: z.string(),
  })
  .meta({ id: 'ImportProblem' });
export type ImportProblem = z.infer<typeof ImportProblemSchema>;

/** A revision an import creates (dry run: would create). */
export const ImportChangeSchema = z
  .object({
    row: z.number().int().positive(),
    code: z.string(),
    year: z.number().int(),
    valueText: z.string(),
    dataStatus: DataStatusSchema,
    source: z.string(),
    note: z.string().nullable(),
    qualifier: ValueQualifierSchema.nullable().describe('以上 / 左右 / 约 / 以内 as published'),
    growthRateText: z.string().nullable().describe('the comparable-price growth rate published with it, percent'),
    baseRevisionId: z
      .number()
      .int()
      .nullable()
      .describe('the revision it supersedes (the newest of that year), null when the year had none'),
    revisionId: z.number().int().nullable().describe('the pending revision created; null in a dry run'),
  })
  .meta({ id: 'ImportChange' });
export type ImportChange = z.infer<typeof ImportChangeSchema>;

/** What an import did, or (dry run) would do; with `ok: false` it is the per-row report of a rejected file. */
export const ImportReportSchema = z
  .object({
    dryRun: z.boolean(),
    ok: z.boolean().describe('false: the file was rejected and nothing was written'),
    importId: z
      .number()
      .int()
      .nullable()
      .describe('the recorded import; null in a dry run, on rejection, or when nothing changed'),
    format: z.enum(['xlsx', 'csv']),
    rows: z
      .array(ImportProblemSchema)
      .describe('the per-row report: every problem found (at most 1000 listed); empty when ok'),
    problemCount: z.number().int().nonnegative(),
    created: z.number().int().nonnegative().describe('pending revisions created (dry run: that would be created)'),
    unchanged: z
      .number()
      .int()
      .nonnegative()
      .describe('rows equal to the counted value (value, data status, source and note), skipped'),
    skipped: z.number().int().nonnegative().describe('rows with a blank value, skipped'),
    changes: z.array(ImportChangeSchema),
  })
  .meta({ id: 'ImportReport' });
export type ImportReport = z.infer<typeof ImportReportSchema>;

/** 422 `import_rejected`: a problem+json whose `report` lists every bad row; nothing was written. */
export const ImportRejectedSchema = ProblemSchema.extend({ report: ImportReportSchema }).meta({ id: 'ImportRejected' });
export type ImportRejected = z.infer<typeof ImportRejectedSchema>;
