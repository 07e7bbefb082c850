/**
 * Why a progress figure is missing (`Figure.reason`): the texts the figure rules give, each under a
 * stable key that the web's dictionaries translate (`figureReasons.<key>`). Two reasons carry a part:
 * `<name> is not positive` (name: baseline | latest value | target) and `not defined for kind <kind>`.
 */
export const FIGURE_REASONS = {
  noValueAfterBaseline: 'no value after the baseline',
  targetYearReached: 'target year reached',
  targetYearNotAfterBaseline: 'target year is not after the baseline year',
  outsideRange: 'outside the representable range',
  targetNotNumeric: 'target is not numeric',
  targetNotAssigned: 'target not yet assigned',
  noTarget: 'no target (monitoring only)',
  noBaseline: 'no baseline value',
  targetEqualsBaseline: 'target equals the baseline',
  baselineMeetsTarget: 'baseline already meets the target',
  targetRateTooLow: 'target rate is -100 % or below',
  yearlyValueTooLow: 'a yearly value is -100 % or below',
  cutTooLarge: 'cut so far is 100 % or more',
  requiredCagrZero: 'required CAGR is zero',
  noTimeElapsed: 'no time has elapsed',
  targetRateZero: 'target rate is zero',
  targetZero: 'target is zero',
} as const;

/** The key of a fixed figure reason. */
export type FigureReasonKey = keyof typeof FIGURE_REASONS;

/** The names a `… is not positive` reason can carry. */
export const FIGURE_VALUE_NAMES = { baseline: 'baseline', latest: 'latest value', target: 'target' } as const;

/** A figure reason read back into its key and parts; null for a text the figure rules do not give. */
export type ParsedFigureReason =
  | { key: FigureReasonKey }
  | { key: 'notPositive'; name: keyof typeof FIGURE_VALUE_NAMES }
  | { key: 'notDefinedFor'; kind: string };

/** Reads a figure's reason text into its key (and parts), for showing it in the reader's language. */
export function parseFigureReason(reason: string): ParsedFigureReason | null {
  const fixed = (Object.keys(FIGURE_REASONS) as FigureReasonKey[]).find((k) => FIGURE_REASONS[k] === reason);
  if (fixed !== undefined) return { key: fixed };
  const notPositive = /^(.+) is not positive$/.exec(reason);
  const name = (Object.keys(FIGURE_VALUE_NAMES) as Array<keyof typeof FIGURE_VALUE_NAMES>).find(
    (n) => FIGURE_VALUE_NAMES[n] === notPositive?.[1],
  );
  if (name !== undefined) return { key: 'notPositive', name };
  const notDefined = /^not defined for kind (\w+)$/.exec(reason);
  if (notDefined?.[1] !== undefined) return { key: 'notDefinedFor', kind: notDefined[1] };
  return null;
}
