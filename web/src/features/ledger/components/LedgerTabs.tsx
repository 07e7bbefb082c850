import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useSession } from '../../../app/session.ts';

const TABS = [
  { key: 'ledger', path: '/ledger', roles: null },
  { key: 'alignment', path: '/ledger/alignment', roles: null },
  { key: 'projects', path: '/ledger/projects', roles: null },
  { key: 'mine', path: '/ledger/mine', roles: ['admin', 'reviewer', 'editor'] },
  { key: 'review', path: '/ledger/review', roles: ['admin', 'reviewer'] },
] as const;

/** The ledger's own sub-navigation (a row of links that scrolls sideways on a phone). */
export function LedgerTabs() {
  const { t } = useTranslation();
  const role = useSession().data?.role;
  return (
    <nav className="ledger-tabs" aria-label={t('ledger.title')}>
      {TABS.filter(
        (tab) => tab.roles === null || (role !== undefined && (tab.roles as readonly string[]).includes(role)),
      ).map((tab) => (
        <NavLink key={tab.key} to={tab.path} end className="ledger-tab" data-testid={`ledger-tab-${tab.key}`}>
          {t(`ledger.tabs.${tab.key}`)}
        </NavLink>
      ))}
    </nav>
  );
}
