import { z } from 'zod';
import { DirectionSchema, TARGET_KINDS } from '../domain/target-kinds.ts';
import { COLOURS, EvaluationClassSchema, StatusSchema } from './progress.ts';
import { AnnualTargetSchema } from './annual-target.ts';
import { ObservationSchema } from './indicator.ts';

const finiteOrNull = z.number().finite().nullable();
const count = z.number().int().nonnegative();

// COUNTED (#15 item 2): a point carries its values as published, so a chart needs the trajectory alone
/** A revision behind a point of a trajectory, as published: what a tooltip says about the number. */
export const TrajectoryValueSchema = ObservationSchema.pick({
  revisionId: true,
  valueText: true,
  qualifier: true,
  displayText: true,
  growthRateText: true,
  dataStatus: true,
  source: true,
  reviewState: true,
}).meta({ id: 'TrajectoryValue', description: 'a revision behind a point of a trajectory, as published' });
export type TrajectoryValue = z.infer<typeof TrajectoryValueSchema>;

/** The yearly target (年度目标) of a point as its source sets it. */
export const TrajectoryAnnualTargetSchema = AnnualTargetSchema.pick({
  spec: true,
  text: true,
  source: true,
  basis: true,
}).meta({ id: 'TrajectoryAnnualTarget', description: 'the yearly target of a point: wording, source, basis' });
export type TrajectoryAnnualTarget = z.infer<typeof TrajectoryAnnualTargetSchema>;

/** One year of a trajectory chart: the expected path, the counted value and a value awaiting review. */
export const TrajectoryPointSchema = z
  .object({
    year: z.number().int(),
    expected: finiteOrNull.describe(
      'expected value of the year: the linear path from the baseline to the target (level, approx), the target itself ' +
        '(floor, maintain), the target rate r (annual_rate) or the even annual cut that adds up to the target ' +
        '(cumulative_reduction); null where there is no numeric target',
    ),
    actual: finiteOrNull.describe('counted value of the year; in the baseline year, the (effective) baseline value'),
    pending: finiteOrNull.describe('value awaiting review, shown apart; it does not count towards the status'),
    annualTarget: finiteOrNull
      .optional()
      .describe(
        "the year's yearly target (年度目标) in the unit of the points (a growth target as the previous value grown by it); null when none is set",
      ),
    annualTargetSet: TrajectoryAnnualTargetSchema.nullable()
      .optional()
      .describe('the yearly target in force for the year as set (wording, source, basis); null when none is set'),
    countedValue: TrajectoryValueSchema.nullable()
      .optional()
      .describe(
        "the year's counted revision (newest approved) as published, with source, data status and review state; " +
          'null when the year has none (the baseline year shows the plan baseline)',
      ),
    pendingValue: TrajectoryValueSchema.nullable()
      .optional()
      .describe("the year's newest pending revision as published (only when pending values are asked for); else null"),
  })
  .meta({ id: 'TrajectoryPoint', description: 'One year of a trajectory chart.' });
export type TrajectoryPoint = z.infer<typeof TrajectoryPointSchema>;

/** An indicator's path from the baseline year to the target year, ready to chart. */
export const TrajectorySchema = z
  .object({
    kind: z.enum(TARGET_KINDS).describe('target kind: decides what `expected` and `target` mean'),
    direction: DirectionSchema,
    baseline: z
      .object({
        year: z.number().int(),
        value: finiteOrNull,
        derived: z.boolean().describe('true when the plan gave no baseline and the earliest value stands in'),
      })
      .describe('the effective baseline the expected path starts from'),
    targetYear: z.number().int(),
    target: z
      .object({
        value: finiteOrNull.describe(
          'reference line in the unit of the points: X (level, approx, floor, maintain), r (annual_rate), the even annual ' +
            'cut (cumulative_reduction), the baseline value (qualitative); null when there is none',
        ),
        lower: finiteOrNull.describe(
          'lower edge of the tolerance band (approx: X − tol; annual_rate: r − tol; qualitative stable rules: x0 − band)',
        ),
        upper: finiteOrNull.describe('upper edge of the tolerance band'),
      })
      .describe('the target line and its tolerance band'),
    points: z.array(TrajectoryPointSchema).describe('one point per year from the baseline year to the target year'),
  })
  .meta({
    id: 'Trajectory',
    description: 'Expected path, counted and pending values of one indicator, from baseline year to target year.',
  });
