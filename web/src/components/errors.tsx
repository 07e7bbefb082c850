import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from './error-text.ts';

// Plain markup rather than antd: these states belong to every page, the overview included, and the
// overview's first load carries no antd.

export { errorText } from './error-text.ts';

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
