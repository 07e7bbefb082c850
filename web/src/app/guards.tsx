import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { PageSpin, Unavailable } from '../components/errors.tsx';
import { canOpen, type RestrictedScreen } from './access.ts';
import { useSession } from './session.ts';

/** Shows a restricted screen only to the roles that use it; anonymous users are sent to log in. */
export function RequireRole({ screen, children }: { screen: RestrictedScreen; children: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const session = useSession();
  if (session.isPending) return <PageSpin />;
  const user = session.data ?? null;
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (!canOpen(screen, user.role, user.roleSeparation)) return <Unavailable title={t('app.forbidden')} />;
  return children;
}

export function NotFound() {
  const { t } = useTranslation();
  return <Unavailable title={t('app.notFound')} />;
}
