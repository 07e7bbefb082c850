import { z } from 'zod';

/**
 * Units (单位): the managed directory of the departments that report figures. 市直部门 are the first
 * level; 县（市、区） are a second level with a parent, ready for a county breakdown.
 */
export const UNIT_KINDS = ['city_department', 'county'] as const;
/** city_department 市直部门 · county 县（市、区） */
export type UnitKind = (typeof UNIT_KINDS)[number];
export const UnitKindSchema = z
  .enum(UNIT_KINDS)
  .meta({ id: 'UnitKind', description: 'city_department 市直部门 | county 县（市、区）' });

/** Where an assignment or a directory entry came from: seeded defaults are marked as such. */
export const UNIT_SOURCES = ['seed_default', 'admin', 'migrated'] as const;
/** seed_default: chosen when the data was seeded · admin: set by an administrator · migrated: from old free text */
export type UnitSource = (typeof UNIT_SOURCES)[number];
export const UnitSourceSchema = z.enum(UNIT_SOURCES).meta({ id: 'UnitSource' });

/** A unit code: lower-case letters, digits and `_`, 2–32 characters (e.g. `stats`, `ndrc`). */
export const UnitCodeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,31}$/, 'a unit code: 2–32 lower-case letters, digits or _')
  .describe('unit code from GET /api/v1/units');

export const UnitSchema = z
  .object({
    code: z.string(),
    name: z.string().describe('the unit’s name, e.g. 市统计局'),
    kind: UnitKindSchema,
    parentCode: z.string().nullable().describe('the unit above this one (a county office’s city department), or null'),
    active: z.boolean(),
    position: z.number().int().describe('order in lists'),
    source: UnitSourceSchema.describe('seed_default: a directory entry chosen when the data was seeded'),
  })
  .meta({ id: 'Unit' });
export type Unit = z.infer<typeof UnitSchema>;

export const CreateUnitBodySchema = z.object({
  code: UnitCodeSchema,
  name: z.string().trim().min(1).max(64),
  kind: UnitKindSchema.default('city_department'),
  parentCode: UnitCodeSchema.nullable().default(null),
  active: z.boolean().default(true),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type CreateUnitBody = z.infer<typeof CreateUnitBodySchema>;

export const UpdateUnitBodySchema = z
  .object({
    name: z.string().trim().min(1).max(64).optional(),
    kind: UnitKindSchema.optional(),
    parentCode: UnitCodeSchema.nullable().optional(),
    active: z.boolean().optional(),
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export type UpdateUnitBody = z.infer<typeof UpdateUnitBodySchema>;

/** A list of unit codes as users and indicators carry them. */
export const UnitCodesSchema = z.array(UnitCodeSchema).max(50);

/** 牵头单位 and 配合单位 of an indicator, by code. */
export const IndicatorUnitsBodySchema = z.object({
  leadUnit: UnitCodeSchema.nullable().describe('牵头单位; null leaves the indicator unassigned'),
  contributingUnits: UnitCodesSchema.default([]).describe('配合单位'),
});
export type IndicatorUnitsBody = z.infer<typeof IndicatorUnitsBodySchema>;

/** An indicator's units as the API reports them. */
export const IndicatorUnitsSchema = z
  .object({
    leadUnit: z.string().nullable().describe('牵头单位 code; null: nobody is in charge yet (on the admin’s to-do)'),
    contributingUnits: z.array(z.string()).describe('配合单位 codes'),
    assignmentSource: UnitSourceSchema.nullable().describe(
      'seed_default marks a default chosen at seeding; null when unassigned',
    ),
  })
  .meta({ id: 'IndicatorUnits' });
export type IndicatorUnits = z.infer<typeof IndicatorUnitsSchema>;
