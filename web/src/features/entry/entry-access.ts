import type { DataStatus, Indicator, User, ValueQualifier } from '@gz/shared';
import type { TFunction } from 'i18next';
import type { Revision } from '../../api/observations.ts';

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
  const reopen = base !== null && (base.reviewState === 'returned' || (base.reviewState === 'pending' && base.enteredBy !== null && base.enteredBy === me));
  return {
    value: base?.valueText ?? '',
    dataStatus: base?.dataStatus ?? 'preliminary',
    qualifier: base?.qualifier ?? null,
    growthRate: base?.growthRateText ?? '',
    source: reopen ? (base?.source ?? '') : '',
    note: reopen ? (base?.note ?? '') : '',
  };
}
