import type { Indicator, PlanListItem } from '@gz/shared';
import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useScopedPath } from '../../app/scope.ts';
import { PageShell, PlanPage } from '../../components/PageShell.tsx';
import { useIndicatorList } from '../../hooks/shared-queries.ts';
import { useLocale } from '../../i18n/index.ts';
import { IndicatorFilters } from './components/IndicatorFilters.tsx';
import { indicatorColumns } from './indicator-columns.tsx';
import { areasOf, filterIndicators, useIndicatorFilters } from './use-indicator-filters.ts';

export function IndicatorListPage() {
  return <PlanPage>{({ plan, year }) => <IndicatorList plan={plan} year={year} />}</PlanPage>;
}

function IndicatorList({ plan, year }: { plan: PlanListItem; year: number | undefined }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const scoped = useScopedPath();
  const list = useIndicatorList(plan.id, year);
  const { filters, setFilter } = useIndicatorFilters();
  const indicators = list.data ?? [];
  const rows = filterIndicators(indicators, filters);

  return (
    <PageShell
      title={t('indicators.title')}
      extra={<Typography.Text type="secondary">{t('indicators.count', { count: rows.length })}</Typography.Text>}
      reads={[list]}
      spinWhileLoading={false}
    >
      <IndicatorFilters filters={filters} areas={areasOf(indicators)} onChange={setFilter} />
      <Table<Indicator>
        rowKey="code"
        size="small"
        loading={list.isPending}
        columns={indicatorColumns({ t, locale, plan, scoped })}
        dataSource={rows}
        pagination={false}
        className="indicator-table"
        data-testid="indicator-table"
      />
    </PageShell>
  );
}
