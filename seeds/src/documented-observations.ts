import type { DataStatus } from '@gz/shared';

/**
 * An actual figure that a plan document itself reports (not entered by a user).
 * The loader stores these as revisions with reviewState 'approved' and enteredBy null.
 * `source` names the document and quotes the sentence the figure comes from.
 */
export interface DocumentedObservation {
  planId: string;
  /** indicator code within the plan */
  code: string;
  year: number;
  /** the figure exactly as the document prints it (decimal text) */
  valueText: string;
  dataStatus: DataStatus;
  source: string;
  note: string | null;
}

export const DOCUMENTED_OBSERVATIONS: readonly DocumentedObservation[] = [
  {
    planId: 'ganzhou-2021-2025',
    code: 'gdp',
    year: 2022,
    valueText: '4524',
    dataStatus: 'preliminary',
    source: '《赣州革命老区高质量发展示范区发展规划》第一章：2022年总量达4524亿元',
    note: null,
  },
  {
    planId: 'ganzhou-2021-2025',
    code: 'fdi_actual',
    year: 2022,
    valueText: '3.73',
    dataStatus: 'preliminary',
    source: '《赣州革命老区高质量发展示范区发展规划》第一章：2022年,实际利用外资3.73亿美元',
    note: null,
  },
];
