import { z } from 'zod';
import { UnitSourceSchema } from './unit.ts';
import { DirectionSchema, TargetSpecSchema } from '../domain/target-kinds.ts';
import { AttributeSchema, DataStatusSchema, ReviewStateSchema } from './common.ts';
import { IndicatorCodeSchema } from './plan.ts';
import { AssessmentSchema, PublishedValueFields } from './observation-write.ts';
import { FinalVerdictSchema } from './final-verdict.ts';
import { ProgressSchema } from './progress.ts';

/** A counted value of one year: the latest approved revision (or pending, when previewed). */
export const ObservationSchema = z
  .object({
    year: z.number().int(),
    value: z.number().finite(),
    valueText: z.string().describe('the value exactly as entered'),
    dataStatus: DataStatusSchema,
    source: z.string(),
    note: z.string().nullable(),
    reviewState: ReviewStateSchema,
    revisionId: z.number().int(),
    revisionNo: z.number().int().describe('1 for the first revision of this indicator-year'),
    enteredBy: z.string().nullable().describe('username; null for values loaded from the plan documents'),
    enteredAt: z.string().describe('ISO 8601'),
    ...PublishedValueFields,
  })
  .meta({ id: 'Observation' });
export type Observation = z.infer<typeof ObservationSchema>;

// COUNTED (#15 item 1): GET /indicators/{code}/observations, declared once for the route, web client and tests
/** A stored revision of one indicator-year with its review. */
export const RevisionSchema = ObservationSchema.extend({
  baseRevisionId: z.number().int().nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
}).meta({ id: 'Revision' });
export type Revision = z.infer<typeof RevisionSchema>;

/** The counted value of each year of an indicator and every revision behind them. */
export const ObservationHistorySchema = z.object({
  planId: z.string(),
  code: z.string(),
  current: z.array(ObservationSchema).describe("each year's counted value (its newest approved revision), by year"),
  revisions: z.array(RevisionSchema).describe('every revision, oldest first per year'),
});
export type ObservationHistory = z.infer<typeof ObservationHistorySchema>;

export const IndicatorSchema = z
  .object({
    code: IndicatorCodeSchema,
    planId: z.string(),
    category: z.object({ code: z.string(), name: z.string() }),
    position: z.number().int().describe('1-based order within the plan table'),
    name: z.string(),
    unit: z.string(),
    unitNote: z.string().nullable(),
    attribute: AttributeSchema,
    direction: DirectionSchema,
    baseline: z.object({
      value: z.number().finite().nullable(),
      valueText: z.string().nullable(),
      year: z.number().int(),
      note: z.string().nullable(),
      pending: z
        .boolean()
        .describe("待补录: blank until entered (a successor plan without the source's target-year value)"),
    }),
    target: z.object({
      spec: TargetSpecSchema,
      text: z.string().nullable().describe('wording as printed in the plan'),
      note: z.string().nullable(),
      year: z.number().int(),
      undecided: z.boolean().describe('待定: not decided yet; a plan is published only when none is'),
    }),
    definition: z.string().nullable(),
    department: z
      .string()
      .nullable()
      .describe('names of the lead and contributing units joined by 、 (display only; null when unassigned)'),
    leadUnit: z.string().nullable().describe('牵头单位 code; null: nobody in charge yet'),
    contributingUnits: z.array(z.string()).describe('配合单位 codes'),
    assignmentSource: UnitSourceSchema.nullable().describe(
      'seed_default: a default chosen at seeding; null when unassigned',
    ),
    dataSource: z.string().nullable(),
    latest: ObservationSchema.nullable().describe('the latest counted value at or before the evaluation year'),
    progress: ProgressSchema,
    assessment: AssessmentSchema.nullable().describe(
      "a reviewer's manual assessment for the evaluation year, shown beside the computed status",
    ),
    finalVerdict: FinalVerdictSchema.nullable().describe(
      '终期评估: the verdict on the value of the target year; null before the target year',
    ),
  })
  .meta({ id: 'Indicator' });
export type Indicator = z.infer<typeof IndicatorSchema>;
