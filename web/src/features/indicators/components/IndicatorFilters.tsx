import { ACHIEVED_EARLY_LABEL, ATTRIBUTES, STATUS_LABELS, STATUSES, type Status } from '@gz/shared';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n/index.ts';
import { pick } from '../../../i18n/messages.ts';
import type { FilterKey, IndicatorFilters as Filters } from '../use-indicator-filters.ts';

/** The list's three filters: area, attribute (约束性 / 预期性) and status. */
export function IndicatorFilters(props: {
  filters: Filters;
  areas: ReadonlyArray<[string, string]>;
  onChange: (key: FilterKey, value: string | undefined) => void;
}) {
  const { filters, areas, onChange } = props;
  const { t } = useTranslation();
  const locale = useLocale();
  const statusOption = (s: Status) =>
    s === 'achieved'
      ? `${pick(ACHIEVED_EARLY_LABEL, locale)}/${pick(STATUS_LABELS.achieved, locale)}`
      : pick(STATUS_LABELS[s], locale);
  return (
    <div className="filters">
      <Select
        allowClear
        placeholder={t('indicators.filterArea')}
        value={filters.area ?? undefined}
        onChange={(v?: string) => onChange('area', v)}
        options={areas.map(([code, name]) => ({ value: code, label: name }))}
        data-testid="filter-area"
      />
      <Select
        allowClear
        placeholder={t('indicators.filterAttribute')}
        value={filters.attribute}
        onChange={(v?: string) => onChange('attribute', v)}
        options={ATTRIBUTES.map((a) => ({ value: a, label: t(`attribute.${a}`) }))}
        data-testid="filter-attribute"
      />
      <Select
        allowClear
        placeholder={t('indicators.filterStatus')}
        value={filters.status}
        onChange={(v?: string) => onChange('status', v)}
        options={STATUSES.map((s) => ({ value: s, label: statusOption(s) }))}
        data-testid="filter-status"
      />
    </div>
  );
}
