import type { TargetSpec } from './target-kinds.ts';

/*
 * The one formatting module: how a number, a share, a ratio and a target become text, for the report table and
 * its narrative, the XLSX/DOCX exports, the API's explanations and the web app. Display only: JSON keeps full
 * precision. Every function has a plain form (no locale: the report's and the explanation's text, no digit
 * grouping) and, where the web shows it, a locale form that takes the same digits and only groups them
 * ("4834.7" → "4,834.7"), so that one figure reads the same wherever it appears.
 */

/** The languages the web app formats for. */
export const LOCALES = ['zh-CN', 'en'] as const;
/** A language the web app formats for. */
export type Locale = (typeof LOCALES)[number];

/** Shown where a figure is missing (a table cell, a chart label); its reason sits beside it, never a NaN. */
export const NO_FIGURE = '—';

const DECIMAL_TEXT = /^-?\d+(?:\.(\d+))?$/;

// Intl formatters are costly to build and tables format hundreds of cells: one per locale and shape.
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (format === undefined) {
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
 * A decimal text grouped for the locale, digit for digit: "4523.60" → "4,523.60". The text itself is formatted
 * (not its float), so no digit is gained or lost; a text that is not a plain decimal is returned as it is.
 */
export function formatDecimalText(text: string, locale: Locale): string {
  if (!DECIMAL_TEXT.test(text)) return text;
  const decimals = decimalsOf(text);
  return numberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(
    text as Intl.StringNumericLiteral,
  );
}

/** Plain text, or the same digits grouped for the locale when one is given. */
function localised(text: string, locale: Locale | undefined): string {
  return locale === undefined ? text : formatDecimalText(text, locale);
}

/**
 * A number with at most `decimals` decimals, trailing zeros dropped: 7.1700 → "7.17", 4524 → "4524"; with a
 * locale, grouped: 4834.7 → "4,834.7". Rounding is `toFixed`'s, in both forms.
 */
export function formatDecimal(value: number, decimals = 2, locale?: Locale): string {
  return localised(String(Number(value.toFixed(decimals))), locale);
}

/** A computed number (expected value, projection) for the web: formatDecimal, and NO_FIGURE when there is none. */
export function formatNumber(value: number | null, locale: Locale, decimals = 2): string {
  if (value === null || !Number.isFinite(value)) return NO_FIGURE;
  return formatDecimal(value, decimals, locale);
}

/**
 * A value as an explanation prints it: up to four decimals (four significant digits below 1), trailing zeros
 * dropped: 4169.4 → "4169.4", 0.123456 → "0.1235"; infinities as ∞ / -∞.
 */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '-∞';
  return String(Number(Math.abs(v) >= 1 ? v.toFixed(4) : v.toPrecision(4)));
}

/** A value with its sign: "+2.5", "-1", "0". */
export function formatSigned(v: number): string {
  return v > 0 ? `+${formatValue(v)}` : formatValue(v);
}

/** A figure in percent (a rate, a cut) with up to two decimals, trailing zeros dropped: 7.1700… → "7.17". */
export function formatRate(pct: number): string {
  return Number.isFinite(pct) ? String(Number(pct.toFixed(2))) : formatValue(pct);
}

/**
 * The decimals of a share. ONE rule for every share (序时进度, 完成进度, a share approved): ratio × 100 rounded to
 * one decimal and printed WITH that decimal, "50.0%", never "50%". Why: the same share then reads the same in an
 * explanation, the report table, its exports and the web (they disagreed — 序时进度50% beside 时间进度 50.0%), and a
 * fixed decimal states the precision, so 50.0% next to 54.9% does not look like a rounder, surer figure.
 */
export const SHARE_DECIMALS = 1;

/** The share rule as a spreadsheet number format, for exports that keep a share a number: 0.5 shows as 50.0%. */
export const SHARE_NUMBER_FORMAT = `0.${'0'.repeat(SHARE_DECIMALS)}%`;

/**
 * A ratio as a percentage by the one share rule: 0.5491 → "54.9%", 0.5 → "50.0%"; with a locale the same digits
 * grouped ("1,234.5%"; a percent sign takes no space in zh-CN or en). NO_FIGURE when there is no figure.
 */
export function formatShare(ratio: number | null, locale?: Locale): string {
  if (ratio === null || !Number.isFinite(ratio)) return NO_FIGURE;
  return `${localised((ratio * 100).toFixed(SHARE_DECIMALS), locale)}%`;
}

/**
 * The relative change from `previous` to `value` as a signed share, by the share rule: +8.5%, -3.0%, 0.0% (no sign
 * when it rounds to zero). NO_FIGURE when the previous value is zero.
 */
export function formatRelativeChange(value: number, previous: number, locale?: Locale): string {
  if (previous === 0) return NO_FIGURE;
  const fraction = (value - previous) / Math.abs(previous);
  if (!Number.isFinite(fraction)) return NO_FIGURE;
  const text = (fraction * 100).toFixed(SHARE_DECIMALS);
  const size = text.startsWith('-') ? text.slice(1) : text;
  const sign = Number(text) === 0 ? '' : fraction > 0 ? '+' : '-';
  return `${sign}${localised(size, locale)}%`;
}

/**
 * A schedule ratio cut down (not rounded) to two decimals, so that a printed ratio never crosses a
 * threshold the status did not: p = 1.0982 shows as 1.09 next to 基本符合预期, never 1.10.
 * Every place that prints a ratio (explanations, the web app, reports) goes through this.
 */
export function displayRatio(p: number): number {
  return Math.floor(p * 100 + 1e-9) / 100;
}

/** A ratio such as the schedule ratio p with two decimals, cut down (displayRatio): 1.0982 → "1.09". */
export function formatRatio(p: number | null, locale?: Locale): string {
  if (p === null || !Number.isFinite(p)) return NO_FIGURE;
  return localised(displayRatio(p).toFixed(2), locale);
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
  if (!Number.isFinite(diff)) return NO_FIGURE;
  return numberFormat(locale, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    signDisplay: 'exceptZero',
  }).format(diff);
}

/** A formatted value with its unit: "4,524 亿元", but "7.5%" (a percent sign takes no space). */
export function withUnit(formatted: string, unit: string): string {
  if (!unit || formatted === NO_FIGURE) return formatted;
  return unit === '%' ? `${formatted}%` : `${formatted} ${unit}`;
}

const QUALITATIVE_WORDING = { rise: '稳中有升', stable: '保持稳定', stable_or_better: '量稳质升' } as const;

/**
 * A target spec in Chinese words, for cells where the plan or the source printed no wording of its own:
 * 年均7.5, 52左右, 累计下降13.5, 5500, 稳中有升, 按省下达, and NO_FIGURE for a monitoring-only indicator.
 * (The web's `planTargetText` is a different thing: the plan's own text, else why the cell is blank.)
 */
export function targetSpecWording(spec: TargetSpec): string {
  switch (spec.kind) {
    case 'annual_rate':
      return `年均${formatDecimal(spec.rate)}`;
    case 'approx':
      return `${formatDecimal(spec.value, 4)}左右`;
    case 'cumulative_reduction':
      return `累计下降${formatDecimal(spec.value)}`;
    case 'level':
    case 'floor':
    case 'maintain':
      return formatDecimal(spec.value, 4);
    case 'qualitative':
      return QUALITATIVE_WORDING[spec.rule];
    case 'assigned':
      return '按省下达';
    case 'none':
      return NO_FIGURE;
  }
}
