import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client.ts';
import { errorText } from '../../components/errors.tsx';

/** The rules a refused password broke, in the reader's language (the API sends their codes). */
export function passwordErrorText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.code === 'weak_password') {
      const problems = (error.body as { problems?: unknown } | null)?.problems;
      const codes = Array.isArray(problems) ? problems.filter((p): p is string => typeof p === 'string') : [];
      return codes.map((c) => t(`security.problems.${c}`, { defaultValue: c })).join('；');
    }
  }
  return errorText(error, t);
}

/** What a refused sign-in tells the user: wrong credentials, a locked account, or throttling. */
export function loginErrorText(error: unknown, t: TFunction, formatTime: (iso: string) => string): string {
  if (error instanceof ApiError) {
    if (error.code === 'account_locked') {
      const until = (error.body as { lockedUntil?: unknown } | null)?.lockedUntil;
      return t('security.locked', { time: typeof until === 'string' ? formatTime(until) : '—' });
    }
    if (error.status === 429) return t('errors.too_many_requests');
    if (error.status === 401) return t('errors.invalid_credentials');
  }
  return errorText(error, t);
}
