import { z } from 'zod';
import { TargetSpecSchema } from '../domain/target-kinds.ts';
import { DataStatusSchema, PlainText, RequiredText, ValueQualifierSchema } from './common.ts';
import { StatusSchema } from './progress.ts';

/** The fields every read of a revision carries for a value as published (qualifier, comparable growth rate). */
export const PublishedValueFields = {
  qualifier: ValueQualifierSchema.nullable().describe(
    'as published: at_least 以上, about 左右, approx 约, at_most 以内',
  ),
  displayText: z
    .string()
    .describe('the value as published, with its qualifier: 10以上, 约4606.2 (valueText when none)'),
  growthRateText: z
    .string()
    .nullable()
    .describe('the comparable-price growth rate published with it (可比价增速), percent, as entered'),
  growthRate: z.number().nullable().describe('growthRateText as a number'),
};

/** PUT /indicators/{code}/observations/{year}: a new revision of a yearly value. */
export const ObservationWriteSchema = z
  .object({
    value: z
      .union([z.string().max(40), z.number().finite()])
      .describe('the value; send it as a string ("4523.63") to keep trailing zeros and precision exactly'),
    dataStatus: DataStatusSchema,
    source: RequiredText(500, 'the source of the figure is required'),
    note: PlainText(2000).nullish(),
    qualifier: ValueQualifierSchema.nullish().describe(
      'as published: at_least 以上, about 左右, approx 约, at_most 以内; none when absent',
    ),
    growthRate: z
      .union([PlainText(40), z.number().finite()])
      .nullish()
      .describe(
        'the comparable-price growth rate published with the value (可比价增速), percent, e.g. "5.3"; optional',
      ),
    baseRevision: z
      .number()
      .int()
      .positive()
      .nullish()
      .describe('id of the revision you edited (null: you saw none); a stale one gets 409 with the current revision'),
  })
  .meta({ id: 'ObservationWrite' });
export type ObservationWrite = z.infer<typeof ObservationWriteSchema>;

/** A revision awaiting review, with the value it would replace. */
export const PendingRevisionSchema = z
  .object({
    id: z.number().int(),
    planId: z.string(),
    indicatorCode: z.string(),
    indicatorName: z.string(),
    unit: z.string(),
    year: z.number().int(),
    revisionNo: z.number().int(),
    value: z.number(),
    valueText: z.string(),
    dataStatus: DataStatusSchema,
    source: z.string(),
    note: z.string().nullable(),
    reviewState: z.enum(['pending', 'approved', 'returned']),
    enteredBy: z.string().nullable(),
    enteredAt: z.string(),
    reviewedBy: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    reviewNote: z.string().nullable(),
    previous: z
      .object({ valueText: z.string(), value: z.number(), revisionId: z.number().int() })
      .nullable()
      .describe('the counted value it would replace'),
    ...PublishedValueFields,
  })
  .meta({ id: 'ReviewItem' });
export type ReviewItem = z.infer<typeof PendingRevisionSchema>;

export const ReturnBodySchema = z.object({ reason: RequiredText(2000, 'a reason is required') });

export const AssessmentWriteSchema = z
  .object({
    year: z.number().int().min(1949).max(2100),
    status: StatusSchema,
    justification: RequiredText(4000, 'a justification is required'),
  })
  .meta({ id: 'AssessmentWrite' });
export type AssessmentWrite = z.infer<typeof AssessmentWriteSchema>;

export const AssessmentSchema = z
  .object({
    year: z.number().int(),
    status: StatusSchema,
    justification: z.string(),
    assessedBy: z.string().nullable(),
    assessedAt: z.string(),
  })
  .meta({ id: 'Assessment' });
export type Assessment = z.infer<typeof AssessmentSchema>;

/** PUT /indicators/{code}/target: a province-assigned (or corrected) target. */
export const TargetWriteSchema = z
  .object({
    spec: TargetSpecSchema,
    text: PlainText(200).nullable().describe('the wording as issued'),
    documentNo: RequiredText(200).describe('document number, e.g. 赣府字〔2022〕12号'),
    issuedOn: z.iso.date().describe('date of the document'),
    note: PlainText(2000).nullish(),
  })
  .meta({ id: 'TargetWrite' });
export type TargetWrite = z.infer<typeof TargetWriteSchema>;

export const YearLockSchema = z
  .object({ planId: z.string(), year: z.number().int(), lockedBy: z.string().nullable(), lockedAt: z.string() })
  .meta({ id: 'YearLock' });
