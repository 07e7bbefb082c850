import { z } from 'zod';
import { TargetSpecSchema } from '../domain/target-kinds.ts';
import { AnnualTargetJudgementSchema } from './annual-target.ts';
import { AttributeSchema, RequiredText } from './common.ts';
import { AssessmentSchema } from './observation-write.ts';
import { COLOURS, EvaluationClassSchema, StatusSchema } from './progress.ts';
import { EarlyWarningItemSchema, EvaluationClassCountsSchema, ProgressTallySchema, StatusCountsSchema } from './summary.ts';

export const EVALUATION_KINDS = ['annual', 'midterm', 'final'] as const;
/** 年度评估 · 中期评估 (the middle year of the period) · 终期评估 (the target year). */
export type EvaluationKind = (typeof EVALUATION_KINDS)[number];
export const EvaluationKindSchema = z.enum(EVALUATION_KINDS).meta({ id: 'EvaluationKind', description: 'annual 年度 | midterm 中期 | final 终期' });

const bilingual = z.object({ zh: z.string(), en: z.string() });
const finiteOrNull = z.number().finite().nullable();

/** One indicator's line of the evaluation table. */
export const EvaluationRowSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    position: z.number().int(),
    unit: z.string(),
    attribute: AttributeSchema,
    attributeLabel: z.string().describe('约束性 or 预期性'),
    baseline: z.object({
      valueText: z.string().nullable().describe('as the plan prints it; with derived, the earliest value that stands in'),
      year: z.number().int(),
      derived: z.boolean(),
    }),
    target: z.object({ text: z.string().nullable().describe('as the plan prints it'), spec: TargetSpecSchema }),
    actuals: z
      .array(z.object({ year: z.number().int(), valueText: z.string().nullable(), value: finiteOrNull }))
      .describe("the counted (approved) value of each of the report's years, null when none"),
    completion: finiteOrNull.describe('完成进度 c as a fraction (null where the kind has none)'),
    completionText: z.string().describe('完成进度 as printed: c in percent, 年均m% for rate targets, — when none'),
    elapsedShare: finiteOrNull.describe('序时进度 e as a fraction, at the latest year with a value'),
    elapsedText: z.string().describe('序时进度 as printed'),
    scheduleRatio: finiteOrNull,
    latestYear: z.number().int().nullable(),
    status: StatusSchema,
    label: bilingual.describe('评价: the status label'),
    colour: z.enum(COLOURS),
    evaluationClass: EvaluationClassSchema,
    explanation: bilingual,
    assessment: AssessmentSchema.nullable().describe("a reviewer's manual assessment of the year, shown beside the computed status"),
    annualTarget: AnnualTargetJudgementSchema.nullable().describe("the year's yearly target (年度目标) and how the value stands against it"),
  })
  .meta({ id: 'EvaluationRow' });
export type EvaluationRow = z.infer<typeof EvaluationRowSchema>;

/** One area (类别) of the plan: its rows and counts. */
export const EvaluationAreaSchema = z
  .object({ code: z.string(), name: z.string(), tally: ProgressTallySchema, rows: z.array(EvaluationRowSchema) })
  .meta({ id: 'EvaluationArea' });
export type EvaluationArea = z.infer<typeof EvaluationAreaSchema>;

/** Counts of the yearly targets of the report's year. */
export const AnnualTargetTallySchema = z
  .object({
    total: z.number().int().nonnegative(),
    achieved: z.number().int().nonnegative(),
    notAchieved: z.number().int().nonnegative(),
    insufficientData: z.number().int().nonnegative(),
  })
  .meta({ id: 'AnnualTargetTally' });

/** The evaluation as computed from the data: what an issued report freezes. */
export const EvaluationSnapshotSchema = z
  .object({
    planId: z.string(),
    planTitle: z.string(),
    year: z.number().int().describe('the evaluation year'),
    kind: EvaluationKindSchema,
    kindLabel: bilingual,
    title: z.string().describe('the report title, e.g. …2023年度评估报告'),
    baselineYear: z.number().int(),
    targetYear: z.number().int(),
    elapsedShare: z.number().finite().describe("the plan's 序时进度 in the evaluation year: (year − baseline year)/(target year − baseline year)"),
    years: z.array(z.number().int()).describe('the years of the actual-value columns, oldest first'),
    total: z.number().int().nonnegative(),
    byStatus: StatusCountsSchema,
    byClass: EvaluationClassCountsSchema,
    byAttribute: z.object({ binding: ProgressTallySchema, expected: ProgressTallySchema }),
    earlyWarning: z.array(EarlyWarningItemSchema).describe('binding indicators that are yellow or red, worst first'),
    annualTargets: AnnualTargetTallySchema,
    areas: z.array(EvaluationAreaSchema),
    draftNarrative: z.string().describe('the narrative drafted from the figures'),
    generatedAt: z.string().describe('when the data was read (ISO 8601)'),
  })
  .meta({ id: 'EvaluationSnapshot' });
export type EvaluationSnapshot = z.infer<typeof EvaluationSnapshotSchema>;

/** Who issued a report, and when. */
export const IssuedReportRefSchema = z
  .object({ id: z.number().int(), createdBy: z.string().nullable().describe('username'), createdAt: z.string() })
  .meta({ id: 'IssuedReportRef' });

/** An evaluation report: an issued one (frozen as of its creation) or a live draft (issued: null). */
export const EvaluationReportSchema = EvaluationSnapshotSchema.extend({
  narrative: z.string().describe('the issued narrative, or the drafted one for a live report'),
  issued: IssuedReportRefSchema.nullable().describe('null for a live draft computed now'),
}).meta({ id: 'EvaluationReport', description: 'An evaluation report (年度/中期/终期评估) of a plan for a year.' });
export type EvaluationReport = z.infer<typeof EvaluationReportSchema>;

/** POST /plans/{planId}/evaluations: issue a report of a year, with the (edited) narrative. */
export const EvaluationIssueSchema = z
  .object({
    year: z.number().int().min(1949).max(2100),
    narrative: RequiredText(20000).optional().describe('the edited narrative; default: the drafted one'),
  })
  .meta({ id: 'EvaluationIssue' });
export type EvaluationIssue = z.infer<typeof EvaluationIssueSchema>;

/** An issued report in a list. */
export const ReportListItemSchema = z
  .object({
    id: z.number().int(),
    planId: z.string(),
    year: z.number().int(),
    kind: EvaluationKindSchema,
    title: z.string(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'ReportListItem' });
export type ReportListItem = z.infer<typeof ReportListItemSchema>;
