import type { Task } from '@gz/shared';
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchTasks, ledgerKeys } from '../../api/ledger.ts';
import { useSession } from '../../app/session.ts';
import { AntdScope } from '../../components/AntdScope.tsx';
import { PageSpin } from '../../components/errors.tsx';
import { PageShell } from '../../components/PageShell.tsx';
import { LedgerTabs } from './components/LedgerTabs.tsx';
import { ReportForm } from './components/ReportForm.tsx';
import { useUnits } from './use-units.ts';
import { TaskItem } from './components/TaskItem.tsx';

export function MyTasksPage() {
  return (
    <AntdScope>
      <MyTasks />
    </AntdScope>
  );
}

/** The tasks of the signed-in user's units (lead or contributing); the lead unit reports progress here. */
function MyTasks() {
  const { t } = useTranslation();
  const user = useSession().data ?? null;
  const [reporting, setReporting] = useState<Task | null>(null);
  const directory = useUnits();
  const all = useQuery({ queryKey: ledgerKeys.tasks({}), queryFn: () => fetchTasks({}) });
  const units = user?.units ?? [];
  const isAdmin = user?.role === 'admin';
  const mine = (all.data ?? []).filter(
    (x) => isAdmin || units.some((u) => x.leadUnit === u || x.contributingUnits.includes(u)),
  );
  return (
    <PageShell title={t('ledger.mineTitle')} className="ledger-page" reads={[all]} spinWhileLoading={false}>
      <LedgerTabs />
      {units.length > 0 && (
        <Typography.Paragraph type="secondary">
          {t('ledger.yourUnits', { units: units.map((u) => directory.name(u)).join('、') })}
        </Typography.Paragraph>
      )}
      {all.isPending ? (
        <PageSpin />
      ) : mine.length === 0 ? (
        <Empty description={t('ledger.mineEmpty')} />
      ) : (
        mine.map((x) => {
          const latest = x.latestReport;
          const leads = isAdmin || (x.leadUnit !== null && units.includes(x.leadUnit));
          return (
            <div key={x.id} className="ledger-measure" data-testid={`mine-${x.id}`}>
              <TaskItem task={x} />
              {latest?.state === 'returned' && (
                <Typography.Paragraph type="danger" data-testid="returned-reason">
                  {t('ledger.returnedBecause', { reason: latest.reviewNote ?? '' })}
                </Typography.Paragraph>
              )}
              {latest?.state === 'pending' && (
                <Typography.Paragraph type="secondary">{t('ledger.submitted')}</Typography.Paragraph>
              )}
              {x.reportRequests
                .filter((q) => !q.submitted)
                .map((q) => (
                  <Typography.Paragraph key={q.roundId} type="warning" data-testid="report-due">
                    {t('ledger.reportDue', { date: q.dueDate })}
                  </Typography.Paragraph>
                ))}
              {leads && latest?.state !== 'pending' && x.status.status !== 'completed' && (
                <Button type="primary" onClick={() => setReporting(x)} data-testid={`report-${x.id}`}>
                  {t('ledger.report')}
                </Button>
              )}
            </div>
          );
        })
      )}
      {reporting && <ReportForm task={reporting} onClose={() => setReporting(null)} />}
    </PageShell>
  );
}
