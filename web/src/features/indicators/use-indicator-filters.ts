import { ATTRIBUTES, type Attribute, type Indicator, STATUSES, type Status } from '@gz/shared';
import { useSearchParams } from 'react-router';

const isAttribute = (v: string | null): v is Attribute => ATTRIBUTES.some((a) => a === v);
const isStatus = (v: string | null): v is Status => STATUSES.some((s) => s === v);

/** The list's filters; a value the URL gives that is not one of the choices filters nothing. */
export interface IndicatorFilters {
  area: string | null;
  attribute: Attribute | undefined;
  status: Status | undefined;
}

export type FilterKey = 'area' | 'attribute' | 'status';

/** Filters live in the URL so that a filtered list can be shared or reloaded as it is. */
export function useIndicatorFilters() {
  const [params, setParams] = useSearchParams();
  const attribute = params.get('attribute');
  const status = params.get('status');
  const filters: IndicatorFilters = {
    area: params.get('area'),
    attribute: isAttribute(attribute) ? attribute : undefined,
    status: isStatus(status) ? status : undefined,
  };
  const setFilter = (key: FilterKey, value: string | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  return { filters, setFilter };
}

/** The indicators the filters let through, in the given order. */
export function filterIndicators(indicators: readonly Indicator[], filters: IndicatorFilters): Indicator[] {
  return indicators.filter(
    (i) =>
      (!filters.area || i.category.code === filters.area) &&
      (!filters.attribute || i.attribute === filters.attribute) &&
      (!filters.status || i.progress.status === filters.status),
  );
}

/** The plan's areas (code, name) in the order their indicators come. */
export function areasOf(indicators: readonly Indicator[]): Array<[string, string]> {
  return [...new Map(indicators.map((i) => [i.category.code, i.category.name])).entries()];
}
