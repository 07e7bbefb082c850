import type { CompletenessRow } from '@gz/shared';
import { useQuery } from '@tanstack/react-query';
import { Button, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { fetchCompleteness, reminderSheetUrl, roundKeys } from '../../../api/rounds.ts';
import { LoadError } from '../../../components/errors.tsx';
import { formatShare } from '../../../format/number.ts';
import { useLocale } from '../../../i18n/index.ts';

/** The completeness board of one round, overdue units highlighted, with the 催报表 download. */
export function CompletenessBoard({ id }: { id: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const board = useQuery({
    queryKey: roundKeys.completeness(id),
    queryFn: () => fetchCompleteness(id),
    refetchInterval: 60_000,
    staleTime: 0,
  });
  if (board.isError) return <LoadError error={board.error} onRetry={() => void board.refetch()} />;
  const data = board.data;
  const rows = data ? [...data.units, { ...data.total, unitCode: '__total' }] : [];
  const columns: TableColumnsType<CompletenessRow> = [
    {
      key: 'unit',
      title: t('rounds.unit'),
      render: (_, r) =>
        r.unitCode === '__total' ? (
          <strong>{t('rounds.total')}</strong>
        ) : (
          (r.unitName ?? <Tag color="red">{t('units.unassigned')}</Tag>)
        ),
    },
    { key: 'asked', title: t('rounds.asked'), className: 'num', render: (_, r) => r.asked },
    { key: 'filled', title: t('rounds.filled'), className: 'num', render: (_, r) => r.filled },
    { key: 'approved', title: t('rounds.approved'), className: 'num', render: (_, r) => r.approved },
    {
      key: 'returned',
      title: t('rounds.returned'),
      className: 'num',
      render: (_, r) => r.returned,
      responsive: ['sm'],
    },
    {
      key: 'overdue',
      title: t('rounds.overdue'),
      className: 'num',
      render: (_, r) => (r.overdue > 0 ? <Tag color="red">{r.overdue}</Tag> : r.overdue),
    },
    {
      key: 'percent',
      title: t('rounds.percentApproved'),
      className: 'num',
      render: (_, r) => (
        <span data-testid={`percent-${r.unitCode ?? 'none'}`}>{formatShare(r.percentApproved / 100, locale)}</span>
      ),
    },
  ];
  return (
    <section className="round-board" data-testid="completeness-board">
      <header className="page-header">
        <Typography.Title level={4}>
          {data ? t('rounds.board', { name: data.round.name }) : t('app.loading')}
        </Typography.Title>
        <Button href={reminderSheetUrl(id)} download data-testid="reminder-sheet">
          {t('rounds.download')}
        </Button>
      </header>
      {data && (
        <Typography.Paragraph type="secondary">
          {t('rounds.deadlineNote', { dueDate: data.round.dueDate })}
          {data.total.overdue > 0 && (
            <Tag color="red" style={{ marginLeft: 8 }}>
              {t('rounds.overdueCount', { count: data.total.overdue })}
            </Tag>
          )}
        </Typography.Paragraph>
      )}
      <Table<CompletenessRow>
        rowKey={(r) => r.unitCode ?? '__none'}
        size="small"
        loading={board.isPending}
        columns={columns}
        dataSource={rows}
        pagination={false}
        rowClassName={(r) => (r.overdue > 0 && r.unitCode !== '__total' ? 'row-overdue' : '')}
        scroll={{ x: 480 }}
      />
    </section>
  );
}
