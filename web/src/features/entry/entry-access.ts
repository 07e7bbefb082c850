import type { Indicator, User, ValueQualifier } from '@gz/shared';
import { publishedValueText } from '@gz/shared';
import type { TFunction } from 'i18next';
import { formatDecimalText, type Locale } from '../../format/number.ts';

/** Why a cell is read-only for a user, as a text in the UI's language; null when they may enter it. */
export type EntryRefusal = string | null;

/**
 * Whether the signed-in user may enter an indicator's values, with the reason when not. The one place the
 * entry grid asks (the server's rule, mirrored: admins all, editors their departments' indicators, one of
 * several written with 、). Swap the body for the shared "may enter" rule by unit when it lands.
 */
export function entryRefusal(user: Pick<User, 'role' | 'departments'> | null, indicator: Pick<Indicator, 'department'>, t: TFunction): EntryRefusal {
  if (user?.role === 'admin') return null;
  if (user?.role !== 'editor') return t('values.refusal.notEditor');
  const department = indicator.department;
  if (department === null) return t('values.refusal.noUnit');
  const units = [department, ...department.split('、')].map((d) => d.trim());
  return units.some((d) => user.departments.includes(d)) ? null : t('values.refusal.otherUnit', { unit: department });
}

/**
 * A value as published, formatted for the UI: in Chinese with its qualifier as printed (10以上, 约4,606.2); in
 * English the qualifier after the number in brackets.
 */
export function formatPublished(valueText: string, qualifier: ValueQualifier | null, locale: Locale, t: TFunction): string {
  const number = formatDecimalText(valueText, locale);
  if (qualifier === null) return number;
  return locale === 'en' ? `${number} (${t(`values.qualifiers.${qualifier}`)})` : publishedValueText(number, qualifier);
}
