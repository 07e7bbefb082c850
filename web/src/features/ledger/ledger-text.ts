import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client.ts';
import { errorText } from '../../components/errors.tsx';

/**
 * An API error of the ledger as the UI language says it: the code's text from the one `errors` dictionary;
 * for invalid input, the fields the API names after it (the ledger's forms have no field of their own to show them at).
 */
export function ledgerErrorText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError && error.code === 'validation_failed') {
    const detail = error.errors.map((e) => `${e.field}: ${e.message}`).join('；') || error.detail;
    return t('hints.withDetail', { text: errorText(error, t), detail });
  }
  return errorText(error, t);
}

/** Units or codes typed in one field, separated by 、 or commas. */
export const splitUnits = (text: string) =>
  text
    .split(/[、,，;；\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
