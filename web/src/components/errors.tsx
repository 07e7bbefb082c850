import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../api/client.ts';
import { problemCodeKey } from '../i18n/problem-codes.ts';

// Plain markup rather than antd: these states belong to every page, the overview included, and the
// overview's first load carries no antd.

/** What to tell the user about a failed call: the API's own detail, or what kind of failure it was. */
export function errorText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.code === 'network_error') return t('app.networkError');
    if (error.code === 'invalid_reply') return t('app.invalidReply', { detail: error.detail });
    // codes with a message in the dictionaries show in the UI's language (units, #14)
    const key = problemCodeKey(error.code);
    if (key !== null) return t(key);
    return error.detail;
  }
  return error instanceof Error ? error.message : String(error);
}

/** A page (or card) that could not load, with a retry. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice-warning" role="alert" data-testid="load-error">
      <div>
        <strong>{t('app.errorTitle')}</strong>
        <p>{errorText(error, t)}</p>
      </div>
      <button type="button" className="plain-button" onClick={onRetry}>
        {t('app.retry')}
      </button>
    </div>
  );
}

/** A page that cannot be shown (unknown address, or not for this role), with the way back. */
export function Unavailable({ title }: { title: string }) {
  const { t } = useTranslation();
  return (
    <div className="notice" role="status">
      <strong>{title}</strong>
      <Link to="/" className="plain-button">
        {t('nav.overview')}
      </Link>
    </div>
  );
}

export function PageSpin() {
  const { t } = useTranslation();
  return (
    <div className="page-spin" role="status" aria-live="polite">
      <span className="spinner" aria-hidden />
      {t('app.loading')}
    </div>
  );
}
