import { finalVerdictColour, statusWithBasis, type FinalVerdict, type Progress } from '@gz/shared';
import { useLocale } from '../i18n/index.ts';
import { pick } from '../i18n/messages.ts';

/** What a status tag shows: the status, with its stale mark when it has the fields for one. */
type TaggedProgress = Pick<Progress, 'status' | 'colour' | 'label'> & Partial<Pick<Progress, 'stale' | 'basisYear'>>;

/**
 * The computed status of an indicator, in the language of the UI. The colour is never the only
 * signal: the label is always written out. A status judged on an old figure says so
 * (快于预期 · 以2022年数据判断); at plan end the final verdict (完成 / 未完成 / 数据缺失 …) stands in
 * for the interim status. A styled span rather than antd's Tag, because the overview shows it and must load light.
 */
export function StatusTag({
  progress,
  verdict,
}: {
  progress: TaggedProgress;
  verdict?: FinalVerdict | null | undefined;
}) {
  const locale = useLocale();
  if (verdict) {
    return (
      <span
        className={`status-tag status-${finalVerdictColour(verdict.verdict)}`}
        data-testid="status-tag"
        data-status={progress.status}
        data-verdict={verdict.verdict}
      >
        {pick(verdict.label, locale)}
      </span>
    );
  }
  const label = statusWithBasis({
    label: progress.label,
    stale: progress.stale ?? false,
    basisYear: progress.basisYear ?? null,
  });
  return (
    <span
      className={`status-tag status-${progress.colour}`}
      data-testid="status-tag"
      data-status={progress.status}
      data-stale={progress.stale ? 'true' : undefined}
    >
      {pick(label, locale)}
    </span>
  );
}
