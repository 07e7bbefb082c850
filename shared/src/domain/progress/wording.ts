import type { Figure, Status } from '../../schemas/progress.ts';
import { formatRate, formatValue } from '../format.ts';
import type { BilingualText } from '../status-labels.ts';
import type { YearValue } from './series.ts';

/*
 * The wording job of the progress method: the pieces of the bilingual explanation ("2023年为4900；序时进度50.0%…")
 * and the closing pace sentence. Numbers become text only through the one format module (../format.ts).
 */

/** A year range as written in a sentence: "2021–2023", or one year. */
export function yearSpan(from: number, to: number): string {
  return from === to ? `${to}` : `${from}–${to}`;
}

/** Two clauses joined: "2023年为4900，已达到目标4800" / "4900 in 2023, meeting the target 4800". */
export function clause(first: BilingualText, second: BilingualText): BilingualText {
  return { zh: `${first.zh}，${second.zh}`, en: `${first.en}, ${second.en}` };
}

/** The value of a year: "2023年为4900" / "4900 in 2023". */
export function measuredAt(point: YearValue): BilingualText {
  return { zh: `${point.year}年为${formatValue(point.value)}`, en: `${formatValue(point.value)} in ${point.year}` };
}

/** The target and the goal of a level or 左右 target X due in year T. */
export function levelWording(X: number, T: number): { target: BilingualText; goal: BilingualText } {
  return {
    target: { zh: `目标${formatValue(X)}`, en: `target ${formatValue(X)}` },
    goal: { zh: `于${T}年达到${formatValue(X)}`, en: `to reach ${formatValue(X)} by ${T}` },
  };
}

/** What a rule said, as the explanation needs it. */
export interface VerdictWords {
  status: Status;
  /** the comparison in words */
  facts: BilingualText;
  /** what the remaining pace would achieve ("于2025年达到5500"); null when no pace sentence applies */
  goal: BilingualText | null;
}

/** Statuses still heading for the target, which get a sentence on the pace needed from now on. */
const PACE_STATUSES: ReadonlySet<Status> = new Set<Status>([
  'ahead',
  'on_track',
  'lagging',
  'seriously_lagging',
  'regressing',
]);

/** The explanation: the facts, the status label and, while the target is still ahead, the pace needed from now on. */
export function explain(verdict: VerdictWords, label: BilingualText, pace: Figure): BilingualText {
  const zh = `${verdict.facts.zh}，${label.zh}。`;
  const facts = verdict.facts.en;
  const en = `${facts.charAt(0).toUpperCase()}${facts.slice(1)}: ${label.en.toLowerCase()}.`;
  if (verdict.goal === null || pace.value === null || !PACE_STATUSES.has(verdict.status)) return { zh, en };
  const size = formatRate(Math.abs(pace.value));
  return {
    zh: `${zh}此后每年需${pace.value >= 0 ? '增长' : '下降'}${size}%，方能${verdict.goal.zh}。`,
    en: `${en} From now on it must ${pace.value >= 0 ? 'grow' : 'fall'} ${size}% a year ${verdict.goal.en}.`,
  };
}
