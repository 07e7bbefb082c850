import type { Indicator } from '@gz/shared';
import { MISSING } from './number.ts';

/**
 * The target as the plan writes it; a blank cell says why it is blank (按省下达 for province-assigned
 * binding indicators, 仅监测 for monitoring-only ones) instead of a bare dash.
 */
export function targetWording(
  target: Indicator['target'],
  t: (key: 'indicators.targetAssigned' | 'indicators.targetNone') => string,
): string {
  if (target.text !== null) return target.text;
  if (target.spec.kind === 'assigned') return t('indicators.targetAssigned');
  if (target.spec.kind === 'none') return t('indicators.targetNone');
  return MISSING;
}
