import { z } from 'zod';
import { YearSchema } from './common.ts';
import { IndicatorCodeSchema } from './plan.ts';

/** 填报任务 (a reporting round): open until an admin closes it. */
export const ROUND_STATES = ['open', 'closed'] as const;
export type RoundState = (typeof ROUND_STATES)[number];

/** A date without time, YYYY-MM-DD; a round's values are due by the end of that day in China (UTC+8). */
export const DueDateSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date YYYY-MM-DD');

export const RoundSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    planId: z.string(),
    years: z.array(z.number().int()),
    indicators: z.array(z.string()).describe('indicator codes asked'),
    dueDate: z.string().describe('YYYY-MM-DD: due by the end of this day (UTC+8)'),
    instructions: z.string().nullable(),
    state: z.enum(ROUND_STATES),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    closedAt: z.string().nullable(),
  })
  .meta({ id: 'Round' });
export type Round = z.infer<typeof RoundSchema>;

export const CreateRoundBodySchema = z.object({
  name: z.string().trim().min(1).max(100).describe('e.g. 2025年度数据填报'),
  planId: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/),
  years: z.array(YearSchema).min(1).max(10),
  indicators: z
    .array(IndicatorCodeSchema)
    .min(1)
    .max(500)
    .optional()
    .describe('indicator codes; default: all of the plan'),
  dueDate: DueDateSchema,
  instructions: z.string().trim().max(4000).nullable().default(null),
});
export type CreateRoundBody = z.input<typeof CreateRoundBodySchema>;

/** 待填报 to_fill · 已退回 returned · 待审核 pending_review · 已通过 approved — derived from the revisions. */
export const TODO_STATUSES = ['to_fill', 'returned', 'pending_review', 'approved'] as const;
export type TodoStatus = (typeof TODO_STATUSES)[number];

export const TodoItemSchema = z
  .object({
    indicatorCode: z.string(),
    indicatorName: z.string(),
    year: z.number().int(),
    leadUnit: z.string().nullable(),
    status: z.enum(TODO_STATUSES),
    reason: z.string().nullable().describe('the reviewer’s reason when returned'),
    revisionId: z.number().int().nullable().describe('the latest revision of the year, if any'),
    valueText: z.string().nullable(),
    overdue: z.boolean().describe('past the due date and not yet submitted'),
  })
  .meta({ id: 'TodoItem' });
export type TodoItem = z.infer<typeof TodoItemSchema>;

/** A task report a round asks: 待报送 to_report · 已退回 returned · 待审核 pending_review · 已通过 approved. */
export const TASK_REPORT_TODO_STATUSES = ['to_report', 'returned', 'pending_review', 'approved'] as const;
export type TaskReportTodoStatus = (typeof TASK_REPORT_TODO_STATUSES)[number];

export const TodoTaskReportSchema = z
  .object({
    taskId: z.number().int(),
    title: z.string(),
    measureId: z.string().nullable(),
    measureTitle: z.string().nullable().describe('the measure’s label and title, e.g. （一）…'),
    leadUnit: z.string().nullable(),
    dueDate: z.string().describe('the round’s due date, YYYY-MM-DD'),
    status: z.enum(TASK_REPORT_TODO_STATUSES).describe('from the latest report submitted since the request'),
    reason: z.string().nullable().describe('the reviewer’s reason when returned'),
    reportId: z.number().int().nullable().describe('the latest report since the request, if any'),
    overdue: z.boolean().describe('past the due date and not yet submitted'),
  })
  .meta({ id: 'TodoTaskReport' });
export type TodoTaskReport = z.infer<typeof TodoTaskReportSchema>;

export const TodoRoundSchema = z
  .object({
    round: RoundSchema,
    deadline: z.string().describe('the instant the round is due (end of the due date, UTC+8), ISO'),
    overdue: z.boolean().describe('the deadline has passed and some of these items are not submitted'),
    counts: z.object({
      to_fill: z.number().int(),
      returned: z.number().int(),
      pending_review: z.number().int(),
      approved: z.number().int(),
    }),
    items: z.array(TodoItemSchema),
    taskReports: z
      .array(TodoTaskReportSchema)
      .describe('task reports (任务进展) the round asks of the user’s units (admins: all)'),
  })
  .meta({ id: 'TodoRound' });
export type TodoRound = z.infer<typeof TodoRoundSchema>;

export const TodoSchema = z
  .object({
    now: z.string(),
    rounds: z
      .array(TodoRoundSchema)
      .describe(
        'open rounds with the items this user enters (editors), reviews (reviewers) or must cover ' +
          '(admins: indicators without a lead unit)',
      ),
    unassignedIndicators: z
      .array(z.object({ planId: z.string(), code: z.string(), name: z.string() }))
      .describe('admins only: indicators without a lead unit (牵头单位), to assign'),
    reviewWaiting: z.number().int().describe('reviewers and admins: values waiting for review'),
  })
  .meta({ id: 'Todo' });
export type Todo = z.infer<typeof TodoSchema>;

export const CompletenessRowSchema = z
  .object({
    unitCode: z.string().nullable().describe('the lead unit; null: indicators nobody is in charge of'),
    unitName: z.string().nullable(),
    asked: z.number().int(),
    filled: z.number().int().describe('submitted: waiting for review or approved'),
    approved: z.number().int(),
    returned: z.number().int(),
    overdue: z.number().int().describe('not submitted (to fill or returned) after the deadline'),
    percentApproved: z.number().describe('approved / asked × 100, one decimal'),
  })
  .meta({ id: 'CompletenessRow' });
export type CompletenessRow = z.infer<typeof CompletenessRowSchema>;

export const CompletenessSchema = z
  .object({
    round: RoundSchema,
    deadline: z.string(),
    now: z.string(),
    units: z.array(CompletenessRowSchema),
    total: CompletenessRowSchema,
  })
  .meta({ id: 'Completeness' });
export type Completeness = z.infer<typeof CompletenessSchema>;
