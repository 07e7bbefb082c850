import type { PlanListItem } from '@gz/shared';
import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageShell, PlanPage } from '../../components/PageShell.tsx';
import { AssessmentForm } from './components/AssessmentForm.tsx';
import { LockPanel } from './components/LockPanel.tsx';
import { ReviewQueue } from './components/ReviewQueue.tsx';

export function ReviewPage() {
  return <PlanPage>{({ plan }) => <Review plan={plan} />}</PlanPage>;
}

function Review({ plan }: { plan: PlanListItem }) {
  const { t } = useTranslation();
  return (
    <PageShell title={t('review.title')}>
      <Tabs
        items={[
          { key: 'queue', label: t('review.queue'), children: <ReviewQueue planId={plan.id} /> },
          { key: 'locks', label: t('review.locks'), children: <LockPanel plan={plan} /> },
          { key: 'assessments', label: t('review.assessments'), children: <AssessmentForm plan={plan} /> },
        ]}
      />
    </PageShell>
  );
}
