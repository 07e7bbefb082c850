import { isRateKind, type TargetKind, type TargetSpec } from './target-kinds.ts';

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
  const isRate = isRateKind(subject.targetKind) || RATE_NAME.test(subject.name);
  if (isRate)
    return {
      min: -100,
      max: 100,
      reason: { zh: '增速或降幅应在 -100 至 100 之间', en: 'a rate must lie between -100 and 100' },
    };
  if (subject.unit === '%')
    return {
      min: 0,
      max: 100,
      reason: { zh: '百分比应在 0 至 100 之间', en: 'a percentage must lie between 0 and 100' },
    };
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
  if (!DECIMAL.test(text)) return null;
  // SEC (#10): "-0" and "-0.00" are zero: stored without the sign, precision kept
  return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
}

/** SEC (#10): the largest magnitude any target may have (a sane bound far above any real figure). */
export const TARGET_MAX_MAGNITUDE = 1e12;

/**
 * What is wrong with a target for an indicator (null when it is plausible): every number finite and
 * within {@link TARGET_MAX_MAGNITUDE}; a share in percent within 0–100 and a rate within −100–100 (the
 * ranges of {@link saneRange}); a level or approximate target of an amount greater than zero.
 */
export function targetSpecProblem(
  spec: TargetSpec,
  subject: Omit<ValueRuleSubject, 'targetKind'>,
): { zh: string; en: string } | null {
  const numbers = Object.entries(spec).filter((e): e is [string, number] => typeof e[1] === 'number');
  if (numbers.some(([, n]) => !Number.isFinite(n) || Math.abs(n) > TARGET_MAX_MAGNITUDE)) {
    return { zh: '目标值超出合理范围', en: `a target must be a finite number within ±${TARGET_MAX_MAGNITUDE}` };
  }
  const value = 'value' in spec ? spec.value : 'rate' in spec ? spec.rate : null;
  if (value === null) return null;
  const range = saneRange({ ...subject, targetKind: spec.kind });
  if (value < range.min || value > range.max) return range.reason;
  if ((spec.kind === 'level' || spec.kind === 'approx') && range.min === 0 && value <= 0) {
    return { zh: '目标值应大于 0', en: 'a level target must be greater than 0' };
  }
  return null;
}
