import type { AnnualTarget } from '@gz/shared';
import { Button, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { annualTargetWording } from '../../../../charts/options/common.ts';
import { formatDateTime, type Locale, MISSING } from '../../../../format/number.ts';

/** The annual-target list: indicator, year, wording, basis, source, who set it, and the button to correct it. */
export function annualTargetColumns(ctx: {
  t: TFunction;
  locale: Locale;
  nameOf: (code: string) => string;
  edit: (target: AnnualTarget) => void;
}): TableColumnsType<AnnualTarget> {
  const { t, locale, nameOf, edit } = ctx;
  return [
    { key: 'indicator', title: t('annual.indicator'), render: (_, a) => nameOf(a.code) },
    { key: 'year', title: t('annual.year'), dataIndex: 'year', width: 64 },
    { key: 'text', title: t('annual.text'), render: (_, a) => annualTargetWording(a) },
    { key: 'basis', title: t('annual.basis'), render: (_, a) => t(`annual.bases.${a.basis}`), responsive: ['md'] },
    { key: 'source', title: t('annual.source'), dataIndex: 'source', responsive: ['sm'] },
    {
      key: 'setBy',
      title: t('annual.setBy'),
      render: (_, a) => `${a.createdBy ?? MISSING} · ${formatDateTime(a.createdAt, locale)}`,
      responsive: ['lg'],
    },
    {
      key: 'edit',
      title: '',
      width: 64,
      render: (_, a) => (
        <Button size="small" type="link" onClick={() => edit(a)} data-testid={`annual-edit-${a.code}-${a.year}`}>
          {t('annual.edit')}
        </Button>
      ),
    },
  ];
}
