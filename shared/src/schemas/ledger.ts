import { z } from 'zod';
import { TASK_COLOURS, TASK_STATUSES } from '../domain/task-status.ts';
import { ProblemSchema, ReviewStateSchema } from './common.ts';
import { UnitCodeSchema } from './unit.ts';

/* The measures ledger (任务台账): policy documents, measures, key projects, tasks, progress reports. */

export const POLICY_LEVELS = ['central', 'province', 'city'] as const;
/** central 中央 · province 省 · city 市 */
export type PolicyLevel = (typeof POLICY_LEVELS)[number];
export const PolicyLevelSchema = z
  .enum(POLICY_LEVELS)
  .meta({ id: 'PolicyLevel', description: 'central 中央 | province 省 | city 市' });

/** One numbered measure as printed (seed data). */
export interface PolicyMeasureDefinition {
  code: string;
  no: number;
  label: string;
  title: string;
  text: string;
}
/** A section of a policy document (二、… 八、) with its measures (seed data). */
export interface PolicySectionDefinition {
  no: string;
  title: string;
  measures: PolicyMeasureDefinition[];
}
/** A policy document with its sections (seed data). */
export interface PolicyDocumentDefinition {
  id: string;
  level: PolicyLevel;
  title: string;
  issuer: string;
  documentNo: string | null;
  issuedOn: string | null;
  partial: boolean;
  partialNote: string | null;
  sourceFile: string;
  sections: PolicySectionDefinition[];
}
/** A default alignment link: a lower-level measure passes down a higher-level one (seed data). */
export interface MeasureLinkDefinition {
  from: string;
  to: string;
  evidence: string;
}
/** A 专栏 box of key projects (seed data). */
export interface KeyProjectBoxDefinition {
  no: number;
  title: string;
  sourceLine: number;
  projects: { code: string; name: string; text: string }[];
}

export const TaskStatusSchema = z.enum(TASK_STATUSES).meta({
  id: 'TaskStatus',
  description:
    'completed 已完成 | not_started 未启动 | overdue 逾期未完成 | report_missing 逾期未报 | on_schedule 序时推进 | behind 进度滞后',
});
export const TaskColourSchema = z.enum(TASK_COLOURS).meta({ id: 'TaskColour' });

const IsoDate = z.iso.date().describe('YYYY-MM-DD');

export const TaskStatusResultSchema = z
  .object({
    status: TaskStatusSchema,
    colour: TaskColourSchema,
    rule: z.string().describe('the rule that fired'),
    figures: z.object({
      now: z.string(),
      startDate: z.string(),
      dueDate: z.string(),
      elapsed: z.number().describe('e: elapsed share of the period, clamped to [0, 1]'),
      done: z.number().nullable().describe('k: share of milestones done, or the reported percentage / 100'),
      milestonesTotal: z.number().int(),
      milestonesDone: z.number().int(),
      milestonesDue: z.number().int(),
      milestonesLate: z.number().int(),
      daysPastDue: z.number().int(),
    }),
    reportId: z.number().int().nullable().describe('the approved report used'),
  })
  .meta({ id: 'TaskStatusResult' });

export const StatusRollupSchema = z
  .object({
    counts: z
      .object({
        completed: z.number().int(),
        not_started: z.number().int(),
        overdue: z.number().int(),
        report_missing: z.number().int(),
        on_schedule: z.number().int(),
        behind: z.number().int(),
      })
      .describe('tasks by status (one field per TaskStatus)'),
    total: z.number().int(),
    colour: TaskColourSchema.nullable().describe('worst colour; null when there is no task'),
  })
  .meta({ id: 'StatusRollup' });

export const PolicyDocumentSchema = z
  .object({
    id: z.string(),
    level: PolicyLevelSchema,
    title: z.string(),
    issuer: z.string(),
    documentNo: z.string().nullable(),
    issuedOn: z.string().nullable(),
    partial: z.boolean().describe('true: the source holds only part of the document'),
    partialNote: z.string().nullable(),
    sectionCount: z.number().int(),
    measureCount: z.number().int(),
  })
  .meta({ id: 'PolicyDocument' });
export type PolicyDocument = z.infer<typeof PolicyDocumentSchema>;

export const SectionRefSchema = z.object({ no: z.string().describe('printed number, e.g. 二'), title: z.string() });

