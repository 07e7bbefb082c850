import { GlobalOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { logout, sessionKey } from '../api/auth.ts';
import { PageSpin } from '../components/errors.tsx';
import { changeLocale, useLocale } from '../i18n/index.ts';
import { canOpen, type RestrictedScreen } from './access.ts';
import { useScopedPath } from './scope.ts';
import { useSession } from './session.ts';
import { MessagesBadge } from './MessagesBadge.tsx';

const NAV: {
  key: 'overview' | 'indicators' | 'entry' | 'review' | 'admin' | 'todo' | 'rounds' | 'ledger' | 'securityLog';
  path: string;
  screen?: RestrictedScreen;
}[] = [
  { key: 'overview', path: '/' },
  { key: 'indicators', path: '/indicators' },
  { key: 'entry', path: '/entry', screen: 'entry' },
  { key: 'review', path: '/review', screen: 'review' },
  { key: 'admin', path: '/admin', screen: 'admin' },
  // rounds and to-do (#14)
  { key: 'todo', path: '/todo', screen: 'todo' },
  { key: 'rounds', path: '/rounds', screen: 'rounds' },
  // measures ledger (issue 12)
  { key: 'ledger', path: '/ledger' },
  // SEC (#10)
  { key: 'securityLog', path: '/security-log', screen: 'securityLog' },
];

/** SEC (#10): the page a user whose password someone else set is kept on until they change it. */
const PASSWORD_PAGE = '/account/password';

/**
 * The frame of every page, in plain markup: it is part of the overview's first load, which carries
 * no antd, and on a phone a row of links that scrolls sideways is all the navigation needs.
 */
export function AppLayout() {
  const { t } = useTranslation();
  const locale = useLocale();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const scoped = useScopedPath();
  const user = useSession().data ?? null;

  async function signOut() {
    await logout();
    // Nothing read under the old session may stay on screen for the next person at this device.
    queryClient.clear();
    queryClient.setQueryData(sessionKey, null);
    void navigate('/');
  }

  if (user?.mustChangePassword && location.pathname !== PASSWORD_PAGE) {
    return <Navigate to={`${PASSWORD_PAGE}?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }

  return (
    <div className="app-layout">
      <header className="app-header">
        <div className="app-bar">
          <Link to={scoped('/')} className="app-brand">
            <span className="app-brand-full">{t('app.title')}</span>
            <span className="app-brand-short">{t('app.shortTitle')}</span>
          </Link>
          <div className="app-actions">
            <button
              type="button"
              className="app-action"
              onClick={() => changeLocale(locale === 'en' ? 'zh-CN' : 'en')}
              aria-label={`${t('app.language')}: ${t('app.switchLanguage')}`}
              data-testid="locale-switch"
            >
              <GlobalOutlined /> {t('app.switchLanguage')}
            </button>
            {user ? (
              <>
                <MessagesBadge />
                <span className="app-user" title={t(`roles.${user.role}`)} data-testid="user-name">
                  <UserOutlined /> <span className="app-username">{user.username}</span>
                </span>
                <Link
                  to={PASSWORD_PAGE}
                  className="app-action"
                  aria-label={t('security.changePassword')}
                  title={t('security.changePassword')}
                  data-testid="change-password"
                >
                  <KeyOutlined />
                </Link>
                <button
                  type="button"
                  className="app-action"
                  onClick={() => void signOut()}
                  aria-label={t('nav.logout')}
                  title={t('nav.logout')}
                  data-testid="logout"
                >
                  <LogoutOutlined />
                </button>
              </>
            ) : (
              location.pathname !== '/login' && (
                <Link
                  to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`}
                  className="app-login"
                  data-testid="login-link"
                >
                  <UserOutlined /> {t('nav.login')}
                </Link>
              )
            )}
          </div>
        </div>
        <nav className="app-nav" aria-label={t('nav.menu')}>
          {NAV.filter((item) => !item.screen || canOpen(item.screen, user?.role, user?.roleSeparation)).map((item) => (
            <NavLink
              key={item.key}
              to={scoped(item.path)}
              end={item.path === '/'}
              className="app-nav-link"
              data-testid={`nav-${item.key}`}
            >
              {t(`nav.${item.key}`)}
            </NavLink>
          ))}
        </nav>
      </header>
      <main className="app-content">
        <Suspense fallback={<PageSpin />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
