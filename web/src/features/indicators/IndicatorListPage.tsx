import {
  ACHIEVED_EARLY_LABEL,
  ATTRIBUTES,
  compareSeverity,
  STATUSES,
  STATUS_LABELS,
  type Attribute,
  type Indicator,
  type PlanListItem,
  type Status,
} from '@gz/shared';
import { Select, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useScopedPath } from '../../app/scope.ts';
import { AntdScope } from '../../components/AntdScope.tsx';
import { LoadError } from '../../components/errors.tsx';
import { PlanGate } from '../../components/PlanGate.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { figureReasonText } from '../../format/figure-reason.ts';
import { formatDecimalText, formatShare, MISSING } from '../../format/number.ts';
import { formatPublished } from '../../format/published.ts';
import { planTargetText } from '../../format/target.ts';
import { useLocale } from '../../i18n/index.ts';
import { pick } from '../../i18n/messages.ts';
import { Sparkline } from './components/Sparkline.tsx';
import { useIndicatorList } from '../../hooks/shared-queries.ts';

export function IndicatorListPage() {
  return (
    <AntdScope>
      <PlanGate>{({ plan, year }) => <IndicatorList plan={plan} year={year} />}</PlanGate>
    </AntdScope>
  );
}

const isAttribute = (v: string | null): v is Attribute => ATTRIBUTES.some((a) => a === v);
const isStatus = (v: string | null): v is Status => STATUSES.some((s) => s === v);

/** Completion for sorting; indicators without one (no value yet, no numeric target) sort as the lowest. */
const completionOf = (i: Indicator) => i.progress.figures.completion.value;

function IndicatorList({ plan, year }: { plan: PlanListItem; year: number | undefined }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const scoped = useScopedPath();
  const [params, setParams] = useSearchParams();
  const list = useIndicatorList(plan.id, year);

  // Filters live in the URL so that a filtered list can be shared or reloaded as it is.
  const area = params.get('area');
  const attribute = params.get('attribute');
  const status = params.get('status');
  const setFilter = (key: 'area' | 'attribute' | 'status', value: string | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  if (list.isError) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;

  const indicators = list.data ?? [];
  const areas = [...new Map(indicators.map((i) => [i.category.code, i.category.name])).entries()];
  const rows = indicators.filter(
    (i) =>
      (!area || i.category.code === area) &&
      (!isAttribute(attribute) || i.attribute === attribute) &&
      (!isStatus(status) || i.progress.status === status),
  );

  const statusOption = (s: Status) =>
    s === 'achieved'
      ? `${pick(ACHIEVED_EARLY_LABEL, locale)}/${pick(STATUS_LABELS.achieved, locale)}`
      : pick(STATUS_LABELS[s], locale);

  const columns: TableColumnsType<Indicator> = [
    {
      key: 'name',
      title: t('indicators.name'),
      sorter: (a, b) => a.position - b.position,
      defaultSortOrder: 'ascend',
      render: (_, i) => (
        <div className="indicator-name-cell">
          <Link to={scoped(`/indicators/${i.code}`)} data-testid={`indicator-link-${i.code}`}>
            {i.name}
          </Link>
          {i.attribute === 'binding' && <Tag className="binding-tag">{t('attribute.binding')}</Tag>}
          <span className="cell-sub name-sub">
            {i.category.name} · {i.unit}
          </span>
        </div>
      ),
    },
    { key: 'area', title: t('indicators.area'), render: (_, i) => i.category.name, responsive: ['xl'] },
    { key: 'unit', title: t('indicators.unit'), dataIndex: 'unit', responsive: ['xl'] },
    {
      key: 'baseline',
      title: t('indicators.baseline'),
      align: 'right',
      responsive: ['md'],
      render: (_, i) =>
        i.baseline.valueText === null ? (
          MISSING
        ) : (
          <span className="num">
            {formatDecimalText(i.baseline.valueText, locale)}
            {i.baseline.year !== plan.baselineYear && (
              <span className="cell-sub">{t('indicators.baselineYear', { year: i.baseline.year })}</span>
            )}
          </span>
        ),
    },
    { key: 'target', title: t('indicators.target'), responsive: ['md'], render: (_, i) => planTargetText(i.target, t) },
    {
      key: 'latest',
      title: t('indicators.latest'),
      align: 'right',
      sorter: (a, b) => (a.latest?.year ?? 0) - (b.latest?.year ?? 0),
      render: (_, i) =>
        i.latest ? (
          <span className="num">
            {formatPublished(i.latest.valueText, i.latest.qualifier, locale, t)}
            <span className="cell-sub">{t('indicators.asOf', { year: i.latest.year })}</span>
          </span>
        ) : (
          <span className="muted nowrap">{t('indicators.noValue')}</span>
        ),
    },
    {
      key: 'completion',
      title: t('indicators.completion'),
      align: 'right',
      responsive: ['sm'],
      sorter: (a, b) => (completionOf(a) ?? Number.NEGATIVE_INFINITY) - (completionOf(b) ?? Number.NEGATIVE_INFINITY),
      render: (_, i) => {
        const figure = i.progress.figures.completion;
        return figure.value === null ? (
          <Tooltip title={figureReasonText(figure.reason, t)}>
            <span className="num muted">{MISSING}</span>
          </Tooltip>
        ) : (
          <span className="num">{formatShare(figure.value, locale)}</span>
        );
      },
    },
    {
      key: 'status',
      title: t('indicators.status'),
      sorter: (a, b) => compareSeverity(a.progress.status, b.progress.status),
      render: (_, i) => <StatusTag progress={i.progress} verdict={i.finalVerdict} />,
    },
    {
      key: 'trend',
      title: t('indicators.trend'),
      responsive: ['sm'],
      render: (_, i) => <Sparkline planId={plan.id} code={i.code} name={i.name} />,
    },
  ];

  return (
    <div className="page">
      <header className="page-header">
        <Typography.Title level={3} className="page-title">
          {t('indicators.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('indicators.count', { count: rows.length })}</Typography.Text>
      </header>
      <div className="filters">
        <Select
          allowClear
          placeholder={t('indicators.filterArea')}
          value={area ?? undefined}
          onChange={(v?: string) => setFilter('area', v)}
          options={areas.map(([code, name]) => ({ value: code, label: name }))}
          data-testid="filter-area"
        />
        <Select
          allowClear
          placeholder={t('indicators.filterAttribute')}
          value={isAttribute(attribute) ? attribute : undefined}
          onChange={(v?: string) => setFilter('attribute', v)}
          options={ATTRIBUTES.map((a) => ({ value: a, label: t(`attribute.${a}`) }))}
          data-testid="filter-attribute"
        />
        <Select
          allowClear
          placeholder={t('indicators.filterStatus')}
          value={isStatus(status) ? status : undefined}
          onChange={(v?: string) => setFilter('status', v)}
          options={STATUSES.map((s) => ({ value: s, label: statusOption(s) }))}
          data-testid="filter-status"
        />
      </div>
      <Table<Indicator>
        rowKey="code"
        size="small"
        loading={list.isPending}
        columns={columns}
        dataSource={rows}
        pagination={false}
        className="indicator-table"
        data-testid="indicator-table"
      />
    </div>
  );
}
