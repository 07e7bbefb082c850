import { z } from 'zod';

/**
 * A number as the user or the plan wrote it: keeps trailing zeros and precision ("0.80", "4523.63").
 * Stored as text; the numeric value is derived from it.
 */
export const DecimalTextSchema = z
  .string()
  .regex(/^-?(0|[1-9]\d{0,14})(\.\d{1,10})?$/, 'a decimal number such as 4523.63 (no exponent, at most 10 decimals)')
  .meta({ id: 'DecimalText' });

export const ATTRIBUTES = ['binding', 'expected'] as const;
/** 约束性 (binding) or 预期性 (expected). */
export type Attribute = (typeof ATTRIBUTES)[number];
export const AttributeSchema = z
  .enum(ATTRIBUTES)
  .meta({ id: 'Attribute', description: 'binding 约束性 | expected 预期性' });

export const DATA_STATUSES = ['preliminary', 'final', 'revised', 'estimate'] as const;
/** preliminary 初步核算 · final 最终核实 · revised 修订 · estimate 预计数 (a department's estimate before the statistics are out) */
export type DataStatus = (typeof DATA_STATUSES)[number];
export const DataStatusSchema = z
  .enum(DATA_STATUSES)
  .meta({ id: 'DataStatus', description: 'preliminary 初步核算 | final 最终核实 | revised 修订 | estimate 预计数' });

export const REVIEW_STATES = ['pending', 'approved', 'returned'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];
export const ReviewStateSchema = z.enum(REVIEW_STATES).meta({ id: 'ReviewState' });

/** A year as plans use it. */
export const YearSchema = z.number().int().min(1949).max(2100);

/** RFC 9457 problem details, with the invalid fields when validation failed. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().describe('machine-readable error code, e.g. validation_failed, not_found'),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .describe('invalid fields, as paths such as body.value or query.attribute'),
  })
  .passthrough()
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof ProblemSchema>;

// ---- values as published (VALUES, issue 14 item 5) ----

export const VALUE_QUALIFIERS = ['at_least', 'about', 'approx', 'at_most'] as const;
/**
 * How a published figure qualifies its number: at_least 以上 ("增长10%以上", a lower bound), about 左右,
 * approx 约 (written before the number: 约4606.2), at_most 以内 (an upper bound).
 */
export type ValueQualifier = (typeof VALUE_QUALIFIERS)[number];
export const ValueQualifierSchema = z
  .enum(VALUE_QUALIFIERS)
  .meta({ id: 'ValueQualifier', description: 'at_least 以上 | about 左右 | approx 约 | at_most 以内' });
// --- SEC (#10, L4 text): one rule for every free-text field a client sends ---

/** Control characters other than tab, line feed and carriage return (NUL, escape, DEL …). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's whole job
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Free text from a client: a length cap and no control characters (a NUL must not satisfy
 * "required"; an escape sequence must not reach a terminal or a report). Every text field of a
 * request body uses it, with its own cap.
 */
export const PlainText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !CONTROL_CHARACTERS.test(s), 'control characters are not allowed');

/** {@link PlainText}, trimmed, and required unless `message` is null. */
export const RequiredText = (max: number, message = 'required') =>
  z
    .string()
    .trim()
    .min(1, message)
    .max(max)
    .refine((s) => !CONTROL_CHARACTERS.test(s), 'control characters are not allowed');
