import type { Progress } from '../schemas/progress.ts';
import type { BilingualText } from './status-labels.ts';

/*
 * Stale figures (docs/progress-method.md): a status judged on a figure older than the evaluation year says so
 * wherever it is shown, e.g. 快于预期 · 以2022年数据判断.
 */

/** The stale mark of a status (以2022年数据判断), or null when it is judged on a current figure. */
export function staleMark(progress: Pick<Progress, 'stale' | 'basisYear'>): BilingualText | null {
  if (!progress.stale || progress.basisYear === null) return null;
  return { zh: `以${progress.basisYear}年数据判断`, en: `judged on ${progress.basisYear} data` };
}

/** A status label with its stale mark when it has one: 快于预期 · 以2022年数据判断. */
export function statusWithBasis(progress: Pick<Progress, 'stale' | 'basisYear' | 'label'>): BilingualText {
  const mark = staleMark(progress);
  if (mark === null) return { ...progress.label };
  return { zh: `${progress.label.zh} · ${mark.zh}`, en: `${progress.label.en} · ${mark.en}` };
}
