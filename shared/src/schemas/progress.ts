import { z } from 'zod';
import { TargetSpecSchema, ThresholdsSchema } from '../domain/target-kinds.ts';

export const STATUSES = [
  'achieved',
  'ahead',
  'on_track',
  'lagging',
  'seriously_lagging',
  'regressing',
  'not_achieved',
  'target_pending',
  'monitoring',
  'insufficient_data',
] as const;
/** The method's status ids. */
export type Status = (typeof STATUSES)[number];
export const StatusSchema = z.enum(STATUSES).meta({ id: 'Status' });

export const COLOURS = ['green', 'yellow', 'red', 'grey'] as const;
export type Colour = (typeof COLOURS)[number];

export const EVALUATION_CLASSES = ['achieved', 'ahead', 'on_track', 'lagging', 'not_evaluated'] as const;
/** 提前实现/已完成 · 快于预期 · 基本符合预期 · 滞后于预期 · 未评估 */
export type EvaluationClass = (typeof EVALUATION_CLASSES)[number];
export const EvaluationClassSchema = z.enum(EVALUATION_CLASSES).meta({ id: 'EvaluationClass' });

/** A computed figure: a finite number, or null with the reason it cannot be computed. */
export const FigureSchema = z
  .object({ value: z.number().finite().nullable(), reason: z.string().nullable() })
  .meta({ id: 'Figure' });
export type Figure = z.infer<typeof FigureSchema>;

export const FIGURE_NAMES = [
  'elapsedShare',
  'completion',
  'scheduleRatio',
  'expectedValue',
  'requiredPaceFromNow',
  'projectedValue',
  'actualCagr',
  'requiredCagr',
  'cagrRatio',
] as const;
export type FigureName = (typeof FIGURE_NAMES)[number];

export const ProgressSchema = z
  .object({
    status: StatusSchema,
    label: z
      .object({ zh: z.string(), en: z.string() })
      .describe('status label; 提前实现 vs 已完成 depends on the year'),
    colour: z.enum(COLOURS),
    evaluationClass: EvaluationClassSchema,
    rule: z.string().describe('id of the rule that fired, e.g. level.schedule_ratio'),
    explanation: z.object({ zh: z.string(), en: z.string() }).describe('why this status, in words and figures'),
    evaluationYear: z.number().int(),
    latestYear: z
      .number()
      .int()
      .nullable()
      .describe('t: the latest year at or before the evaluation year with a counted value'),
    latestValue: z.number().finite().nullable().describe('x'),
    basisYear: z
      .number()
      .int()
      .nullable()
      .describe('the year of the figure the status is judged on (= latestYear); null when none'),
    stale: z
      .boolean()
      .describe(
        'true when the status is judged on a figure older than the evaluation year: show it as 以{basisYear}年数据判断',
      ),
    baseline: z.object({
      year: z.number().int(),
      value: z.number().finite().nullable(),
      derived: z.boolean().describe('true when the plan gave no baseline and the earliest value stands in'),
    }),
    target: TargetSpecSchema,
    targetYear: z.number().int(),
    direction: z.union([z.literal(1), z.literal(-1)]),
    thresholds: ThresholdsSchema,
    figures: z.object({
      elapsedShare: FigureSchema,
      completion: FigureSchema,
      scheduleRatio: FigureSchema,
      expectedValue: FigureSchema,
      requiredPaceFromNow: FigureSchema,
      projectedValue: FigureSchema,
      actualCagr: FigureSchema,
      requiredCagr: FigureSchema,
      cagrRatio: FigureSchema,
    }),
    trend: z
      .enum(['up', 'down', 'flat'])
      .nullable()
      .describe('direction of the latest change (for monitoring-only indicators)'),
  })
  .meta({ id: 'Progress' });
export type Progress = z.infer<typeof ProgressSchema>;
