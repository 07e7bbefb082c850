import type { Indicator, PlanListItem } from '@gz/shared';
import { Switch, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ObservationHistory, Revision } from '../../api/observations.ts';
import { useSession } from '../../app/session.ts';
import { PageShell, PlanPage } from '../../components/PageShell.tsx';
import { useIndicatorList, useLocks } from '../../hooks/shared-queries.ts';
import { EntryCell } from './components/EntryCell.tsx';
import { ExcelPanel } from './components/ExcelPanel.tsx';
import { useGridHistories } from './useEntryQueries.ts';
import { planYears } from '../../app/plan-years.ts';
import { entryRefusal } from './entry-access.ts';

export function EntryPage() {
  return <PlanPage>{({ plan }) => <EntryGrid plan={plan} />}</PlanPage>;
}

/** The newest revision of a year, whatever its review state: the one a new entry replaces. */
function newestOf(history: ObservationHistory | undefined, year: number): Revision | undefined {
  let newest: Revision | undefined;
  for (const r of history?.revisions ?? [])
    if (r.year === year && (!newest || r.revisionNo > newest.revisionNo)) newest = r;
  return newest;
}

function EntryGrid({ plan }: { plan: PlanListItem }) {
  const { t } = useTranslation();
  const user = useSession().data ?? null;
  const units = user?.units ?? [];
  // Editors start with their own units' indicators (the shared rule); the API refuses the others anyway.
  const [mineOnly, setMineOnly] = useState(units.length > 0);
  const list = useIndicatorList(plan.id, undefined);
  const locks = useLocks(plan.id);

  const rows = (list.data ?? []).filter((i) => !mineOnly || entryRefusal(user, i, t) === null);
  const histories = useGridHistories(
    plan.id,
    rows.map((r) => r.code),
  );
  const historyOf = new Map(rows.map((r, index) => [r.code, histories[index]?.data]));
  const locked = new Set((locks.data ?? []).map((l) => l.year));

  const years = planYears(plan);

  const columns: TableColumnsType<Indicator> = [
    {
      key: 'indicator',
      title: t('entry.indicator'),
      fixed: 'left',
      width: 160,
      render: (_, i) => (
        <div className="indicator-name-cell">
          <span>{i.name}</span>
          <Typography.Text type="secondary" className="cell-sub">
            {i.unit}
            {i.department ? ` · ${i.department}` : ''}
          </Typography.Text>
        </div>
      ),
    },
    ...years.map((year) => ({
      key: String(year),
      title: t('app.yearLabel', { year }),
      width: 150,
      render: (_: unknown, i: Indicator) => {
        const history = historyOf.get(i.code);
        return (
          <EntryCell
            planId={plan.id}
            code={i.code}
            name={i.name}
            unit={i.unit}
            year={year}
            current={history?.current.find((o) => o.year === year)}
            newest={newestOf(history, year)}
            locked={locked.has(year)}
            refusal={entryRefusal(user, i, t)}
            defaultSource={i.dataSource ?? ''}
            me={user?.username ?? null}
          />
        );
      },
    })),
  ];

  return (
    <PageShell
      title={t('entry.title')}
      extra={
        units.length > 0 && (
          <label className="switch-label">
            <Switch size="small" checked={mineOnly} onChange={setMineOnly} data-testid="mine-only" />{' '}
            {t('entry.mineOnly')}
          </label>
        )
      }
      reads={[list]}
      spinWhileLoading={false}
    >
      <Typography.Paragraph type="secondary">{t('entry.hint')}</Typography.Paragraph>
      <Table<Indicator>
        rowKey="code"
        size="small"
        bordered
        loading={list.isPending}
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 160 + years.length * 150 }}
        className="entry-grid"
        data-testid="entry-grid"
      />
      <ExcelPanel planId={plan.id} />
    </PageShell>
  );
}
