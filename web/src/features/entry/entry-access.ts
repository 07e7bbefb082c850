import { mayEnterValues, type DataStatus, type Indicator, type User, type ValueQualifier } from '@gz/shared';
import type { TFunction } from 'i18next';
import type { Revision } from '../../api/observations.ts';

/** Why a cell is read-only for a user, as a text in the UI's language; null when they may enter it. */
export type EntryRefusal = string | null;

/**
 * Whether the signed-in user may enter an indicator's values, with the reason when not: the shared rule
 * `mayEnterValues` (admins all; editors the indicators their unit leads or contributes to), its denial in words.
 * The one place the entry grid asks.
 */
export function entryRefusal(
  user: Pick<User, 'role' | 'units'> | null,
  indicator: Pick<Indicator, 'leadUnit' | 'contributingUnits' | 'department'>,
  t: TFunction,
): EntryRefusal {
  const decision = mayEnterValues(user, indicator);
  if (decision.allowed) return null;
  // who does enter it, when the plan names them; otherwise the API's refusal of the same code
  if (decision.reason === 'not_your_unit' && indicator.department)
    return t('hints.enteredByOther', { unit: indicator.department });
  return t(`errors.${decision.reason}`);
}

/** The fields of the entry form. */
export interface EntryValues {
  value: string;
  dataStatus: DataStatus;
  qualifier?: ValueQualifier | null;
  growthRate?: string;
  source: string;
  note?: string;
}

/**
 * What the form opens with. A returned revision, or the user's own pending one, reopens as entered (source
 * included): it is the same entry being corrected. Otherwise the figures of the newest revision are offered
 * but never its source or note: a corrected figure needs its own source (suggested, one click away).
 */
export function initialEntry(base: Revision | null, me: string | null): EntryValues {
  const reopen =
    base !== null &&
    (base.reviewState === 'returned' ||
      (base.reviewState === 'pending' && base.enteredBy !== null && base.enteredBy === me));
  return {
    value: base?.valueText ?? '',
    dataStatus: base?.dataStatus ?? 'preliminary',
    qualifier: base?.qualifier ?? null,
    growthRate: base?.growthRateText ?? '',
    source: reopen ? (base?.source ?? '') : '',
    note: reopen ? (base?.note ?? '') : '',
  };
}
