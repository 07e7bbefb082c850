import type { TargetSpec } from './target-kinds.ts';

/*
 * Display formatting of report figures, used by the report table, its narrative, the XLSX workbook and
 * the printed page, so that a figure reads the same everywhere. Display only: JSON keeps full precision.
 */

/** A number with at most `decimals` decimals, trailing zeros dropped: 7.1700 → "7.17", 4524 → "4524". */
export function formatDecimal(value: number, decimals = 2): string {
  return String(Number(value.toFixed(decimals)));
}

/** A ratio as a percentage with one decimal: 0.5491 → "54.9%". */
export function formatShare(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

/** Shown in a table cell that has no figure. */
export const NO_FIGURE = '—';

const QUALITATIVE_WORDING = { rise: '稳中有升', stable: '保持稳定', stable_or_better: '量稳质升' } as const;

/**
 * A target in words, for cells where the plan or the source printed none: 年均7.5, 52左右, 按省下达, ….
 */
export function targetWording(spec: TargetSpec): string {
  switch (spec.kind) {
    case 'annual_rate':
      return `年均${formatDecimal(spec.rate)}`;
    case 'approx':
      return `${formatDecimal(spec.value, 4)}左右`;
    case 'cumulative_reduction':
      return `累计下降${formatDecimal(spec.value)}`;
    case 'level':
    case 'floor':
    case 'maintain':
      return formatDecimal(spec.value, 4);
    case 'qualitative':
      return QUALITATIVE_WORDING[spec.rule];
    case 'assigned':
      return '按省下达';
    case 'none':
      return NO_FIGURE;
  }
}
