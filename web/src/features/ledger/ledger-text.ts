import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client.ts';
import { errorText } from '../../components/errors.tsx';

const LEDGER_CODES = [
  'evidence_type_refused',
  'evidence_too_large',
  'not_lead_unit',
  'report_pending',
  'no_lead_unit',
  'four_eyes',
  'not_pending',
  'import_rejected',
] as const;

/** An API error of the ledger as the UI language says it: known codes from the dictionary, others as the API wrote them. */
export function ledgerErrorText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    const code = LEDGER_CODES.find((c) => c === error.code);
    if (code) return t(`ledger.errors.${code}`);
    if (error.code === 'validation_failed')
      return t('ledger.errors.validation_failed', {
        detail: error.errors.map((e) => `${e.field}: ${e.message}`).join('；') || error.detail,
      });
  }
  return errorText(error, t);
}

/** Units or codes typed in one field, separated by 、 or commas. */
export const splitUnits = (text: string) =>
  text
    .split(/[、,，;；\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
