import { parseFigureReason } from '@gz/shared';
import type { TFunction } from 'i18next';

/** Why a figure is missing, in the UI language (the shared reason text itself when it is not a known one). */
export function figureReasonText(reason: string | null, t: TFunction): string {
  if (reason === null) return '';
  const parsed = parseFigureReason(reason);
  if (parsed === null) return reason;
  if (parsed.key === 'notPositive')
    return t('figureReasons.notPositive', { name: t(`figureReasons.names.${parsed.name}`) });
  if (parsed.key === 'notDefinedFor') {
    const kind = t(`admin.kinds.${parsed.kind}`, { defaultValue: parsed.kind });
    return t('figureReasons.notDefinedFor', { kind });
  }
  return t(`figureReasons.${parsed.key}`);
}
