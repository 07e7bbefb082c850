import type { Indicator } from '@gz/shared';
import { Card, Switch, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeIndicatorChart } from '../../../charts/options/describe.ts';
import { buildIndicatorChartOption } from '../../../charts/options/indicator-chart.ts';
import { pointDetails } from '../../../charts/options/point-details.ts';
import { LoadError, PageSpin } from '../../../components/errors.tsx';
import { useLocale } from '../../../i18n/index.ts';
import { pick } from '../../../i18n/messages.ts';
import { useTrajectory } from '../useIndicatorQueries.ts';

// ECharts is the largest download of the app: the page's words and tables show while it arrives.
const EChart = lazy(() => import('../../../charts/EChart.tsx').then((m) => ({ default: m.EChart })));

interface IndicatorChartProps {
  planId: string;
  indicator: Indicator;
}

/** The chart of one indicator, built from its trajectory alone: one request, the points carry their values. */
export function IndicatorChart({ planId, indicator }: IndicatorChartProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [showPending, setShowPending] = useState(false);
  const trajectory = useTrajectory(planId, indicator.code, showPending);

  const chart = useMemo(() => {
    if (!trajectory.data) return null;
    const input = {
      name: indicator.name,
      unit: indicator.unit,
      targetText: indicator.target.text,
      baselineText: indicator.baseline.valueText,
      trajectory: trajectory.data,
      ...pointDetails(trajectory.data),
      locale,
      t,
    };
    return {
      option: buildIndicatorChartOption(input),
      label: describeIndicatorChart(input, pick(indicator.progress.label, locale)),
    };
  }, [trajectory.data, indicator, locale, t]);

  return (
    <Card
      size="small"
      title={t('detail.chart')}
      className="chart-card"
      extra={
        <label className="switch-label">
          <Switch size="small" checked={showPending} onChange={setShowPending} data-testid="show-pending" />{' '}
          {t('detail.showPending')}
        </label>
      }
    >
      {trajectory.isError ? (
        <LoadError error={trajectory.error} onRetry={() => void trajectory.refetch()} />
      ) : chart ? (
        <Suspense fallback={<PageSpin />}>
          <EChart option={chart.option} label={chart.label} fileName={`${indicator.code}-${indicator.name}`} />
        </Suspense>
      ) : (
        <PageSpin />
      )}
      {showPending && (
        <Typography.Text type="secondary" className="chart-note">
          {t('detail.pendingHint')}
        </Typography.Text>
      )}
    </Card>
  );
}
