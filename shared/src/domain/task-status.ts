/*
 * The status of a ledger task (任务台账) and its roll-up to measures and sections, exactly as
 * shared/docs/task-status.md sets it. Pure: dates in, status with the rule and the figures out.
 */

export const TASK_STATUSES = [
  'completed',
  'not_started',
  'overdue',
  'report_missing',
  'on_schedule',
  'behind',
] as const;
/** completed 已完成 · not_started 未启动 · overdue 逾期未完成 · report_missing 逾期未报 · on_schedule 序时推进 · behind 进度滞后 */
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_COLOURS = ['grey', 'green', 'yellow', 'red'] as const;
/** The light (红黄绿灯) of a task; grey: not started and not yet due to start. */
export type TaskColour = (typeof TASK_COLOURS)[number];

/** Chinese labels of the task statuses, as the method names them. */
export const TASK_STATUS_ZH: Readonly<Record<TaskStatus, string>> = {
  completed: '已完成',
  not_started: '未启动',
  overdue: '逾期未完成',
  report_missing: '逾期未报',
  on_schedule: '序时推进',
  behind: '进度滞后',
};

/** Days a task may go without an approved report after its start before not_started turns red. */
export const NOT_STARTED_GRACE_DAYS = 30;
/** The tolerance of the schedule test: k ≥ e − 0.10. */
export const SCHEDULE_TOLERANCE = 0.1;

/** A milestone of a task: its due date and whether the latest approved report marks it done. */
export interface MilestoneInput {
  id: number;
  dueDate: string;
}

/** The latest approved progress report of a task, as the status needs it. */
export interface ApprovedReportInput {
  id: number;
  completed: boolean;
  /** ids of the milestones the report marks done */
  milestonesDone: readonly number[];
  /** the reported percentage (0–100), used when the task has no milestones */
  percent: number | null;
}

/** A report asked for by an open reporting round. */
export interface RequestedReportInput {
  dueDate: string;
  /** whether the lead unit has submitted a report for it */
  submitted: boolean;
}

/** Everything the status of one task depends on. Dates are ISO `YYYY-MM-DD` (UTC days). */
export interface TaskStatusInput {
  startDate: string;
  dueDate: string;
  milestones: readonly MilestoneInput[];
  latestApproved: ApprovedReportInput | null;
  requested: readonly RequestedReportInput[];
  now: string;
}

/** The figures a status was computed from, so that a reader can redo it by hand. */
export interface TaskStatusFigures {
  now: string;
  startDate: string;
  dueDate: string;
  /** elapsed share of the period, clamped to [0, 1], rounded to 4 decimals */
  elapsed: number;
  /** k: share of milestones done (or reported percentage / 100), 4 decimals; null without an approved report */
  done: number | null;
  milestonesTotal: number;
  milestonesDone: number;
  /** milestones whose date is on or before now */
  milestonesDue: number;
  /** milestones past their date and not done */
  milestonesLate: number;
  /** days after the due date (0 when not past it) */
  daysPastDue: number;
}

/** A task's status with the rule that fired, the figures and the report it used. */
export interface TaskStatusResult {
  status: TaskStatus;
  colour: TaskColour;
  /** the rule that fired, in words (zh-CN) */
  rule: string;
  figures: TaskStatusFigures;
  /** the approved report used, null when none */
  reportId: number | null;
}

const DAY_MS = 86_400_000;
const dayOf = (iso: string) =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** Whole days from `a` to `b` (ISO dates); negative when b is earlier. */
export function daysBetween(a: string, b: string): number {
  return dayOf(b) - dayOf(a);
}

/**
 * The status of one task on `now` (first rule that applies, task-status.md):
 * completed → not_started → overdue → report_missing → on_schedule → behind.
 * Reading of the on_schedule rule: every milestone due by now is done (none due counts as met: a
 * milestone past its date and not done makes the task behind at best) and k ≥ e − 0.10, compared
 * exactly in integers (k = done/total or percent/100, e = elapsed days/period days).
 */