export type Trajectory = z.infer<typeof TrajectorySchema>;

/** One count per member of an enum, each a named (required) property, so OpenAPI defines every one. */
const countsOf = <const K extends string>(keys: readonly K[]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, count])) as Record<K, typeof count>);

/** How many indicators have each status; every status is present, with 0 when none has it. */
export const StatusCountsSchema = countsOf(StatusSchema.options).meta({
  id: 'StatusCounts',
  description: 'number of indicators per status (every status present)',
});
export type StatusCounts = z.infer<typeof StatusCountsSchema>;

/** How many indicators fall in each evaluation class; every class is present. */
export const EvaluationClassCountsSchema = countsOf(EvaluationClassSchema.options).meta({
  id: 'EvaluationClassCounts',
  description: 'number of indicators per evaluation class (every class present)',
});
export type EvaluationClassCounts = z.infer<typeof EvaluationClassCountsSchema>;

/** Counts of a group of indicators. */
export const ProgressTallySchema = z
  .object({
    total: count.describe('number of indicators in the group'),
    byStatus: StatusCountsSchema,
    byClass: EvaluationClassCountsSchema,
  })
  .meta({ id: 'ProgressTally', description: 'counts of a group of indicators' });
export type ProgressTally = z.infer<typeof ProgressTallySchema>;

export const EARLY_WARNING_REASONS = ['status', 'target_pending', 'missing_data', 'stale_data'] as const;
/** status (yellow/red) · target_pending 目标未下达 · missing_data 数据缺失 · stale_data 数据滞后 */
export type EarlyWarningReason = (typeof EARLY_WARNING_REASONS)[number];
export const EarlyWarningReasonSchema = z.enum(EARLY_WARNING_REASONS).meta({ id: 'EarlyWarningReason' });

/** A binding indicator in the early-warning (预警) list. */
export const EarlyWarningItemSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    category: z.object({ code: z.string(), name: z.string() }),
    status: StatusSchema,
    colour: z.enum(COLOURS),
    label: z.object({ zh: z.string(), en: z.string() }).describe('status label as the indicator shows it'),
    scheduleRatio: finiteOrNull.describe(
      'p (or q for rate targets), the tie-breaker within a status; null when not computable',
    ),
    reason: EarlyWarningReasonSchema,
    reasonLabel: z.object({ zh: z.string(), en: z.string() }).describe('进度预警 / 目标未下达 / 数据缺失 / 数据滞后'),
    basisYear: z.number().int().nullable().describe('year of the figure the status is judged on; null when none'),
  })
  .meta({
    id: 'EarlyWarningItem',
    description: 'a binding indicator that is yellow or red, or whose target is pending, or that has no current figure',
  });
export type EarlyWarningItem = z.infer<typeof EarlyWarningItemSchema>;

/** The plan at a glance: counts by status, class, category and attribute, and the early-warning list. */
export const PlanProgressSummarySchema = z
  .object({
    total: count.describe('number of indicators'),
    byStatus: StatusCountsSchema,
    byClass: EvaluationClassCountsSchema,
    byCategory: z
      .array(ProgressTallySchema.extend({ code: z.string(), name: z.string() }))
      .describe('one tally per category, in the order the categories first appear'),
    byAttribute: z
      .object({ binding: ProgressTallySchema, expected: ProgressTallySchema })
      .describe('tallies of binding (约束性) and expected (预期性) indicators'),
    earlyWarning: z
      .array(EarlyWarningItemSchema)
      .describe(
        'binding indicators that are yellow or red (worst first: not_achieved, regressing, seriously_lagging, lagging; ' +
          'ties by schedule ratio ascending, nulls last, then code), then those without a current figure or target',
      ),
  })
  .meta({
    id: 'PlanProgressSummary',
    description: 'Counts of a plan by status and evaluation class, and the early-warning list.',
  });
export type PlanProgressSummary = z.infer<typeof PlanProgressSummarySchema>;
