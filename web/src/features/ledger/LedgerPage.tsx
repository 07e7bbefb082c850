import { TASK_STATUSES, type MeasureSummary, type Task, type TaskStatus } from '@gz/shared';
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchDocuments, fetchMeasures, fetchTasks, ledgerKeys, ledgerWorkbookUrl } from '../../api/ledger.ts';
import { useSession } from '../../app/session.ts';
import { AntdScope } from '../../components/AntdScope.tsx';
import { PageSpin } from '../../components/errors.tsx';
import { PageShell } from '../../components/PageShell.tsx';
import { CreateTaskModal } from './components/CreateTaskModal.tsx';
import { ImportLedger } from './components/ImportLedger.tsx';
import { LedgerTabs } from './components/LedgerTabs.tsx';
import { RollupDot } from './components/StatusLight.tsx';
import { TaskItem } from './components/TaskItem.tsx';
import { useUnits } from './use-units.ts';

export function LedgerPage() {
  return (
    <AntdScope>
      <Ledger />
    </AntdScope>
  );
}

/** Section → measure → tasks of one document, with filters by unit and status and the workbook export. */
function Ledger() {
  const { t } = useTranslation();
  const role = useSession().data?.role;
  const isOffice = role === 'admin' || role === 'reviewer';
  const [documentId, setDocumentId] = useState('gz-2026-urban');
  const [unit, setUnit] = useState<string | undefined>();
  const [status, setStatus] = useState<TaskStatus | undefined>();
  const [creating, setCreating] = useState<{ measure?: string } | null>(null);
  const documents = useQuery({ queryKey: ledgerKeys.documents(), queryFn: fetchDocuments });
  const measures = useQuery({ queryKey: ledgerKeys.measures(documentId), queryFn: () => fetchMeasures(documentId) });
  const allTasks = useQuery({ queryKey: ledgerKeys.tasks({}), queryFn: () => fetchTasks({}) });
  const directory = useUnits();

  const units = useMemo(
    () =>
      [
        ...new Set((allTasks.data ?? []).flatMap((x) => [x.leadUnit ?? '', ...x.contributingUnits]).filter(Boolean)),
      ].sort(),
    [allTasks.data],
  );
  const shown = (allTasks.data ?? []).filter(
    (x) =>
      (unit === undefined || x.leadUnit === unit || x.contributingUnits.includes(unit)) &&
      (status === undefined || x.status.status === status),
  );
  const filtering = unit !== undefined || status !== undefined;

  const doc = documents.data?.find((d) => d.id === documentId);

  const sections: { no: string; title: string; measures: MeasureSummary[] }[] = [];
  for (const m of measures.data ?? []) {
    const last = sections.at(-1);
    if (last && last.no === m.section.no) last.measures.push(m);
    else sections.push({ no: m.section.no, title: m.section.title, measures: [m] });
  }

  return (
    <PageShell title={t('ledger.title')} className="ledger-page" reads={[measures, allTasks]} spinWhileLoading={false}>
      <LedgerTabs />
      <Space wrap className="ledger-toolbar">
        <Select
          value={documentId}
          onChange={setDocumentId}
          style={{ minWidth: 220 }}
          aria-label={t('ledger.document')}
          options={(documents.data ?? []).map((d) => ({
            value: d.id,
            label: `${t(`ledger.levels.${d.level}`)}${d.partial ? `（${t('ledger.partial')}）` : ''}`,
          }))}
        />
        <Select
          allowClear
          placeholder={t('ledger.filterUnit')}
          value={unit}
          onChange={(v: string | undefined) => setUnit(v)}
          style={{ minWidth: 160 }}
          data-testid="filter-unit"
          options={units.map((u) => ({ value: u, label: directory.name(u) ?? u }))}
        />
        <Select
          allowClear
          placeholder={t('ledger.filterStatus')}
          value={status}
          onChange={(v: TaskStatus | undefined) => setStatus(v)}
          style={{ minWidth: 140 }}
          data-testid="filter-status"
          options={TASK_STATUSES.map((s) => ({ value: s, label: t(`ledger.statuses.${s}`) }))}
        />
        <Button href={ledgerWorkbookUrl()} data-testid="ledger-export">
          {t('ledger.export')}
        </Button>
        {isOffice && (
          <Button type="primary" onClick={() => setCreating({})} data-testid="task-create">
            {t('ledger.createTask')}
          </Button>
        )}
        {isOffice && <ImportLedger />}
      </Space>
      {doc?.partial && <Typography.Paragraph type="secondary">{doc.partialNote}</Typography.Paragraph>}
      {measures.isPending || allTasks.isPending ? (
        <PageSpin />
      ) : (
        sections.map((s) => {
          const visible = s.measures.filter((m) => !filtering || shown.some((x) => x.measureId === m.id));
          if (visible.length === 0) return null;
          return (
            <section key={s.no} className="ledger-section" data-testid={`section-${s.no}`}>
              <h2 className="ledger-section-title">
                {s.no}、{s.title}
              </h2>
              {visible.map((m) => (
                <MeasureBlock
                  key={m.id}
                  measure={m}
                  tasks={shown.filter((x) => x.measureId === m.id)}
                  onCreate={isOffice ? () => setCreating({ measure: m.id }) : undefined}
                />
              ))}
            </section>
          );
        })
      )}
      {filtering && shown.length === 0 && <Empty />}
      {creating && (
        <CreateTaskModal
          open
          measures={measures.data ?? []}
          initialMeasure={creating.measure}
          onClose={() => setCreating(null)}
        />
      )}
    </PageShell>
  );
}

function MeasureBlock({
  measure,
  tasks,
  onCreate,
}: {
  measure: MeasureSummary;
  tasks: Task[];
  onCreate: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  return (
    <div className="ledger-measure" data-testid={`measure-${measure.id}`}>
      <div className="ledger-measure-head">
        <RollupDot colour={measure.rollup.colour} />
        <span className="ledger-measure-title">
          {measure.label}
          {measure.title}
        </span>
        {measure.taskCount === 0 ? (
          <Tag color="orange">{t('ledger.undivided')}</Tag>
        ) : (
          <Tag>{t('ledger.taskCount', { count: measure.taskCount })}</Tag>
        )}
        {onCreate && (
          <Button
            size="small"
            type="link"
            onClick={onCreate}
            data-testid={`task-create-${measure.id}`}
            aria-label={t('ledger.createTask')}
          >
            +
          </Button>
        )}
      </div>
      {tasks.map((x) => (
        <TaskItem key={x.id} task={x} />
      ))}
    </div>
  );
}
