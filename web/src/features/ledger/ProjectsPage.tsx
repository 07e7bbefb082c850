import { useQuery } from '@tanstack/react-query';
import { Collapse, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { fetchKeyProjects, ledgerKeys } from '../../api/ledger.ts';
import { AntdScope } from '../../components/AntdScope.tsx';
import { LoadError, PageSpin } from '../../components/errors.tsx';
import { LedgerTabs } from './components/LedgerTabs.tsx';

export function ProjectsPage() {
  return (
    <AntdScope>
      <Projects />
    </AntdScope>
  );
}

/** 专栏1–9 of the 2021–2025 plan: each box's named projects with the printed text and their task counts. */
function Projects() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ledgerKeys.projects(), queryFn: fetchKeyProjects });
  if (q.isError) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  if (q.isPending) return <PageSpin />;
  return (
    <div className="page ledger-page">
      <header className="page-header">
        <Typography.Title level={3} className="page-title">
          {t('ledger.projectsTitle')}
        </Typography.Title>
      </header>
      <LedgerTabs />
      <Collapse
        items={q.data.map((b) => ({
          key: String(b.no),
          label: `专栏${b.no}：${b.title}`,
          children: b.projects.map((p) => (
            <div key={p.id} className="ledger-measure">
              <strong>{p.name.length > 40 ? `${p.name.slice(0, 40)}…` : p.name}</strong>{' '}
              {p.taskCount === 0 ? <Tag color="orange">{t('ledger.undivided')}</Tag> : <Tag>{t('ledger.taskCount', { count: p.taskCount })}</Tag>}
              <Typography.Paragraph type="secondary">{p.text}</Typography.Paragraph>
            </div>
          )),
        }))}
      />
    </div>
  );
}
