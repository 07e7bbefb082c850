import { FIGURE_NAMES, type FigureName, type Indicator, type Progress, STATUS_LABELS } from '@gz/shared';
import { Alert, Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { figureReasonText } from '../../../format/figure-reason.ts';
import {
  formatDateTime,
  formatNumber,
  formatRatio,
  formatShare,
  MISSING,
  withUnit,
  type Locale,
} from '../../../format/number.ts';
import { useLocale } from '../../../i18n/index.ts';
import { pick } from '../../../i18n/messages.ts';

/** How each figure reads: shares and ratios as the method defines them, rates in percent, values in the unit. */
const FIGURE_FORMAT: Record<FigureName, 'share' | 'ratio' | 'rate' | 'value'> = {
  elapsedShare: 'share',
  completion: 'share',
  scheduleRatio: 'ratio',
  expectedValue: 'value',
  requiredPaceFromNow: 'rate',
  projectedValue: 'value',
  actualCagr: 'rate',
  requiredCagr: 'rate',
  cagrRatio: 'ratio',
};

function formatFigure(name: FigureName, value: number, unit: string, locale: Locale): string {
  switch (FIGURE_FORMAT[name]) {
    case 'share':
      return formatShare(value, locale);
    case 'ratio':
      return formatRatio(value, locale);
    case 'rate':
      return withUnit(formatNumber(value, locale), '%');
    case 'value':
      return withUnit(formatNumber(value, locale), unit);
  }
}

/**
 * Why the indicator has its colour: the status, the method's explanation in words, the figures it
 * compared (a missing one says why it is missing) and, beside it, a reviewer's manual assessment.
 */
export function StatusPanel({ indicator }: { indicator: Indicator }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const progress: Progress = indicator.progress;
  const { assessment } = indicator;

  return (
    <Card size="small" title={t('detail.status')} className="status-card" data-testid="status-panel">
      <div className="status-head">
        <StatusTag progress={progress} />
        {progress.latestYear !== null && (
          <Typography.Text type="secondary">{t('indicators.asOf', { year: progress.latestYear })}</Typography.Text>
        )}
      </div>
      {indicator.finalVerdict && (
        <div className="status-head" data-testid="final-verdict">
          <Typography.Text strong>{t('final.verdictOf', { year: indicator.finalVerdict.year })}</Typography.Text>
          <StatusTag progress={progress} verdict={indicator.finalVerdict} />
          <Typography.Text type="secondary">{pick(indicator.finalVerdict.explanation, locale)}</Typography.Text>
        </div>
      )}
      <Typography.Paragraph className="status-explanation" data-testid="status-explanation">
        {pick(progress.explanation, locale)}
      </Typography.Paragraph>
      {progress.baseline.derived && (
        <Alert type="info" showIcon title={t('detail.derivedBaseline')} className="status-note" />
      )}
      <Descriptions size="small" column={1} bordered title={t('detail.figures')} className="figures">
        {FIGURE_NAMES.map((name) => {
          const figure = progress.figures[name];
          return (
            <Descriptions.Item key={name} label={t(`figures.${name}`, { year: progress.targetYear })}>
              {figure.value === null ? (
                <span className="muted">
                  {MISSING} <span className="figure-reason">{figureReasonText(figure.reason, t)}</span>
                </span>
              ) : (
                <span className="num">{formatFigure(name, figure.value, indicator.unit, locale)}</span>
              )}
            </Descriptions.Item>
          );
        })}
      </Descriptions>
      {assessment && (
        <div className="assessment" data-testid="assessment">
          <Typography.Title level={5}>{t('detail.assessment')}</Typography.Title>
          <Typography.Paragraph>
            <strong>{pick(STATUS_LABELS[assessment.status], locale)}</strong> — {assessment.justification}
          </Typography.Paragraph>
          <Typography.Text type="secondary">
            {t('detail.assessmentBy', {
              who: assessment.assessedBy ?? MISSING,
              when: formatDateTime(assessment.assessedAt, locale),
            })}
          </Typography.Text>
        </div>
      )}
    </Card>
  );
}
