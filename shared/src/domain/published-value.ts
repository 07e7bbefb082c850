import { VALUE_QUALIFIERS, type ValueQualifier } from '../schemas/common.ts';
import type { BilingualText } from './status-labels.ts';

/*
 * Values as departments publish them: a number with an optional qualifier (以上 / 左右 / 约 / 以内) and,
 * for levels such as GDP, the comparable-price growth rate published with it (可比价增速, in percent).
 */

/** The label of each qualifier, as printed with a figure. */
export const VALUE_QUALIFIER_LABELS: Readonly<Record<ValueQualifier, BilingualText>> = {
  at_least: { zh: '以上', en: 'or more' },
  about: { zh: '左右', en: 'about' },
  approx: { zh: '约', en: 'approx.' },
  at_most: { zh: '以内', en: 'at most' },
};

/** 约 is written before the number (约4606.2); the others after it (10以上, 7.5左右, 3以内). */
const PREFIXED: ReadonlySet<ValueQualifier> = new Set<ValueQualifier>(['approx']);

/**
 * A value as published, in Chinese: the decimal text with its qualifier (`10以上`, `约4606.2`), or the
 * text alone when it has none. The one rendering used by the API (`displayText`), the web and exports.
 */
export function publishedValueText(valueText: string, qualifier: ValueQualifier | null | undefined): string {
  if (qualifier === null || qualifier === undefined) return valueText;
  const label = VALUE_QUALIFIER_LABELS[qualifier].zh;
  return PREFIXED.has(qualifier) ? `${label}${valueText}` : `${valueText}${label}`;
}

/**
 * Reads a qualifier written as its code (at_least, any case) or its Chinese label (以上 / 左右 / 约 / 以内);
 * null for a blank, undefined when it is neither (an error to report).
 */
export function parseValueQualifier(text: string): ValueQualifier | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  return VALUE_QUALIFIERS.find((q) => q === t.toLowerCase() || VALUE_QUALIFIER_LABELS[q].zh === t);
}

/** Bounds of a published comparable-price growth rate in percent: a level cannot fall by 100 % or more. */
export const GROWTH_RATE_RANGE = { min: -99.99, max: 1000 } as const;
