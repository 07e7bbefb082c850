import { mayManageAccounts, type PlanListItem } from '@gz/shared';
import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.ts';
import { PageShell, PlanPage } from '../../components/PageShell.tsx';
import { AnnualTargetsPanel } from './components/AnnualTargetsPanel.tsx';
import { PlansPanel } from './components/PlansPanel.tsx';
import { SettingsPanel } from './components/SettingsPanel.tsx';
import { TargetsPanel } from './components/TargetsPanel.tsx';
import { TokensPanel } from './components/TokensPanel.tsx';
import { UsersPanel } from './components/UsersPanel.tsx';

export function AdminPage() {
  return <PlanPage>{({ plan }) => <Admin plan={plan} />}</PlanPage>;
}

function Admin({ plan }: { plan: PlanListItem }) {
  const { t } = useTranslation();
  const session = useSession().data;
  const role = session?.role;
  const manageAccounts = role !== undefined && mayManageAccounts(role, session?.roleSeparation ?? 'combined');
  return (
    <PageShell title={t('admin.title')}>
      <Tabs
        items={[
          { key: 'users', label: t('admin.users'), children: <UsersPanel /> },
          { key: 'tokens', label: t('admin.tokens'), children: <TokensPanel /> },
          { key: 'targets', label: t('admin.targets'), children: <TargetsPanel plan={plan} /> },
          { key: 'annual-targets', label: t('admin.annualTargets'), children: <AnnualTargetsPanel plan={plan} /> },
          {
            key: 'plans',
            label: t('admin.plans'),
            // FINAL (#11): the settings (issuing unit, 默认展示规划) sit with the plans; a sixth tab overflows a phone
            children: (
              <>
                <PlansPanel />
                <SettingsPanel />
              </>
            ),
          },
          // SEC (#10): the security administrator manages accounts and tokens only
        ].filter((tab) =>
          role === 'security_admin'
            ? tab.key === 'users' || tab.key === 'tokens'
            : tab.key !== 'users' || manageAccounts,
        )}
      />
    </PageShell>
  );
}
