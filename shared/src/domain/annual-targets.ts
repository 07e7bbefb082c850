import type { AnnualTargetBasis, AnnualTargetJudgement } from '../schemas/annual-target.ts';
import type { Trajectory } from '../schemas/summary.ts';
import { annualRateTolerance, compoundAnnualRate, meetsTarget, type YearValue } from './progress/index.ts';
import { formatDecimal, targetSpecWording } from './format.ts';
import { statusColour, statusLabel, type BilingualText } from './status-labels.ts';
import { type Direction, isRateKind, type TargetKind, type TargetSpec, type Thresholds } from './target-kinds.ts';

/*
 * 年度目标: a target one year's work report sets for an indicator (GDP增长7.5%左右, 规模以上工业增加值增长8.5%以上).
 * The plan's progress method is untouched by them; they are judged on their own, met or not, beside it.
 */

/** A yearly target as stored: the latest version set for one indicator-year. */
export interface AnnualTargetRecord {
  year: number;
  spec: TargetSpec;
  text: string | null;
  source: string;
  basis: AnnualTargetBasis;
}

/** An indicator's values as a yearly target needs them. */
export interface AnnualTargetSubject {
  direction: Direction;
  thresholds: Thresholds;
  /** the plan's baseline: it stands for its year's value when that year has no counted value */
  baseline: { year: number; value: number | null };
  /**
   * counted (approved) values, any order, one per year; `growthRate` is the comparable-price growth rate
   * published with a value (可比价增速, percent), which a growth target is judged on when present
   */
  values: ReadonlyArray<YearValue & { growthRate?: number | null }>;
}

/**
 * The basis of a yearly target when the admin states none: an `annual_rate` target on an indicator whose plan
 * target is not a rate compares with the growth of its (level) values; everything else with the value itself.
 */
export function defaultAnnualTargetBasis(spec: TargetSpec, planTargetKind: TargetKind): AnnualTargetBasis {
  return spec.kind === 'annual_rate' && !isRateKind(planTargetKind) ? 'growth' : 'value';
}

/** The value of a year: the counted one, else the baseline when it is of that year. */
function valueInYear(subject: AnnualTargetSubject, year: number): number | null {
  const counted = subject.values.find((v) => v.year === year);
  if (counted !== undefined) return counted.value;
  return subject.baseline.year === year ? subject.baseline.value : null;
}

/** What a yearly target compares with (for growth: the published rate, else the one computed from levels), or why it cannot be had. */
function measure(
  target: AnnualTargetRecord,
  subject: AnnualTargetSubject,
): { value: number; published?: boolean } | { missing: BilingualText } {
  const { year } = target;
  const x = valueInYear(subject, year);
  if (x === null) return { missing: { zh: `${year}年尚无数据`, en: `no value for ${year} yet` } };
  if (target.basis === 'value') return { value: x };
  // The published comparable-price rate is the figure a growth target speaks of; nominal levels of two
  // years need not compare (the fifth economic census rebased GDP between 2023 and 2024).
  const published = subject.values.find((v) => v.year === year)?.growthRate;
  if (published !== undefined && published !== null && Number.isFinite(published))
    return { value: published, published: true };
  const previous = valueInYear(subject, year - 1);
  if (previous === null)
    return {
      missing: { zh: `${year - 1}年无数据，无法计算增速`, en: `no value for ${year - 1} to compute the growth from` },
    };
  if (!(previous > 0) || !(x > 0))
    return { missing: { zh: '数值非正，无法计算增速', en: 'a value is not positive, so there is no growth rate' } };
  return { value: compoundAnnualRate(previous, x, 1) };
}

/**
 * Judges one year's value against its yearly target: `achieved` when met (within the method's tolerance for
 * 左右 and rate targets), `not_achieved` when not, `insufficient_data` when the value — or for a growth basis
 * the previous year's — is missing. Pure.
 */
