import type { Progress } from '@gz/shared';
import { useLocale } from '../i18n/index.ts';
import { pick } from '../i18n/messages.ts';

/**
 * The computed status of an indicator, in the language of the UI. The colour is never the only
 * signal: the label is always written out. A styled span rather than antd's Tag, because the
 * overview shows it and must load light.
 */
export function StatusTag({ progress }: { progress: Pick<Progress, 'status' | 'colour' | 'label'> }) {
  const locale = useLocale();
  return (
    <span className={`status-tag status-${progress.colour}`} data-testid="status-tag" data-status={progress.status}>
      {pick(progress.label, locale)}
    </span>
  );
}
