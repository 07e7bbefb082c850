import { z } from 'zod';
import { UnitCodeSchema } from './unit.ts';
import { DirectionSchema, TargetSpecSchema, ThresholdsSchema } from '../domain/target-kinds.ts';
import { AttributeSchema, DecimalTextSchema, PlainText, YearSchema } from './common.ts';

export const IndicatorCodeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,63}$/, 'lower-case letters, digits and _, starting with a letter')
  .meta({ id: 'IndicatorCode' });

/**
 * An indicator as a plan defines it: what seeds, plan imports and plan copies carry.
 * Baseline and target values are decimal text so that the plan's precision survives.
 */
export const IndicatorDefinitionSchema = z
  .object({
    code: IndicatorCodeSchema.describe('stable code, unique within a plan'),
    name: PlainText(300).min(1).describe('name as the plan writes it'),
    unit: PlainText(64).describe('unit as the plan prints it'),
    unitNote: PlainText(500).nullable().describe('remark on the printed unit'),
    attribute: AttributeSchema,
    direction: DirectionSchema,
    baseline: z.object({
      valueText: DecimalTextSchema.nullable().describe('null when the plan leaves it blank'),
      year: YearSchema,
      note: PlainText(2000).nullable(),
    }),
    target: z.object({
      spec: TargetSpecSchema,
      text: PlainText(300).nullable().describe('the wording as printed, e.g. 年均7.5左右; null when blank'),
      note: PlainText(2000).nullable(),
    }),
    definition: PlainText(4000).nullable(),
    leadUnit: UnitCodeSchema.nullable().default(null).describe('牵头单位 (unit code); null: nobody in charge yet'),
    contributingUnits: z.array(UnitCodeSchema).max(20).default([]).describe('配合单位 (unit codes)'),
    dataSource: PlainText(500).nullable(),
    // FINAL (#11): the handover to a successor plan
    targetUndecided: z
      .boolean()
      .optional()
      .describe('待定: the target is not decided yet (a successor starts so); publishing is refused while any is'),
    baselinePending: z
      .boolean()
      .optional()
      .describe('待补录: the source plan has no target-year value for the baseline; it is left blank until entered'),
  })
  .meta({ id: 'IndicatorDefinition' });
export type IndicatorDefinition = z.infer<typeof IndicatorDefinitionSchema>;

export const CategoryDefinitionSchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,63}$/),
  name: PlainText(200).min(1),
  indicators: z.array(IndicatorDefinitionSchema),
});
export type CategoryDefinition = z.infer<typeof CategoryDefinitionSchema>;

/** A whole plan as data: the official table, a plan import, a copy. */
export const PlanDefinitionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/),
    title: PlainText(300).min(1),
    tableTitle: PlainText(300).nullable(),
    issuer: PlainText(300).nullable(),
    document: PlainText(2000).nullable().describe('the document that issued the plan'),
    baselineYear: YearSchema,
    targetYear: YearSchema,
    outlookYear: YearSchema.nullable(),
    thresholds: ThresholdsSchema,
    tableNote: PlainText(4000).nullable().describe('the note printed under the indicator table'),
    categories: z.array(CategoryDefinitionSchema).min(1),
  })
  .meta({ id: 'PlanDefinition' });
export type PlanDefinition = z.input<typeof PlanDefinitionSchema>;

export const PLAN_STATES = ['draft', 'published', 'archived'] as const;
export type PlanState = (typeof PLAN_STATES)[number];

export const CategorySchema = z
  .object({ code: z.string(), name: z.string(), position: z.number().int(), indicatorCount: z.number().int() })
  .meta({ id: 'Category' });

export const PlanSummaryItemSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    issuer: z.string().nullable(),
    document: z.string().nullable(),
    baselineYear: z.number().int(),
    targetYear: z.number().int(),
    outlookYear: z.number().int().nullable(),
    state: z.enum(PLAN_STATES),
    indicatorCount: z.number().int(),
  })
  .meta({ id: 'PlanListItem' });
export type PlanListItem = z.infer<typeof PlanSummaryItemSchema>;

export const PlanSchema = PlanSummaryItemSchema.extend({
  tableTitle: z.string().nullable(),
  tableNote: z.string().nullable(),
  thresholds: ThresholdsSchema,
  categories: z.array(CategorySchema),
}).meta({ id: 'Plan' });
export type Plan = z.infer<typeof PlanSchema>;
