import { ArrowLeftOutlined } from '@ant-design/icons';
import type { AnnualTarget, PlanListItem } from '@gz/shared';
import { Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useScopedPath } from '../../app/scope.ts';
import { LoadError, PageSpin } from '../../components/errors.tsx';
import { PageShell, PlanPage } from '../../components/PageShell.tsx';
import { formatDecimalText, MISSING } from '../../format/number.ts';
import { planTargetText } from '../../format/target.ts';
import { useLocale } from '../../i18n/index.ts';
import { IndicatorChart } from './components/IndicatorChart.tsx';
import { RevisionHistory } from './components/RevisionHistory.tsx';
import { ReasonsPanel } from './components/ReasonsPanel.tsx';
import { StatusPanel } from './components/StatusPanel.tsx';
import { YearTable } from './components/YearTable.tsx';
import { useIndicatorDetail } from './useIndicatorQueries.ts';

// One empty list for every render: a fresh [] each time would rebuild the chart option on every render.
const NO_TARGETS: readonly AnnualTarget[] = [];

export function IndicatorDetailPage() {
  const { code = '' } = useParams();
  return <PlanPage>{({ plan, year }) => <IndicatorDetail plan={plan} code={code} year={year} />}</PlanPage>;
}

function IndicatorDetail({ plan, code, year }: { plan: PlanListItem; code: string; year: number | undefined }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const scoped = useScopedPath();
  const { indicator, history, annualTargets } = useIndicatorDetail(plan.id, code, year);

  if (indicator.isError) return <LoadError error={indicator.error} onRetry={() => void indicator.refetch()} />;
  if (!indicator.data) return <PageSpin />;
  const i = indicator.data;

  return (
    <PageShell
      className="detail"
      headerClassName="detail-header"
      before={
        <Link to={scoped('/indicators')} className="back-link">
          <ArrowLeftOutlined /> {t('indicators.title')}
        </Link>
      }
      title={
        <>
          {i.name}
          <span className="title-unit">（{i.unit}）</span>
        </>
      }
      titleTestId="indicator-name"
      extra={
        <div className="detail-tags">
          <Tag>{i.category.name}</Tag>
          <Tag color={i.attribute === 'binding' ? 'volcano' : 'blue'}>{t(`attribute.${i.attribute}`)}</Tag>
        </div>
      }
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} className="detail-facts">
        <Descriptions.Item label={t('indicators.baseline')}>
          {i.baseline.valueText === null ? MISSING : formatDecimalText(i.baseline.valueText, locale)}
          {t('indicators.baselineYear', { year: i.baseline.year })}
        </Descriptions.Item>
        <Descriptions.Item label={t('indicators.target')}>
          {planTargetText(i.target, t)}
          {t('indicators.baselineYear', { year: i.target.year })}
        </Descriptions.Item>
        <Descriptions.Item label={t('detail.department')}>{i.department ?? MISSING}</Descriptions.Item>
        <Descriptions.Item label={t('detail.dataSource')}>{i.dataSource ?? MISSING}</Descriptions.Item>
        {i.target.note && <Descriptions.Item label={t('detail.targetNote')}>{i.target.note}</Descriptions.Item>}
        {i.baseline.note && <Descriptions.Item label={t('detail.baselineNote')}>{i.baseline.note}</Descriptions.Item>}
        {i.definition && <Descriptions.Item label={t('detail.definition')}>{i.definition}</Descriptions.Item>}
      </Descriptions>
      {history.isError && <LoadError error={history.error} onRetry={() => void history.refetch()} />}
      {annualTargets.isError && <LoadError error={annualTargets.error} onRetry={() => void annualTargets.refetch()} />}
      <div className="detail-grid">
        <IndicatorChart
          planId={plan.id}
          indicator={i}
          history={history.data}
          annualTargets={annualTargets.data ?? NO_TARGETS}
        />
        <StatusPanel indicator={i} />
      </div>
      <YearTable
        unit={i.unit}
        values={history.data?.current ?? []}
        annualTargets={annualTargets.data ?? NO_TARGETS}
        loading={history.isPending || annualTargets.isPending}
      />
      <RevisionHistory revisions={history.data?.revisions ?? []} loading={history.isPending} />
      <ReasonsPanel planId={plan.id} indicator={i} />
    </PageShell>
  );
}
