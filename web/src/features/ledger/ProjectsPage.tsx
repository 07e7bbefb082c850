import { useQuery } from '@tanstack/react-query';
import { Button, Collapse, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.ts';
import { CreateTaskModal } from './components/CreateTaskModal.tsx';
import { fetchKeyProjects, ledgerKeys } from '../../api/ledger.ts';
import { AntdScope } from '../../components/AntdScope.tsx';
import { PageShell } from '../../components/PageShell.tsx';
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
  const role = useSession().data?.role;
  const isOffice = role === 'admin' || role === 'reviewer';
  const [creating, setCreating] = useState<string | null>(null);
  return (
    <PageShell title={t('ledger.projectsTitle')} className="ledger-page" read={q}>
      {(boxes) => (
        <>
          <LedgerTabs />
          <Collapse
            items={boxes.map((b) => ({
              key: String(b.no),
              label: `专栏${b.no}：${b.title}`,
              children: b.projects.map((p) => (
                <div key={p.id} className="ledger-measure">
                  <strong>{p.name.length > 40 ? `${p.name.slice(0, 40)}…` : p.name}</strong>{' '}
                  {p.taskCount === 0 ? (
                    <Tag color="orange">{t('ledger.undivided')}</Tag>
                  ) : (
                    <Tag>{t('ledger.taskCount', { count: p.taskCount })}</Tag>
                  )}
                  {isOffice && (
                    <Button
                      size="small"
                      type="link"
                      onClick={() => setCreating(p.id)}
                      aria-label={t('ledger.createTask')}
                    >
                      +
                    </Button>
                  )}
                  <Typography.Paragraph type="secondary">{p.text}</Typography.Paragraph>
                </div>
              )),
            }))}
          />
          {creating && (
            <CreateTaskModal
              open
              measures={[]}
              projects={boxes.flatMap((b) => b.projects)}
              initialProject={creating}
              onClose={() => setCreating(null)}
            />
          )}
        </>
      )}
    </PageShell>
  );
}
