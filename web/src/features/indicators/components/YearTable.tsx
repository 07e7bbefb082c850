import type { Observation } from '@gz/shared';
import { Card, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatDecimalText, MISSING } from '../../../format/number.ts';
import { useLocale } from '../../../i18n/index.ts';

/** The counted value of each year, as entered, with its source, data status and revision number. */
export function YearTable({ unit, values, loading }: { unit: string; values: readonly Observation[]; loading: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const columns: TableColumnsType<Observation> = [
    { key: 'year', title: t('detail.year'), dataIndex: 'year', width: 72 },
    {
      key: 'value',
      title: t('app.withUnit', { label: t('detail.value'), unit }),
      align: 'right',
      render: (_, o) => <span className="num">{formatDecimalText(o.valueText, locale)}</span>,
    },
    // Kept on one line: beside a long source quote on a phone it would otherwise shrink to a character a line.
    { key: 'dataStatus', title: t('detail.dataStatus'), render: (_, o) => <span className="nowrap">{t(`dataStatus.${o.dataStatus}`)}</span> },
    // Sources are quoted sentences: they wrap rather than hide behind an ellipsis.
    { key: 'source', title: t('detail.source'), dataIndex: 'source' },
    { key: 'revisionNo', title: t('detail.revisionNo'), dataIndex: 'revisionNo', align: 'right', responsive: ['md'] },
    { key: 'enteredBy', title: t('detail.enteredBy'), render: (_, o) => o.enteredBy ?? MISSING, responsive: ['lg'] },
    { key: 'enteredAt', title: t('detail.enteredAt'), render: (_, o) => formatDateTime(o.enteredAt, locale), responsive: ['lg'] },
  ];
  return (
    <Card size="small" title={t('detail.years')} className="years-card">
      <Table<Observation>
        rowKey="year"
        size="small"
        columns={columns}
        dataSource={[...values]}
        loading={loading}
        pagination={false}
        locale={{ emptyText: t('detail.noRevisions') }}
        data-testid="year-table"
      />
    </Card>
  );
}
