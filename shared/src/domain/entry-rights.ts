/**
 * The one rule "may this user enter values for this indicator", used by the server (it refuses the
 * write) and the web (it makes the cell read-only and says why). Pure; no I/O.
 */

/** Why a user may not enter values; the web translates each code. */
export const ENTRY_DENIALS = ['not_signed_in', 'role_cannot_enter', 'no_lead_unit', 'not_your_unit'] as const;
export type EntryDenial = (typeof ENTRY_DENIALS)[number];

/** What the rule needs to know of the user (null: nobody is signed in). */
export interface EntryActor {
  role: string;
  /** unit codes the user enters values for */
  units: readonly string[];
}

/** What the rule needs to know of the indicator. */
export interface EntrySubject {
  leadUnit: string | null;
  contributingUnits: readonly string[];
}

export type EntryDecision = { allowed: true } | { allowed: false; reason: EntryDenial };

/**
 * May `actor` enter values for `indicator`? Admins may enter any indicator (one without a lead unit
 * included, so the office can fill the gaps); editors may enter the indicators whose lead unit or one
 * of whose contributing units is one of theirs; reviewers and viewers never enter.
 * Denials: `not_signed_in`, `role_cannot_enter`, `no_lead_unit` (nobody is in charge yet),
 * `not_your_unit`.
 */
export function mayEnterValues(actor: EntryActor | null, indicator: EntrySubject): EntryDecision {
  if (actor === null) return { allowed: false, reason: 'not_signed_in' };
  if (actor.role === 'admin') return { allowed: true };
  if (actor.role !== 'editor') return { allowed: false, reason: 'role_cannot_enter' };
  if (indicator.leadUnit === null) return { allowed: false, reason: 'no_lead_unit' };
  const mine = new Set(actor.units);
  if (mine.has(indicator.leadUnit) || indicator.contributingUnits.some((u) => mine.has(u))) return { allowed: true };
  return { allowed: false, reason: 'not_your_unit' };
}

/** The unit codes an indicator concerns: its lead unit first, then the contributing ones. */
export function unitsOfIndicator(indicator: EntrySubject): string[] {
  const all = indicator.leadUnit === null ? [...indicator.contributingUnits] : [indicator.leadUnit, ...indicator.contributingUnits];
  return [...new Set(all)];
}

/** Each denial in words, for messages that leave the server in both languages (imports, problems). */
export const ENTRY_DENIAL_TEXT: Readonly<Record<EntryDenial, { zh: string; en: string }>> = {
  not_signed_in: { zh: '请先登录', en: 'sign in first' },
  role_cannot_enter: { zh: '您的角色不能填报数值', en: 'your role does not enter values' },
  no_lead_unit: { zh: '该指标尚未分配牵头单位，请联系管理员', en: 'the indicator has no lead unit yet; ask an administrator' },
  not_your_unit: { zh: '该指标不属于您所在的单位', en: 'the indicator belongs to another unit' },
};