export const MeasureSummarySchema = z
  .object({
    id: z.string(),
    documentId: z.string(),
    level: PolicyLevelSchema,
    label: z.string().describe('printed number, e.g. （一）'),
    no: z.number().int(),
    title: z.string().describe('title exactly as printed'),
    section: SectionRefSchema,
    taskCount: z.number().int(),
    rollup: StatusRollupSchema,
  })
  .meta({ id: 'MeasureSummary' });
export type MeasureSummary = z.infer<typeof MeasureSummarySchema>;

export const AlignedMeasureSchema = z
  .object({
    id: z.string(),
    documentId: z.string(),
    level: PolicyLevelSchema,
    label: z.string(),
    title: z.string(),
    direction: z
      .enum(['up', 'down'])
      .describe('up: the higher-level measure this one passes down; down: a lower-level one passing this down'),
    evidence: z.string().nullable().describe('wording both measures print'),
    isDefault: z.boolean().describe('true: a default link from the seed, not yet changed by an admin'),
    linkId: z.number().int(),
  })
  .meta({ id: 'AlignedMeasure' });

export const MilestoneWriteSchema = z.object({ title: z.string().trim().min(1).max(200), dueDate: IsoDate });
export const MilestoneSchema = z
  .object({ id: z.number().int(), title: z.string(), dueDate: z.string(), done: z.boolean() })
  .meta({ id: 'Milestone' });

export const TaskWriteSchema = z
  .object({
    measureId: z.string().max(40).nullish().describe('the measure the task breaks down (or projectId)'),
    projectId: z.string().max(40).nullish().describe('the key project the task breaks down (or measureId)'),
    title: z.string().trim().min(1).max(300),
    leadUnit: UnitCodeSchema.nullable().describe('牵头单位; null leaves it open (flagged on the alignment view)'),
    contributingUnits: z.array(UnitCodeSchema).max(50).default([]).describe('配合单位'),
    startDate: IsoDate,
    dueDate: IsoDate,
    milestones: z.array(MilestoneWriteSchema).max(50).default([]),
    indicatorCodes: z
      .array(z.string().max(64))
      .max(20)
      .default([])
      .describe('linked plan indicators (codes of the default plan)'),
  })
  .meta({ id: 'TaskWrite' });
export type TaskWrite = z.infer<typeof TaskWriteSchema>;

export const EvidenceSchema = z
  .object({
    id: z.number().int(),
    filename: z.string(),
    mime: z.string().describe('type detected from the content'),
    size: z.number().int(),
    sha256: z.string(),
    uploadedAt: z.string(),
  })
  .meta({ id: 'Evidence' });

export const TaskReportSchema = z
  .object({
    id: z.number().int(),
    taskId: z.number().int(),
    period: z.string(),
    progress: z.string(),
    milestonesDone: z.array(z.number().int()),
    percent: z.number().int().nullable(),
    completed: z.boolean(),
    problems: z.string().nullable(),
    nextSteps: z.string().nullable(),
    state: ReviewStateSchema,
    submittedBy: z.string().nullable(),
    submittedAt: z.string(),
    reviewedBy: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    reviewNote: z.string().nullable(),
    evidence: z.array(EvidenceSchema),
  })
  .meta({ id: 'TaskReport' });
export type TaskReport = z.infer<typeof TaskReportSchema>;

export const TaskReportWriteSchema = z
  .object({
    period: z.string().trim().min(1).max(40).describe('reporting period, e.g. 2026-Q3 or 2026年6月'),
    progress: z.string().trim().min(1).max(5000).describe('进展情况'),
    milestonesDone: z.array(z.number().int()).max(50).default([]).describe('ids of the milestones done by now'),
    percent: z.number().int().min(0).max(100).nullish().describe('percentage done, for a task without milestones'),
    completed: z.boolean().default(false).describe('the task is done (完成)'),
    problems: z.string().trim().max(5000).nullish().describe('存在问题'),
    nextSteps: z.string().trim().max(5000).nullish().describe('下一步工作'),
  })
  .meta({ id: 'TaskReportWrite' });
export type TaskReportWrite = z.infer<typeof TaskReportWriteSchema>;

