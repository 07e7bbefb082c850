import { compareSeverity, type Indicator, type PlanListItem } from '@gz/shared';
import { type TableColumnsType, Tag, Tooltip } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { StatusTag } from '../../components/StatusTag.tsx';
import { figureReasonText } from '../../format/figure-reason.ts';
import { formatDecimalText, formatShare, type Locale, MISSING } from '../../format/number.ts';
import { formatPublished } from '../../format/published.ts';
import { planTargetText } from '../../format/target.ts';
import { Sparkline } from './components/Sparkline.tsx';

/** Completion for sorting; indicators without one (no value yet, no numeric target) sort as the lowest. */
const completionOf = (i: Indicator) => i.progress.figures.completion.value;

/**
 * The indicator list's columns: name (with area and unit below it on a phone), baseline, target, latest value,
 * completion (or why there is none), status and a sparkline; sortable by position, latest year, completion and
 * severity.
 */
export function indicatorColumns(ctx: {
  t: TFunction;
  locale: Locale;
  plan: PlanListItem;
  /** the address of a screen, keeping the plan and year chosen */
  scoped: (path: string) => string;
}): TableColumnsType<Indicator> {
  const { t, locale, plan, scoped } = ctx;
  return [
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
}
