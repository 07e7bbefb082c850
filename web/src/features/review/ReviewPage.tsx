import type { PlanListItem } from '@gz/shared';
import { Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AntdScope } from '../../components/AntdScope.tsx';
import { PlanGate } from '../../components/PlanGate.tsx';
import { AssessmentForm } from './components/AssessmentForm.tsx';
import { LockPanel } from './components/LockPanel.tsx';
import { ReviewQueue } from './components/ReviewQueue.tsx';

export function ReviewPage() {
  return (
    <AntdScope>
      <PlanGate>{({ plan }) => <Review plan={plan} />}</PlanGate>
    </AntdScope>
  );
}

function Review({ plan }: { plan: PlanListItem }) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <header className="page-header">
        <Typography.Title level={3} className="page-title">
          {t('review.title')}
        </Typography.Title>
      </header>
      <Tabs
        items={[
          { key: 'queue', label: t('review.queue'), children: <ReviewQueue planId={plan.id} /> },
          { key: 'locks', label: t('review.locks'), children: <LockPanel plan={plan} /> },
          { key: 'assessments', label: t('review.assessments'), children: <AssessmentForm plan={plan} /> },
        ]}
      />
    </div>
  );
}