export const TaskSchema = z
  .object({
    id: z.number().int(),
    measureId: z.string().nullable(),
    projectId: z.string().nullable(),
    title: z.string(),
    leadUnit: z.string().nullable(),
    contributingUnits: z.array(z.string()),
    startDate: z.string(),
    dueDate: z.string(),
    milestones: z.array(MilestoneSchema),
    indicatorCodes: z.array(z.string()),
    status: TaskStatusResultSchema,
    latestReport: TaskReportSchema.nullable().describe('the newest report in any state'),
    reportRequests: z
      .array(z.object({ roundId: z.number().int(), dueDate: z.string(), submitted: z.boolean() }))
      .describe('reports asked for by open reporting rounds: due date, and whether a report was submitted since'),
    createdAt: z.string(),
  })
  .meta({ id: 'Task' });
export type Task = z.infer<typeof TaskSchema>;

export const MeasureDetailSchema = MeasureSummarySchema.extend({
  text: z.string().describe('the full printed paragraph'),
  documentTitle: z.string(),
  alignedTo: z.array(AlignedMeasureSchema),
  tasks: z.array(TaskSchema),
}).meta({ id: 'MeasureDetail' });
export type MeasureDetail = z.infer<typeof MeasureDetailSchema>;

export const KeyProjectBoxSchema = z
  .object({
    no: z.number().int(),
    title: z.string(),
    projects: z.array(z.object({ id: z.string(), name: z.string(), text: z.string(), taskCount: z.number().int() })),
  })
  .meta({ id: 'KeyProjectBox' });

export const ReturnReasonSchema = z.object({ reason: z.string().trim().min(1).max(2000) });

/** The data of the evaluation report's section 重点任务落实情况. */
export const LedgerReportSectionSchema = z
  .object({
    asOf: z.string(),
    documentId: z.string(),
    sections: z.array(
      z.object({
        no: z.string(),
        title: z.string(),
        measureCount: z.number().int(),
        measuresWithoutTask: z.number().int(),
        rollup: StatusRollupSchema,
      }),
    ),
    total: StatusRollupSchema,
    overdue: z.array(
      z.object({
        taskId: z.number().int(),
        title: z.string(),
        measureId: z.string().nullable(),
        measureTitle: z.string().nullable(),
        leadUnit: z.string().nullable(),
        contributingUnits: z.array(z.string()),
        dueDate: z.string(),
        daysPastDue: z.number().int(),
        status: TaskStatusSchema,
      }),
    ),
  })
  .meta({ id: 'LedgerReportSection' });
export type LedgerReportSection = z.infer<typeof LedgerReportSectionSchema>;

/** A row of the ledger workbook that an import would create (or created). */
export const LedgerImportReportSchema = z
  .object({
    ok: z.boolean(),
    dryRun: z.boolean(),
    rows: z.number().int(),
    created: z.array(z.object({ row: z.number().int(), title: z.string(), taskId: z.number().int().nullable() })),
    problems: z.array(z.object({ row: z.number().int(), column: z.string(), value: z.string(), reason: z.string() })),
  })
  .meta({ id: 'LedgerImportReport' });
export type LedgerImportReport = z.infer<typeof LedgerImportReportSchema>;

/** 422 `import_rejected` from the ledger import: a problem+json whose `report` lists every bad row; nothing was written. */
export const LedgerImportRejectedSchema = ProblemSchema.extend({ report: LedgerImportReportSchema }).meta({
  id: 'LedgerImportRejected',
});
export type LedgerImportRejected = z.infer<typeof LedgerImportRejectedSchema>;

/** A link between two measures (a Ganzhou measure answering a Jiangxi one, …); defaults come from the seed. */
export const MeasureLinkSchema = z
  .object({
    id: z.number().int(),
    from: z.string(),
    to: z.string(),
    evidence: z.string().nullable(),
    isDefault: z.boolean(),
  })
  .meta({ id: 'MeasureLink' });
export type MeasureLink = z.infer<typeof MeasureLinkSchema>;

/** GET /alignment: the documents, their measures, the links between them and the tasks without a lead unit. */
export const AlignmentSchema = z
  .object({
    documents: z.array(PolicyDocumentSchema),
    measures: z.array(MeasureSummarySchema),
    links: z.array(MeasureLinkSchema),
    tasksWithoutLead: z.array(
      z.object({
        id: z.number().int(),
        title: z.string(),
        measureId: z.string().nullable(),
        projectId: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'Alignment' });
export type Alignment = z.infer<typeof AlignmentSchema>;

/** A progress report in the review queue, with its task's title and lead unit. */
export const QueuedReportSchema = TaskReportSchema.extend({ taskTitle: z.string(), leadUnit: z.string().nullable() });
export type QueuedReport = z.infer<typeof QueuedReportSchema>;
