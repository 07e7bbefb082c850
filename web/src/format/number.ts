/**
 * Numbers as the screens show them. The rules live in the one format module of @gz/shared (the same digits as the
 * reports and the API's explanations, grouped for the locale); this file re-exports them under the web's names and
 * keeps only what is the web's own (dates in the browser's time zone). Pure (no React, no i18next) so that the
 * option builders and the unit tests use exactly what the screens show.
 */
export {
  decimalsOf,
  formatChange,
  formatDecimalText,
  formatNumber,
  formatRatio,
  formatRelativeChange,
  formatShare,
  LOCALES,
  type Locale,
  NO_FIGURE as MISSING,
  withUnit,
} from '@gz/shared';

import type { Locale } from '@gz/shared';
import { NO_FIGURE } from '@gz/shared';

const dateFormats = new Map<Locale, Intl.DateTimeFormat>();
/** An ISO 8601 timestamp as local date and time: "2025/3/4 09:30" or "Mar 4, 2025, 9:30 AM". */
export function formatDateTime(iso: string | null, locale: Locale): string {
  if (iso === null) return NO_FIGURE;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    dateFormats.set(locale, format);
  }
  return format.format(date);
}
