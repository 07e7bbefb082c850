/**
 * The one place where numbers and dates become text. Pure (no React, no i18next) so that the
 * option builders and the unit tests use exactly what the screens show.
 */
import { displayRatio } from '@gz/shared';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** What is shown where a figure is missing; the reason sits beside it, never a NaN. */
export const MISSING = '—';

const DECIMAL_TEXT = /^-?\d+(?:\.(\d+))?$/;

// Intl formatters are costly to build and tables format hundreds of cells: one per locale and shape.
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

/** How many decimals a decimal text carries: "0.80" → 2, "4524" → 0. */
export function decimalsOf(text: string): number {
  return DECIMAL_TEXT.exec(text)?.[1]?.length ?? 0;
}

/**
 * A value exactly as it was entered, grouped for the locale: "4523.60" → "4,523.60".
 * The text itself is formatted (not its float), so no digit is gained or lost.
 */
export function formatDecimalText(text: string, locale: Locale): string {
  if (!DECIMAL_TEXT.test(text)) return text;
  const decimals = decimalsOf(text);
  return numberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(
    text as Intl.StringNumericLiteral,
  );
}

/** A computed number (expected value, projection) rounded to `decimals` places. */
export function formatNumber(value: number | null, locale: Locale, decimals = 2): string {
  if (value === null || !Number.isFinite(value)) return MISSING;
  return numberFormat(locale, { maximumFractionDigits: decimals, minimumFractionDigits: 0 }).format(value);
}

/** A fraction as a percentage: 0.5491 → "54.9%". */
export function formatShare(fraction: number | null, locale: Locale, decimals = 1): string {
  if (fraction === null || !Number.isFinite(fraction)) return MISSING;
  return numberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: decimals,
    minimumFractionDigits: decimals,
  }).format(fraction);
}

/** A ratio such as the schedule ratio p, cut down like the explanations (see displayRatio): 1.0982 → "1.09". */
export function formatRatio(ratio: number | null, locale: Locale): string {
  if (ratio === null || !Number.isFinite(ratio)) return MISSING;
  return numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(displayRatio(ratio));
}

/**
 * The change from a previous value to a new one, with the sign, at the precision of the more
 * precise of the two texts: "4524" after "4169.4" → "+354.6".
 */
export function formatChange(valueText: string, previousText: string, locale: Locale): string {
  const decimals = Math.max(decimalsOf(valueText), decimalsOf(previousText));
  // Scaling to integers first keeps 4524 − 4169.4 from printing as 354.59999999999997.
  const scale = 10 ** decimals;
  const diff = (Math.round(Number(valueText) * scale) - Math.round(Number(previousText) * scale)) / scale;
  if (!Number.isFinite(diff)) return MISSING;
  return numberFormat(locale, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    signDisplay: 'exceptZero',
  }).format(diff);
}

/** The relative change as a signed percentage; missing when the previous value is zero. */
export function formatRelativeChange(value: number, previous: number, locale: Locale): string {
  if (previous === 0) return MISSING;
  const fraction = (value - previous) / Math.abs(previous);
  return numberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: 1,
    minimumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(fraction);
}

const dateFormats = new Map<Locale, Intl.DateTimeFormat>();
/** An ISO 8601 timestamp as local date and time: "2025/3/4 09:30" or "Mar 4, 2025, 9:30 AM". */
export function formatDateTime(iso: string | null, locale: Locale): string {
  if (iso === null) return MISSING;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    dateFormats.set(locale, format);
  }
  return format.format(date);
}

/** A formatted value with its unit: "4,524 亿元", but "7.5%" (a percent sign takes no space). */
export function withUnit(formatted: string, unit: string): string {
  if (!unit || formatted === MISSING) return formatted;
  return unit === '%' ? `${formatted}%` : `${formatted} ${unit}`;
}
