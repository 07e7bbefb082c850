import { type ImportProblemCode, isErrorCode } from '@gz/shared';
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client.ts';

/**
 * What to tell the user about a failed call, in the UI language: the dictionary's text for the API's
 * error code (shared ERROR_CODES), the API's own detail only for a code the dictionaries do not know.
 */
export function errorText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.code === 'network_error') return t('app.networkError');
    if (error.code === 'invalid_reply') return t('app.invalidReply', { detail: error.detail });
    // `count`: how many fields the API named (e.g. the indicators whose target is still 待定)
    if (isErrorCode(error.code)) return t(`errors.${error.code}`, { count: error.errors.length });
    return error.detail;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * An import row's problem in the UI language: a refusal the API also answers requests with (year_locked,
 * not_your_unit, …) from the one `errors` dictionary, the import's own problems from `values.importCodes`.
 */
export function importProblemText(code: ImportProblemCode, t: TFunction): string {
  return isErrorCode(code) ? t(`errors.${code}`) : t(`values.importCodes.${code}`);
}
