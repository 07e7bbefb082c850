import { z } from 'zod';

/**
 * The target grammar of ../shared/docs/progress-method.md: how a plan's wording
 * (`5500`, `52左右`, `年均7.5左右`, `保持稳定`, blank "按省下达") becomes something computable.
 */
export const TARGET_KINDS = [
  'level',
  'approx',
  'annual_rate',
  'cumulative_reduction',
  'floor',
  'maintain',
  'qualitative',
  'assigned',
  'none',
] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/**
 * Kinds whose yearly values are themselves rates (a growth rate, a yearly cut), not levels: a baseline value plays
 * no part in judging them, a yearly rate target compares with the value itself, and the chart draws them as bars
 * against a rate line. The one list; everything that asks "is this a rate kind?" goes through `isRateKind`.
 */
export const RATE_KINDS = ['annual_rate', 'cumulative_reduction'] as const satisfies readonly TargetKind[];
/** A target kind whose yearly values are rates. */
export type RateKind = (typeof RATE_KINDS)[number];

/** Whether a kind's yearly values are rates (annual_rate, cumulative_reduction) rather than levels. */
export function isRateKind(kind: TargetKind): kind is RateKind {
  return (RATE_KINDS as readonly TargetKind[]).includes(kind);
}

export const QUALITATIVE_RULES = ['rise', 'stable', 'stable_or_better'] as const;
/** `rise` 稳中有升, `stable` 保持稳定, `stable_or_better` 量稳质升. */
export type QualitativeRule = (typeof QUALITATIVE_RULES)[number];

const finite = z.number().finite();

/**
 * A target with its parameters. Tolerances and bands left out fall back to the plan's thresholds.
 * `approx.tolerance` is absolute, in the indicator's unit; `annual_rate.tolerance` is in percentage points;
 * `qualitative.band` is a fraction of the baseline value (0.1 = 10 %).
 */
export const TargetSpecSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('level'), value: finite }),
    z.object({ kind: z.literal('approx'), value: finite, tolerance: finite.nonnegative().optional() }),
    z.object({ kind: z.literal('annual_rate'), rate: finite, tolerance: finite.nonnegative().optional() }),
    z.object({ kind: z.literal('cumulative_reduction'), value: finite.positive().max(100) }),
    z.object({ kind: z.literal('floor'), value: finite }),
    z.object({ kind: z.literal('maintain'), value: finite }),
    z.object({
      kind: z.literal('qualitative'),
      rule: z.enum(QUALITATIVE_RULES),
      band: finite.nonnegative().optional(),
    }),
    z.object({ kind: z.literal('assigned') }),
    z.object({ kind: z.literal('none') }),
  ])
  .meta({ id: 'TargetSpec', description: 'Target kind and its numeric parameters (see the progress method).' });
export type TargetSpec = z.infer<typeof TargetSpecSchema>;

/** +1: higher is better; −1: lower is better. Stored per indicator, never guessed. */
export const DirectionSchema = z.union([z.literal(1), z.literal(-1)]).meta({ id: 'Direction' });
export type Direction = z.infer<typeof DirectionSchema>;

/**
 * Thresholds of the progress method, stored with each plan. Defaults are the method document's.
 */
export const ThresholdsSchema = z
  .object({
    ahead: finite.describe('schedule ratio p at or above which an indicator is 快于预期').default(1.1),
    onTrack: finite.describe('p at or above which it is 基本符合预期').default(0.9),
    lagging: finite.describe('p at or above which it is 滞后于预期 rather than 严重滞后').default(0.6),
    approxTolerancePct: finite.nonnegative().describe('default tolerance of a 左右 target, percent of X').default(2),
    annualRateTolerance: finite
      .nonnegative()
      .describe('default tolerance of an annual-rate target, percentage points')
      .default(0.5),
    qualitativeBandPct: finite
      .nonnegative()
      .describe('default band of a qualitative target, percent of x0')
      .default(10),
  })
  .meta({ id: 'Thresholds' });
export type Thresholds = z.infer<typeof ThresholdsSchema>;

/** The method document's default thresholds. */
export const DEFAULT_THRESHOLDS: Thresholds = ThresholdsSchema.parse({});
