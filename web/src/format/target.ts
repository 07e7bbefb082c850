import type { Indicator } from '@gz/shared';
import { MISSING } from './number.ts';

/**
 * The plan's own target text for a table cell; a blank one says why it is blank (按省下达 for province-assigned
 * binding indicators, 仅监测 for monitoring-only ones, in the UI language) instead of a bare dash. Not to be
 * confused with @gz/shared's `targetSpecWording`, which words a target spec in Chinese where no text exists.
 */
export function planTargetText(
  target: Indicator['target'],
  t: (key: 'indicators.targetAssigned' | 'indicators.targetNone') => string,
): string {
  if (target.text !== null) return target.text;
  if (target.spec.kind === 'assigned') return t('indicators.targetAssigned');
  if (target.spec.kind === 'none') return t('indicators.targetNone');
  return MISSING;
}
