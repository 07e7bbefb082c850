import { z } from 'zod';

/** The issuing unit printed on reports until an admin sets one (a default, marked as such). */
export const DEFAULT_ISSUING_UNIT = '赣州市发展和改革委员会';

const settingValue = <T extends z.ZodType>(value: T) =>
  z.object({
    value,
    isDefault: z.boolean().describe('true when no admin has set it and the documented default applies'),
  });

/** Admin settings: the issuing unit of reports (出具单位) and the plan shown by default (默认展示规划). */
export const SettingsSchema = z
  .object({
    issuingUnit: settingValue(z.string()).describe(`出具单位 on reports; default ${DEFAULT_ISSUING_UNIT}`),
    defaultPlanId: settingValue(z.string().nullable()).describe(
      '默认展示规划: the plan served when a request names none; default: the first plan published (publishing another moves nobody)',
    ),
  })
  .meta({ id: 'Settings' });
export type Settings = z.infer<typeof SettingsSchema>;

/** PATCH /settings: absent keys stay; null resets a key to its default. */
export const SettingsPatchSchema = z
  .object({
    issuingUnit: z.string().trim().min(1).max(100).nullable(),
    defaultPlanId: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,63}$/)
      .nullable(),
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' })
  .meta({ id: 'SettingsPatch' });
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;
