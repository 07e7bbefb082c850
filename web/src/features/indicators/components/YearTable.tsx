import type { AnnualTarget, Observation } from '@gz/shared';
import { Card, Grid, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { annualTargetWording } from '../../../charts/options/common.ts';
import { formatDateTime, MISSING } from '../../../format/number.ts';
import { formatPublished } from '../../../format/published.ts';
import { useLocale } from '../../../i18n/index.ts';

/** A year of the table: its counted value, its yearly target, or both. */
interface YearRow {
  year: number;
  value: Observation | undefined;
  target: AnnualTarget | undefined;
}

/** Every year that has a counted value or a yearly target, in order. */
function yearRows(values: readonly Observation[], targets: readonly AnnualTarget[]): YearRow[] {
  const years = [...new Set([...values.map((v) => v.year), ...targets.map((a) => a.year)])].sort((a, b) => a - b);
  return years.map((year) => ({
    year,
    value: values.find((v) => v.year === year),
    target: targets.find((a) => a.year === year),
  }));
}

interface YearTableProps {
  unit: string;
  values: readonly Observation[];
  annualTargets: readonly AnnualTarget[];
  loading: boolean;
}

/** A yearly target's wording, what it is compared with and its source; `label` when it stands outside its column. */
function AnnualTargetCell({ target, label }: { target: AnnualTarget; label: boolean }) {
  const { t } = useTranslation();
  const wording = annualTargetWording(target);
  return (
    <div className="annual-target-cell" data-testid={`annual-target-${target.year}`}>
      <span>{label ? t('chart.labelValue', { label: t('detail.annualTarget'), value: wording }) : wording}</span>
      {target.basis === 'growth' && (
        <Typography.Text type="secondary">（{t('detail.annualTargetGrowth')}）</Typography.Text>
      )}
      <Typography.Text type="secondary" className="annual-target-source">
        {target.source}
      </Typography.Text>
    </div>
  );
}

/**
 * The counted value of each year, as entered, with its source, data status and revision number, and the
 * year's own target (年度目标) beside it when one is set: the annual evaluation judges the value against both.
 * On a phone the target takes a line of its own under its year instead of a fifth column.
 */
export function YearTable({ unit, values, annualTargets, loading }: YearTableProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const wide = Grid.useBreakpoint().sm === true;
  const ownColumn = annualTargets.length > 0 && wide;
  const columns: TableColumnsType<YearRow> = [
    { key: 'year', title: t('detail.year'), dataIndex: 'year', width: 72 },
    {
      key: 'value',
      title: t('app.withUnit', { label: t('detail.value'), unit }),
      align: 'right',
      render: (_, r) => (
        <span className="num">
          {r.value ? formatPublished(r.value.valueText, r.value.qualifier, locale, t) : MISSING}
        </span>
      ),
    },
  ];
  if (ownColumn) {
    columns.push({
      key: 'annualTarget',
      title: t('detail.annualTarget'),
      render: (_, { target }) => (target ? <AnnualTargetCell target={target} label={false} /> : MISSING),
    });
  }
  columns.push(
    // Kept on one line: beside a long source quote on a phone it would otherwise shrink to a character a line.
    {
      key: 'dataStatus',
      title: t('detail.dataStatus'),
      render: (_, r) => <span className="nowrap">{r.value ? t(`dataStatus.${r.value.dataStatus}`) : MISSING}</span>,
    },
    // Sources are quoted sentences: they wrap rather than hide behind an ellipsis.
    { key: 'source', title: t('detail.source'), render: (_, r) => r.value?.source ?? MISSING },
    {
      key: 'revisionNo',
      title: t('detail.revisionNo'),
      render: (_, r) => r.value?.revisionNo ?? MISSING,
      align: 'right',
      responsive: ['md'],
    },
    {
      key: 'enteredBy',
      title: t('detail.enteredBy'),
      render: (_, r) => r.value?.enteredBy ?? MISSING,
      responsive: ['lg'],
    },
    {
      key: 'enteredAt',
      title: t('detail.enteredAt'),
      render: (_, r) => (r.value ? formatDateTime(r.value.enteredAt, locale) : MISSING),
      responsive: ['lg'],
    },
  );
  const rows = yearRows(values, annualTargets);
  return (
    <Card size="small" title={t('detail.years')} className="years-card">
      <Table<YearRow>
        rowKey="year"
        size="small"
        columns={columns}
        dataSource={rows}
        expandable={
          ownColumn
            ? undefined
            : {
                expandedRowRender: (r) => (r.target ? <AnnualTargetCell target={r.target} label /> : null),
                expandedRowKeys: rows.filter((r) => r.target).map((r) => r.year),
                showExpandColumn: false,
              }
        }
        loading={loading}
        pagination={false}
        locale={{ emptyText: t('detail.noRevisions') }}
        data-testid="year-table"
      />
    </Card>
  );
}
