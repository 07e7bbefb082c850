import type { Figure, Status } from '../../schemas/progress.ts';
import { formatRate, formatRatio, formatShare, formatSigned, formatValue } from '../format.ts';
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

/** A target's name and the goal the pace sentence aims at. */
export interface TargetWords {
  target: BilingualText;
  goal: BilingualText;
}

const both = (zh: string, en: string): BilingualText => ({ zh, en });

/**
 * Every sentence piece the rules (rules.ts) say, by what happened: the rules pick one, the words live here.
 * Numbers go through the format module (values up to four decimals, rates up to two, shares with one decimal,
 * ratios cut down to two).
 */
export const words = {
  noValueAfterBaseline: (t0: number) =>
    both(`基期（${t0}年）之后尚无数据`, `No value after the baseline year ${t0} yet`),
  baselineStandsIn: (year: number, x0: number) =>
    both(
      `规划未给出基期值，以${year}年的${formatValue(x0)}作为基期，至少需要两个年度数据`,
      `The plan gives no baseline, the ${year} value ${formatValue(x0)} stands in, and two yearly values are needed`,
    ),
  reached: (measured: BilingualText, target: BilingualText) =>
    clause(measured, both(`已达到${target.zh}`, `meeting the ${target.en}`)),
  shortOf: (measured: BilingualText, target: BilingualText) =>
    clause(measured, both(`未达到${target.zh}`, `short of the ${target.en}`)),
  worseThanBaseline: (measured: BilingualText, t0: number) =>
    clause(measured, both(`差于基期（${t0}年）水平`, `worse than at the baseline (${t0})`)),
  /** e, c and p as the figures hold them: "序时进度50.0%，完成进度54.9%，进度比1.09" */
  schedule: (measured: BilingualText, e: number, c: number, p: number) =>
    both(
      `${measured.zh}；序时进度${formatShare(e)}，完成进度${formatShare(c)}，进度比${formatRatio(p)}`,
      `${measured.en}; elapsed ${formatShare(e)}, completion ${formatShare(c)}, schedule ratio ${formatRatio(p)}`,
    ),
  withinTolerance: (measured: BilingualText, X: number, tol: number) =>
    clause(
      measured,
      both(
        `在目标${formatValue(X)}±${formatValue(tol)}范围内`,
        `within ${formatValue(tol)} of the target ${formatValue(X)}`,
      ),
    ),
  /** A red line: a floor for d = +1, a ceiling for d = −1. */
  redLine: (d: number, X: number) =>
    d > 0
      ? both(`红线${formatValue(X)}`, `floor ${formatValue(X)}`)
      : both(`上限${formatValue(X)}`, `ceiling ${formatValue(X)}`),
  holding: (measured: BilingualText, line: BilingualText) =>
    clause(measured, both(`守住${line.zh}`, `holding the ${line.en}`)),
  breaching: (measured: BilingualText, line: BilingualText) =>
    clause(measured, both(`突破${line.zh}`, `breaching the ${line.en}`)),
  maintained: (measured: BilingualText, X: number) =>
    clause(measured, both(`保持目标${formatValue(X)}`, `holding the target ${formatValue(X)}`)),
  notMaintained: (measured: BilingualText, X: number) =>
    clause(measured, both(`未保持目标${formatValue(X)}`, `below the target ${formatValue(X)}`)),
  /** The change from the baseline, with the band allowed when there is one. */
  changeFromBaseline: (measured: BilingualText, x0: number, change: number, band: number | null) =>
    clause(
      measured,
      both(
        `较基期${formatValue(x0)}变化${formatSigned(change)}${band === null ? '' : `（允许±${formatValue(band)}）`}`,
        `a change of ${formatSigned(change)} from the baseline ${formatValue(x0)}${band === null ? '' : ` (band ±${formatValue(band)})`}`,
      ),
    ),
  meanRate: (from: number, to: number, m: number) =>
    both(
      `${yearSpan(from, to)}年年均增速${formatRate(m)}%`,
      `a mean annual rate of ${formatRate(m)}% over ${yearSpan(from, to)}`,
    ),
  rateTarget: (r: number, tol: number): TargetWords => ({
    target: both(
      `目标${formatRate(r)}%（容差${formatRate(tol)}个百分点）`,
      `target ${formatRate(r)}% (tolerance ${formatRate(tol)} points)`,
    ),
    goal: both(`使年均增速达到${formatRate(r)}%`, `to bring the mean rate to ${formatRate(r)}%`),
  }),
  rateMet: (measured: BilingualText, target: BilingualText) =>
    clause(measured, both(`达到${target.zh}`, `meeting the ${target.en}`)),
  /** The mean rate on the bad side of zero. */
  wrongSign: (measured: BilingualText, d: number) =>
    clause(measured, d > 0 ? both('为负增长', 'below zero') : both('为正增长', 'above zero')),
  rateRatio: (measured: BilingualText, target: BilingualText, q: number) =>
    clause(measured, both(`${target.zh}，完成比${formatRatio(q)}`, `${target.en}, rate ratio ${formatRatio(q)}`)),
  cut: (from: number, to: number, k: number) =>
    both(
      `${yearSpan(from, to)}年累计下降${formatRate(k)}%`,
      `a cumulative cut of ${formatRate(k)}% over ${yearSpan(from, to)}`,
    ),
  cutTarget: (X: number, T: number): TargetWords => ({
    target: both(`目标累计下降${formatRate(X)}%`, `target cut of ${formatRate(X)}%`),
    goal: both(`于${T}年累计下降${formatRate(X)}%`, `to reach a cut of ${formatRate(X)}% by ${T}`),
  }),
  noTargetNoChange: () => both('不设目标，尚无可比较的数据', 'No target and no change to report yet'),
  noTargetChange: (from: YearValue, to: YearValue, trend: 'up' | 'down' | 'flat') => {
    const word = { up: both('上升', 'up'), down: both('下降', 'down'), flat: both('持平', 'unchanged') }[trend];
    return both(
      `不设目标；${to.year}年为${formatValue(to.value)}，较${from.year}年${word.zh}`,
      `No target; ${formatValue(to.value)} in ${to.year}, ${word.en} from ${from.year}`,
    );
  },
  assignedPending: () =>
    both('目标按省下达任务执行，省级下达值尚未录入', 'The target is set by the province and has not been recorded yet'),
};
