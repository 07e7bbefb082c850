import type { TargetKind } from './target-kinds.ts';

/** What the value checks need to know of an indicator. */
export interface ValueRuleSubject {
  name: string;
  unit: string;
  targetKind: TargetKind;
}

/** Inclusive bounds of a plausible yearly value, with the reason shown to the person entering it. */
export interface ValueRange {
  min: number;
  max: number;
  reason: { zh: string; en: string };
}

const RATE_NAME = /(增速|增长|降幅|降低)/;

/**
 * The sane range of a yearly value. A share in percent lies in 0–100; a growth or reduction rate
 * (年均…增速, …降幅) may be negative; anything else is a non-negative amount.
 */
export function saneRange(subject: ValueRuleSubject): ValueRange {
  const isRate = subject.targetKind === 'annual_rate' || subject.targetKind === 'cumulative_reduction' || RATE_NAME.test(subject.name);
  if (isRate) return { min: -100, max: 100, reason: { zh: '增速或降幅应在 -100 至 100 之间', en: 'a rate must lie between -100 and 100' } };
  if (subject.unit === '%') return { min: 0, max: 100, reason: { zh: '百分比应在 0 至 100 之间', en: 'a percentage must lie between 0 and 100' } };
  return { min: 0, max: 1e15, reason: { zh: '数值不能为负', en: 'the value cannot be negative' } };
}

const DECIMAL = /^-?(0|[1-9]\d{0,14})(\.\d{1,10})?$/;

/**
 * Normalises what a person typed into decimal text, keeping its precision ("4523.630" stays as
 * typed): trims blanks, accepts full-width digits and a full-width point (common with Chinese IMEs)
 * and thousands separators. Returns null when it is not a plain decimal number.
 */
export function normaliseDecimalInput(raw: string): string | null {
  const text = raw
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/[－−]/g, '-')
    .replace(/[,，](?=\d{3}(\D|$))/g, '');
  return DECIMAL.test(text) ? text : null;
}
