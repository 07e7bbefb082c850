import { z } from 'zod';
import { TargetSpecSchema } from '../domain/target-kinds.ts';
import { AnnualTargetJudgementSchema } from './annual-target.ts';
import { AttributeSchema, RequiredText, ValueQualifierSchema } from './common.ts';
import { FinalVerdictSchema } from './final-verdict.ts';
import {
  ExtraReportSectionSchema,
  QuotedReasonSchema,
  ReportFrontMatterSchema,
  ReportGapSchema,
  ReportSectionSchema,
} from './official-report.ts';
import { AssessmentSchema } from './observation-write.ts';
import { COLOURS, EvaluationClassSchema, StatusSchema } from './progress.ts';
import {
  EarlyWarningItemSchema,
  EvaluationClassCountsSchema,
  ProgressTallySchema,
  StatusCountsSchema,
} from './summary.ts';

export const EVALUATION_KINDS = ['annual', 'midterm', 'final'] as const;
/** 年度评估 · 中期评估 (the middle year of the period) · 终期评估 (the target year). */
export type EvaluationKind = (typeof EVALUATION_KINDS)[number];
export const EvaluationKindSchema = z
  .enum(EVALUATION_KINDS)
  .meta({ id: 'EvaluationKind', description: 'annual 年度 | midterm 中期 | final 终期' });

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
      valueText: z
        .string()
        .nullable()
        .describe('as the plan prints it; with derived, the earliest value that stands in'),
      year: z.number().int(),
      derived: z.boolean(),
    }),
    target: z.object({ text: z.string().nullable().describe('as the plan prints it'), spec: TargetSpecSchema }),
    actuals: z
      .array(
        z.object({
          year: z.number().int(),
          valueText: z.string().nullable(),
          value: finiteOrNull,
          qualifier: ValueQualifierSchema.nullable().default(null).describe('以上 / 左右 / 约 / 以内 as published'),
          displayText: z
            .string()
            .nullable()
            .default(null)
            .describe('the value as published, with its qualifier (10以上, 约4606.2); null when there is none'),
        }),
      )
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
    assessment: AssessmentSchema.nullable().describe(
      "a reviewer's manual assessment of the year, shown beside the computed status",
    ),
    annualTarget: AnnualTargetJudgementSchema.nullable().describe(
      "the year's yearly target (年度目标) and how the value stands against it",
    ),
    basisYear: z.number().int().nullable().describe('year of the figure the status is judged on'),
    stale: z.boolean().describe('judged on a figure older than the report year'),
    statusText: bilingual.describe('the status as printed, with its stale mark: 快于预期 · 以2022年数据判断'),
    finalVerdict: FinalVerdictSchema.nullable().describe(
      '终期评估 (report year ≥ target year): the verdict on the value of the target year',
    ),
    verdictText: z
      .string()
      .describe('完成情况 as printed: the final verdict at plan end, else the status with its stale mark'),
    responsibleUnit: z.string().nullable().describe('the unit in charge of the indicator'),
    remark: z.string().describe('备注: data status (初步核算/预计数), 以YYYY年数据判断, source'),
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

/** Counts of indicators by final verdict. */
export const FinalVerdictCountsSchema = z
  .object({
    total: z.number().int().nonnegative(),
    achieved: z.number().int().nonnegative(),
    exceeded: z.number().int().nonnegative().describe('of the achieved, 超额完成'),
    notAchieved: z.number().int().nonnegative(),
    missingData: z.number().int().nonnegative(),
    targetPending: z.number().int().nonnegative(),
    monitoring: z.number().int().nonnegative(),
    provisional: z.number().int().nonnegative().describe('verdicts judged on a preliminary or estimated value'),
  })
  .meta({ id: 'FinalVerdictCounts' });
export type FinalVerdictCounts = z.infer<typeof FinalVerdictCountsSchema>;

export const FinalTallySchema = z
  .object({ all: FinalVerdictCountsSchema, binding: FinalVerdictCountsSchema, expected: FinalVerdictCountsSchema })
  .meta({ id: 'FinalTally' });
export type FinalTally = z.infer<typeof FinalTallySchema>;

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
    elapsedShare: z
      .number()
      .finite()
      .describe("the plan's 序时进度 in the evaluation year: (year − baseline year)/(target year − baseline year)"),
    years: z.array(z.number().int()).describe('the years of the actual-value columns, oldest first'),
    total: z.number().int().nonnegative(),
    byStatus: StatusCountsSchema,
    byClass: EvaluationClassCountsSchema,
    byAttribute: z.object({ binding: ProgressTallySchema, expected: ProgressTallySchema }),
    earlyWarning: z
      .array(EarlyWarningItemSchema)
      .describe(
        'binding indicators that are yellow or red, worst first, then those with a pending target or no current figure',
      ),
    finalTally: FinalTallySchema.nullable().describe(
      '终期评估: counts by final verdict, overall and by attribute; null before the target year',
    ),
    annualTargets: AnnualTargetTallySchema,
    areas: z.array(EvaluationAreaSchema),
    draftNarrative: z.string().describe('the narrative drafted from the figures'),
    generatedAt: z.string().describe('when the data was read (ISO 8601)'),
    reasons: z
      .array(QuotedReasonSchema)
      .describe(
        "the responsible units' approved 原因说明 and 下一步措施 for the year, quoted in 存在的问题 and 下一步建议",
      ),
    issuedSections: z
      .array(ReportSectionSchema)
      .nullable()
      .describe('the section texts as issued; null for a live draft'),
    issuedUnit: z.string().nullable().describe('the issuing unit as issued; null for a live draft'),
    issuedExtraSections: z
      .array(ExtraReportSectionSchema)
      .nullable()
      .describe('the extra sections (重点任务落实情况) as issued; null for a live draft'),
  })
  .meta({ id: 'EvaluationSnapshot' });
export type EvaluationSnapshot = z.infer<typeof EvaluationSnapshotSchema>;

/** Who issued a report, and when. */
export const IssuedReportRefSchema = z
  .object({
    id: z.number().int(),
    createdBy: z.string().nullable().describe('username'),
    createdByName: z.string().nullable().describe('display name (真实姓名) of who issued it, else the username'),
    createdAt: z.string(),
  })
  .meta({ id: 'IssuedReportRef' });

/** An evaluation report: an issued one (frozen as of its creation) or a live draft (issued: null). */
export const EvaluationReportSchema = EvaluationSnapshotSchema.extend({
  narrative: z.string().describe('the issued narrative, or the drafted one for a live report'),
  issued: IssuedReportRefSchema.nullable().describe('null for a live draft computed now'),
  frontMatter: ReportFrontMatterSchema,
  sections: z.array(ReportSectionSchema).describe('一、总体评价 二、主要指标完成情况 三、存在的问题 四、下一步建议'),
  extraSections: z
    .array(ExtraReportSectionSchema)
    .describe('optional sections other modules provide (e.g. 重点任务落实情况)'),
  gaps: z
    .array(ReportGapSchema)
    .describe('what the report lacks: binding indicators first, then reasons not yet given'),
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
    createdByName: z.string().nullable().describe('display name (真实姓名) of who issued it, else the username'),
    createdAt: z.string(),
  })
  .meta({ id: 'ReportListItem' });
export type ReportListItem = z.infer<typeof ReportListItemSchema>;