export function taskStatus(input: TaskStatusInput): TaskStatusResult {
  const { startDate, dueDate, milestones, latestApproved: report, requested, now } = input;
  const span = Math.max(0, daysBetween(startDate, dueDate));
  const gone = daysBetween(startDate, now);
  // e = en / ed, clamped
  let en = Math.min(Math.max(gone, 0), span);
  let ed = span;
  if (span === 0) {
    en = gone >= 0 ? 1 : 0;
    ed = 1;
  }
  const doneSet = new Set(report?.milestonesDone ?? []);
  const total = milestones.length;
  const doneCount = milestones.filter((m) => doneSet.has(m.id)).length;
  const due = milestones.filter((m) => daysBetween(m.dueDate, now) >= 0);
  const late = due.filter((m) => !doneSet.has(m.id));
  // k = kn / kd
  let kn = 0;
  let kd = 1;
  if (report) {
    if (total > 0) {
      kn = doneCount;
      kd = total;
    } else {
      kn = Math.min(Math.max(report.percent ?? 0, 0), 100);
      kd = 100;
    }
  }
  const figures: TaskStatusFigures = {
    now,
    startDate,
    dueDate,
    elapsed: round4(en / ed),
    done: report ? round4(kn / kd) : null,
    milestonesTotal: total,
    milestonesDone: doneCount,
    milestonesDue: due.length,
    milestonesLate: late.length,
    daysPastDue: Math.max(0, daysBetween(dueDate, now)),
  };
  const reportId = report?.id ?? null;
  const result = (status: TaskStatus, colour: TaskColour, rule: string): TaskStatusResult => ({
    status,
    colour,
    rule,
    figures,
    reportId,
  });

  if (report?.completed) return result('completed', 'green', '审核通过的进展报告标记已完成');
  if (!report) {
    const late30 = gone > NOT_STARTED_GRACE_DAYS;
    return result(
      'not_started',
      late30 ? 'red' : 'grey',
      late30
        ? `无审核通过的进展报告，已超过开始日期${NOT_STARTED_GRACE_DAYS}天（${gone}天）`
        : `无审核通过的进展报告，未超过开始日期后${NOT_STARTED_GRACE_DAYS}天`,
    );
  }
  if (daysBetween(dueDate, now) > 0) return result('overdue', 'red', `已过完成时限${figures.daysPastDue}天，未完成`);
  const missing = requested.filter((r) => !r.submitted && daysBetween(r.dueDate, now) > 0);
  if (missing.length > 0)
    return result('report_missing', 'red', `报送轮次要求的进展报告已过报送期限（${missing.length}项）`);
  // k ≥ e − 0.10  ⇔  10·kn·ed ≥ (10·en − ed)·kd
  const onPace = 10 * kn * ed >= (10 * en - ed) * kd;
  if (late.length === 0 && onPace) {
    return result(
      'on_schedule',
      'green',
      `到期里程碑均已完成，完成比例${figures.done}不低于时间进度${figures.elapsed}减0.10`,
    );
  }
  const why =
    late.length > 0
      ? `${late.length}个里程碑已过期限未完成`
      : `完成比例${figures.done}低于时间进度${figures.elapsed}减0.10`;
  return result('behind', 'yellow', why);
}

const SEVERITY: Readonly<Record<TaskColour, number>> = { grey: 0, green: 1, yellow: 2, red: 3 };

/** Counts by status and the worst colour of a group of tasks (a measure) or of measures (a section). */
export interface StatusRollup {
  counts: Record<TaskStatus, number>;
  total: number;
  /** the worst colour (red > yellow > green > grey); null when there is nothing to roll up */
  colour: TaskColour | null;
}

const emptyCounts = (): Record<TaskStatus, number> => ({
  completed: 0,
  not_started: 0,
  overdue: 0,
  report_missing: 0,
  on_schedule: 0,
  behind: 0,
});

/** Worst of two colours (red > yellow > green > grey); null is nothing. */
export function worseColour(a: TaskColour | null, b: TaskColour | null): TaskColour | null {
  if (a === null) return b;
  if (b === null) return a;
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}

/** A measure's roll-up: its tasks counted by status, with the worst colour (task-status.md, Roll-up). */
export function rollupTasks(tasks: readonly Pick<TaskStatusResult, 'status' | 'colour'>[]): StatusRollup {
  const counts = emptyCounts();
  let colour: TaskColour | null = null;
  for (const t of tasks) {
    counts[t.status] += 1;
    colour = worseColour(colour, t.colour);
  }
  return { counts, total: tasks.length, colour };
}

/** A section's roll-up: the same over its measures' roll-ups (counts summed, worst colour). */
export function rollupMeasures(measures: readonly StatusRollup[]): StatusRollup {
  const counts = emptyCounts();
  let colour: TaskColour | null = null;
  let total = 0;
  for (const m of measures) {
    for (const s of TASK_STATUSES) counts[s] += m.counts[s];
    total += m.total;
    colour = worseColour(colour, m.colour);
  }
  return { counts, total, colour };
}
