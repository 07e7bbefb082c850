import type { Indicator } from '@gz/shared';
import { Button, Space, type TableColumnsType, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { formatDecimalText, type Locale, MISSING } from '../../../../format/number.ts';
import { planTargetText } from '../../../../format/target.ts';

/** A draft plan's indicators: name (待定 / 待补录 flagged), baseline, target, and the buttons to edit or remove one. */
export function draftIndicatorColumns(
  t: TFunction,
  locale: Locale,
  on: { edit: (indicator: Indicator) => void; remove: (indicator: Indicator) => void },
): TableColumnsType<Indicator> {
  return [
    {
      key: 'name',
      title: t('indicators.name'),
      render: (_, i) => (
        <span>
          {i.name}（{i.unit}）{i.target.undecided && <Tag color="gold">{t('final.undecided')}</Tag>}
          {i.baseline.pending && <Tag color="orange">{t('final.baselinePending')}</Tag>}
        </span>
      ),
    },
    {
      key: 'baseline',
      title: t('plans.baselineValue'),
      render: (_, i) => (
        <span className="nowrap">
          {i.baseline.valueText === null ? MISSING : formatDecimalText(i.baseline.valueText, locale)}
          {t('indicators.baselineYear', { year: i.baseline.year })}
        </span>
      ),
    },
    { key: 'target', title: t('indicators.target'), render: (_, i) => planTargetText(i.target, t), responsive: ['sm'] },
    {
      key: 'edit',
      title: '',
      width: 96,
      render: (_, i) => (
        <Space size={0} wrap>
          <Button size="small" type="link" onClick={() => on.edit(i)} data-testid={`draft-indicator-${i.code}`}>
            {t('plans.editIndicator')}
          </Button>
          <Button size="small" type="link" danger onClick={() => on.remove(i)} data-testid={`draft-remove-${i.code}`}>
            {t('final.removeIndicator')}
          </Button>
        </Space>
      ),
    },
  ];
}
