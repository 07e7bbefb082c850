import type { ReviewItem } from '@gz/shared';
import { Button, Space, type TableColumnsType, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import {
  formatChange,
  formatDateTime,
  formatDecimalText,
  formatRelativeChange,
  type Locale,
  MISSING,
  withUnit,
} from '../../../../format/number.ts';
import { formatPublished } from '../../../../format/published.ts';

/** What the queue's columns need besides the row. */
export interface ReviewColumnsContext {
  t: TFunction;
  locale: Locale;
  /** the address of a screen, keeping the plan and year chosen */
  scoped: (path: string) => string;
  busy: boolean;
  approve: (item: ReviewItem) => void;
  sendBack: (item: ReviewItem) => void;
}

/** Each value awaiting review with the value it would replace, the change, who entered it, and the two decisions. */
export function reviewColumns(ctx: ReviewColumnsContext): TableColumnsType<ReviewItem> {
  const { t, locale, scoped, busy } = ctx;
  return [
    {
      key: 'indicator',
      title: t('review.indicator'),
      render: (_, r) => (
        <div className="indicator-name-cell">
          <Link to={scoped(`/indicators/${r.indicatorCode}`)}>{r.indicatorName}</Link>
          <Typography.Text type="secondary" className="cell-sub">
            {t('app.yearLabel', { year: r.year })} · {r.unit}
          </Typography.Text>
        </div>
      ),
    },
    {
      key: 'value',
      title: t('review.value'),
      align: 'right',
      render: (_, r) => (
        <span className="num">
          {formatPublished(r.valueText, r.qualifier, locale, t)}
          <span className="cell-sub">
            {t(`dataStatus.${r.dataStatus}`)}
            {r.growthRateText !== null ? ` · ${t('values.growthShort', { rate: r.growthRateText })}` : ''}
          </span>
        </span>
      ),
    },
    {
      key: 'previous',
      title: t('review.previous'),
      align: 'right',
      responsive: ['sm'],
      render: (_, r) =>
        r.previous ? <span className="num">{formatDecimalText(r.previous.valueText, locale)}</span> : MISSING,
    },
    {
      key: 'change',
      title: t('review.change'),
      align: 'right',
      render: (_, r) =>
        r.previous ? (
          <span className="num">
            {withUnit(formatChange(r.valueText, r.previous.valueText, locale), r.unit)}
            <span className="cell-sub">{formatRelativeChange(r.value, r.previous.value, locale)}</span>
          </span>
        ) : (
          MISSING
        ),
    },
    { key: 'source', title: t('detail.source'), dataIndex: 'source', ellipsis: true, responsive: ['lg'] },
    {
      key: 'entered',
      title: t('review.enteredBy'),
      responsive: ['md'],
      render: (_, r) => (
        <span>
          {r.enteredBy ?? MISSING}
          <span className="cell-sub">{formatDateTime(r.enteredAt, locale)}</span>
        </span>
      ),
    },
    {
      key: 'actions',
      title: '',
      render: (_, r) => (
        <Space size={4} wrap>
          <Button
            size="small"
            type="primary"
            disabled={busy}
            onClick={() => ctx.approve(r)}
            data-testid={`approve-row-${r.id}`}
          >
            {t('review.approve')}
          </Button>
          <Button
            size="small"
            danger
            disabled={busy}
            onClick={() => ctx.sendBack(r)}
            data-testid={`return-row-${r.id}`}
          >
            {t('review.return')}
          </Button>
        </Space>
      ),
    },
  ];
}
