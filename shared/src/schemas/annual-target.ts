import { z } from 'zod';
import { TargetSpecSchema, type TargetKind } from '../domain/target-kinds.ts';
import { RequiredText } from './common.ts';
import { COLOURS, StatusSchema } from './progress.ts';

/** The target kinds a yearly target (年度目标) can take: a level to reach, a level 左右, a growth rate, a floor. */
export const ANNUAL_TARGET_KINDS = ['level', 'approx', 'annual_rate', 'floor'] as const satisfies readonly TargetKind[];

export const ANNUAL_TARGET_BASES = ['value', 'growth'] as const;
/**
 * What a yearly target is compared with. `value`: the year's recorded value itself (a level, or a rate when
 * the indicator's yearly values are rates, e.g. 规模以上工业增加值增速). `growth`: the change of the recorded
 * values over the previous year, in percent (e.g. "GDP增长7.5%左右" against a GDP recorded in 亿元); only
 * for `annual_rate` targets. Stated explicitly because it cannot be told from the indicator reliably.
 */
export type AnnualTargetBasis = (typeof ANNUAL_TARGET_BASES)[number];
export const AnnualTargetBasisSchema = z.enum(ANNUAL_TARGET_BASES).meta({
  id: 'AnnualTargetBasis',
  description: "value: the year's value itself; growth: its change over the previous year, in percent",
});

/** A yearly target's TargetSpec: one of ANNUAL_TARGET_KINDS. */
export const AnnualTargetSpecSchema = TargetSpecSchema.refine(
  (spec) => (ANNUAL_TARGET_KINDS as readonly string[]).includes(spec.kind),
  {
    message: `a yearly target is one of ${ANNUAL_TARGET_KINDS.join(', ')}`,
    path: ['kind'],
  },
);

/** PUT /indicators/{code}/annual-targets/{year}: sets (a new version of) one indicator's target for one year. */
export const AnnualTargetWriteSchema = z
  .object({
    spec: AnnualTargetSpecSchema.describe('usually annual_rate ({kind, rate, tolerance?}) or level ({kind, value})'),
    text: RequiredText(200, 'the wording is required').describe(
      'the wording as the source writes it, e.g. 增长7.5%左右',
    ),
    source: RequiredText(500, 'the source is required').describe(
      'the document that sets it, e.g. 2023年赣州市政府工作报告',
    ),
    basis: AnnualTargetBasisSchema.optional().describe(
      'default: value, except growth for an annual_rate target on an indicator whose plan target is not a rate (its values are levels)',
    ),
  })
  .meta({ id: 'AnnualTargetWrite' });
export type AnnualTargetWrite = z.infer<typeof AnnualTargetWriteSchema>;

/** A yearly target in force: the latest version set for the indicator-year. */
export const AnnualTargetSchema = z
  .object({
    code: z.string().describe('indicator code'),
    year: z.number().int(),
    spec: TargetSpecSchema,
    text: z.string().nullable(),
    source: z.string(),
    basis: AnnualTargetBasisSchema,
    createdBy: z.string().nullable().describe('username of the admin who set it'),
    createdAt: z.string(),
  })
  .meta({ id: 'AnnualTarget', description: 'a yearly target (年度目标) of one indicator' });
export type AnnualTarget = z.infer<typeof AnnualTargetSchema>;

/** How a year's value stands against its yearly target. */
export const AnnualTargetJudgementSchema = z
  .object({
    year: z.number().int(),
    spec: TargetSpecSchema,
    text: z.string().nullable(),
    source: z.string(),
    basis: AnnualTargetBasisSchema,
    status: StatusSchema.describe(
      'achieved (met), not_achieved, or insufficient_data when the year (or, for growth, the year before) has no value',
    ),
    label: z.object({ zh: z.string(), en: z.string() }),
    colour: z.enum(COLOURS),
    measured: z
      .number()
      .finite()
      .nullable()
      .describe("what was compared: the year's value (basis value) or its growth in percent (basis growth)"),
    explanation: z.object({ zh: z.string(), en: z.string() }),
    rateSource: z
      .enum(['published', 'computed'])
      .optional()
      .describe(
        'growth basis only: published = the comparable-price growth rate published with the value (可比价增速); computed = from the nominal levels of two years',
      ),
  })
  .meta({ id: 'AnnualTargetJudgement' });
export type AnnualTargetJudgement = z.infer<typeof AnnualTargetJudgementSchema>;