export function judgeAnnualTarget(target: AnnualTargetRecord, subject: AnnualTargetSubject): AnnualTargetJudgement {
  const wording = target.text ?? targetSpecWording(target.spec);
  const base = { year: target.year, spec: target.spec, text: target.text, source: target.source, basis: target.basis };
  // Worded targets a document sets (稳中有进, 完成省下达任务) are shown, never judged as numbers.
  if (target.spec.kind === 'qualitative' || target.spec.kind === 'assigned' || target.spec.kind === 'none') {
    const status = target.spec.kind === 'assigned' ? 'target_pending' : 'monitoring';
    return {
      ...base,
      status,
      label: statusLabel(status, true),
      colour: statusColour(status),
      measured: null,
      explanation:
        status === 'target_pending'
          ? {
              zh: `年度目标${wording}，省级下达值尚未录入，不作判断。`,
              en: `Yearly target ${wording}: the province's figure is not recorded; not judged.`,
            }
          : {
              zh: `年度目标${wording}为定性表述，不作量化判断。`,
              en: `Yearly target ${wording} is worded, not numeric; not judged.`,
            },
    };
  }
  const measured = measure(target, subject);
  if ('missing' in measured) {
    const label = statusLabel('insufficient_data', true);
    return {
      ...base,
      status: 'insufficient_data',
      label,
      colour: statusColour('insufficient_data'),
      measured: null,
      explanation: {
        zh: `年度目标${wording}；${measured.missing.zh}。`,
        en: `Yearly target ${wording}; ${measured.missing.en}.`,
      },
    };
  }
  const m = measured.value;
  const status = meetsTarget(target.spec, m, subject.direction, subject.thresholds) ? 'achieved' : 'not_achieved';
  const label = statusLabel(status, true);
  if (measured.published === true) {
    // The tolerance applied is printed, so that the verdict can be checked by hand.
    const tolerance = target.spec.kind === 'annual_rate' ? annualRateTolerance(target.spec, subject.thresholds) : null;
    const tol =
      tolerance === null
        ? { zh: '', en: '' }
        : {
            zh: `（允许偏差${formatDecimal(tolerance)}个百分点）`,
            en: ` (tolerance ${formatDecimal(tolerance)} points)`,
          };
    return {
      ...base,
      status,
      label,
      colour: statusColour(status),
      measured: m,
      rateSource: 'published',
      explanation: {
        zh: `${target.year}年按可比价增长${formatDecimal(m)}%（公布的可比价增速），年度目标${wording}${tol.zh}，${label.zh}。`,
        en: `Published comparable-price growth of ${formatDecimal(m)}% in ${target.year} against the yearly target ${wording}${tol.en}: ${label.en.toLowerCase()}.`,
      },
    };
  }
  const what =
    target.basis === 'growth'
      ? { zh: `${target.year}年比上年增长${formatDecimal(m)}%`, en: `growth of ${formatDecimal(m)}% in ${target.year}` }
      : { zh: `${target.year}年为${formatDecimal(m, 4)}`, en: `${formatDecimal(m, 4)} in ${target.year}` };
  return {
    ...base,
    status,
    label,
    colour: statusColour(status),
    measured: m,
    ...(target.basis === 'growth' ? { rateSource: 'computed' as const } : {}),
    explanation: {
      zh: `${what.zh}，年度目标${wording}，${label.zh}。`,
      en: `${what.en.charAt(0).toUpperCase()}${what.en.slice(1)} against the yearly target ${wording}: ${label.en.toLowerCase()}.`,
    },
  };
}

/**
 * The yearly target as a point on the indicator's chart, in the unit of its values: the target itself for a
 * `value` basis; for a `growth` basis, the previous year's value grown by the target rate (null without it).
 */
export function annualTargetLine(target: AnnualTargetRecord, subject: AnnualTargetSubject): number | null {
  const { spec } = target;
  const level = spec.kind === 'annual_rate' ? spec.rate : 'value' in spec ? spec.value : null;
  if (level === null || target.basis === 'value') return level;
  const previous = valueInYear(subject, target.year - 1);
  const grown = previous === null ? null : previous * (1 + level / 100);
  return grown !== null && Number.isFinite(grown) ? grown : null;
}

/** A trajectory with each year's yearly target (`annualTarget`, null where none is set). */
export function withAnnualTargets(
  trajectory: Trajectory,
  targets: ReadonlyArray<AnnualTargetRecord>,
  subject: AnnualTargetSubject,
): Trajectory {
  const byYear = new Map(targets.map((t) => [t.year, t]));
  return {
    ...trajectory,
    points: trajectory.points.map((point) => {
      const target = byYear.get(point.year);
      return { ...point, annualTarget: target === undefined ? null : annualTargetLine(target, subject) };
    }),
  };
}
