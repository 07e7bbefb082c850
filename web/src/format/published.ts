import { publishedValueText, type ValueQualifier } from '@gz/shared';
import type { TFunction } from 'i18next';
import { formatDecimalText, type Locale } from './number.ts';

/**
 * A value as published, formatted for the UI: in Chinese with its qualifier as printed (10以上, 约4,606.2); in
 * English the qualifier after the number in brackets.
 */
export function formatPublished(
  valueText: string,
  qualifier: ValueQualifier | null,
  locale: Locale,
  t: TFunction,
): string {
  const number = formatDecimalText(valueText, locale);
  if (qualifier === null) return number;
  return locale === 'en' ? `${number} (${t(`values.qualifiers.${qualifier}`)})` : publishedValueText(number, qualifier);
}
