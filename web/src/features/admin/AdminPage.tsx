import type { PlanListItem } from '@gz/shared';
import { Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { AntdScope } from '../../components/AntdScope.tsx';
import { PlanGate } from '../../components/PlanGate.tsx';
import { AnnualTargetsPanel } from './components/AnnualTargetsPanel.tsx';
import { PlansPanel } from './components/PlansPanel.tsx';
import { TargetsPanel } from './components/TargetsPanel.tsx';
import { TokensPanel } from './components/TokensPanel.tsx';
import { UsersPanel } from './components/UsersPanel.tsx';
import { UnitsPanel } from './components/UnitsPanel.tsx';
import { WebhooksPanel } from './components/WebhooksPanel.tsx';

export function AdminPage() {
  return (
    <AntdScope>
      <PlanGate>{({ plan }) => <Admin plan={plan} />}</PlanGate>
    </AntdScope>
  );
}

function Admin({ plan }: { plan: PlanListItem }) {
  const { t } = useTranslation();
  // ?tab=units opens a tab directly (the admin's to-do links to the unit assignments)
  const tab = useSearchParams()[0].get('tab');
  return (
    <div className="page">
      <header className="page-header">
        <Typography.Title level={3} className="page-title">
          {t('admin.title')}
        </Typography.Title>
      </header>
      <Tabs
        defaultActiveKey={tab ?? undefined}
        items={[
          { key: 'users', label: t('admin.users'), children: <UsersPanel /> },
          { key: 'tokens', label: t('admin.tokens'), children: <TokensPanel /> },
          { key: 'targets', label: t('admin.targets'), children: <TargetsPanel plan={plan} /> },
          { key: 'annual-targets', label: t('admin.annualTargets'), children: <AnnualTargetsPanel plan={plan} /> },
          { key: 'plans', label: t('admin.plans'), children: <PlansPanel /> },
          // units (#14)
          { key: 'units', label: t('units.tab'), children: <UnitsPanel plan={plan} /> },
          { key: 'webhooks', label: t('webhooks.tab'), children: <WebhooksPanel /> },
        ]}
      />
    </div>
  );
}
