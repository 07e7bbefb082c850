import type { ReviewState } from '@gz/shared';
import { Card, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Revision } from '../../../api/observations.ts';
import { formatDateTime, MISSING } from '../../../format/number.ts';
import { formatPublished } from '../../../format/published.ts';
import { useLocale } from '../../../i18n/index.ts';

const STATE_COLOUR: Record<ReviewState, string> = { pending: 'processing', approved: 'success', returned: 'warning' };

/** Every revision of every year, newest first: who entered what, from which source, and how review went. */
export function RevisionHistory({ revisions, loading }: { revisions: readonly Revision[]; loading: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const rows = [...revisions].sort((a, b) => b.enteredAt.localeCompare(a.enteredAt) || b.revisionId - a.revisionId);
  const columns: TableColumnsType<Revision> = [
    { key: 'year', title: t('detail.year'), dataIndex: 'year', width: 64 },
    {
      key: 'value',
      title: t('detail.value'),
      align: 'right',
      render: (_, r) => <span className="num">{formatPublished(r.valueText, r.qualifier, locale, t)}</span>,
    },
    {
      key: 'reviewState',
      title: t('detail.reviewState'),
      render: (_, r) => <Tag color={STATE_COLOUR[r.reviewState]}>{t(`reviewState.${r.reviewState}`)}</Tag>,
    },
    {
      key: 'dataStatus',
      title: t('detail.dataStatus'),
      render: (_, r) => t(`dataStatus.${r.dataStatus}`),
      responsive: ['md'],
    },
    { key: 'source', title: t('detail.source'), dataIndex: 'source', ellipsis: true, responsive: ['md'] },
    {
      key: 'entered',
      title: t('detail.enteredBy'),
      responsive: ['sm'],
      render: (_, r) => (
        <span>
          {r.enteredBy ?? MISSING}
          <span className="cell-sub">{formatDateTime(r.enteredAt, locale)}</span>
        </span>
      ),
    },
    {
      key: 'review',
      title: t('detail.reviewNote'),
      responsive: ['lg'],
      render: (_, r) => (r.reviewedBy ? `${r.reviewedBy}${r.reviewNote ? `：${r.reviewNote}` : ''}` : MISSING),
    },
  ];
  return (
    <Card size="small" title={t('detail.history')} className="history-card">
      <Table<Revision>
        rowKey="revisionId"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('detail.noRevisions') }}
        data-testid="revision-history"
      />
    </Card>
  );
}
