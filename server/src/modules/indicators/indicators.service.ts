import {
  publishedValueText,
  buildTrajectory,
  evaluateProgress,
  finalTallyOf,
  finalVerdict,
  summarizeProgress,
  type PlanProgressSummary,
  StatusSchema,
  withAnnualTargets,
  withPointValues,
  type Attribute,
  type Indicator,
  type Observation,
  type ProgressInput,
  type Trajectory,
  type TrajectoryValue,
  type ValueQualifier,
} from '@gz/shared';
import { notFound } from '../../lib/problem.ts';
import type { AnnualTargetsRepository } from '../annual-targets/annual-targets.repository.ts';
import { toAnnualTargetRecord } from '../annual-targets/annual-targets.service.ts';
import type { PlanRow, PlansRepository } from '../plans/plans.repository.ts';
import type { ObservationsRepository } from '../observations/observations.repository.ts';
import {
  contributingUnitsOf,
  targetSpecOf,
  type CountedValue,
  type IndicatorRow,
  type IndicatorsRepository,
  type RevisionRow,
} from './indicators.repository.ts';
import { defined } from '../../lib/invariant.ts';

export interface ReadOptions {
  /** evaluate as of this year; default: the latest year of the plan with a counted value */
  year?: number | undefined;
  /** let pending revisions stand in for approved ones (a preview) */
  includePending?: boolean | undefined;
}

export interface ListFilter extends ReadOptions {
  category?: string | undefined;
  attribute?: Attribute | undefined;
}

/** The fields of a value as published (qualifier, its rendering, the comparable growth rate) of a stored revision. */
export function publishedFields(rev: {
  valueText: string;
  qualifier: ValueQualifier | null;
  growthRateText: string | null;
}) {
  return {
    qualifier: rev.qualifier,
    displayText: publishedValueText(rev.valueText, rev.qualifier),
    growthRateText: rev.growthRateText,
    growthRate: rev.growthRateText === null ? null : Number(rev.growthRateText),
  };
}

/** Maps a stored revision to the API's observation. */
export function toObservation(rev: RevisionRow): Observation {
  return {
    year: rev.year,
    value: Number(rev.valueText),
    valueText: rev.valueText,
    dataStatus: rev.dataStatus,
    source: rev.source,
    note: rev.note,
    reviewState: rev.reviewState,
    revisionId: rev.id,
    revisionNo: rev.revisionNo,
    enteredBy: rev.enteredBy,
    enteredAt: rev.enteredAt,
    ...publishedFields(rev),
  };
}

/** A stored revision as a trajectory point carries it: as published, with source, data status and review state. */
export function toPointValue(rev: RevisionRow): TrajectoryValue & { year: number } {
  const { qualifier, displayText, growthRateText } = publishedFields(rev);
  return {
    year: rev.year,
    revisionId: rev.id,
    valueText: rev.valueText,
    qualifier,
    displayText,
    growthRateText,
    dataStatus: rev.dataStatus,
    source: rev.source,
    reviewState: rev.reviewState,
  };
}

const numberOrNull = (text: string | null) => (text === null ? null : Number(text));

/**
 * The key of an indicator in plan order, as one safe integer: position, then id (ids stay below 2^32).
 * A page cursor carries the key of the page's last indicator; the next page starts after it, so new values,
 * reviews and even added or removed indicators never repeat or skip one that stayed.
 */
const pageKeyOf = (position: number, id: number) => position * 2 ** 32 + id;

/**
 * SPEED (#13): when more than this share (1/n) of a plan's indicators changed at once (an import), the whole plan is
 * computed again rather than each of them alone (measured at 2,000 × 15: 0.2 ms each alone, about 450 ms whole).
 */
const REFRESH_SHARE = 4;

/** Views (plan × year asked × preview) kept per data version. */
const MAX_CACHED_VIEWS = 32;

/** The derived progress of a whole plan at one data version (SPEED, #13). */
interface PlanProgress {
  evaluationYear: number;
  items: Indicator[];
  /** the page key of each item (its position and id, see pageKeyOf), ascending like `items` */
  keys: number[];
  /** position of each code in `items` */
  indexOf: Map<string, number>;
  /** the summary, made on first request */
  summary: PlanSummary | null;
  // SPEED (#13): what refreshing this view after a write needs (see refreshed)
  /** the plan row it was computed with, and the options */
  plan: PlanRow;
  opts: ReadOptions;
  /** position in `items` of each indicator id */
  indexOfId: Map<number, number>;
  /** the latest year with a counted value of each indicator that has one */
  latestYearOf: Map<number, number>;
}

/** The plan summary as GET /plans/{planId}/summary answers it. */
export type PlanSummary = PlanProgressSummary & {
  planId: string;
  evaluationYear: number;
  finalTally: ReturnType<typeof finalTallyOf>;
};

/**
 * Reads indicators with their counted values and computes progress with the shared method,
 * so that the figure in JSON is the figure on screen.
 */
export function createIndicatorsService(deps: {
  plans: PlansRepository;
  indicators: IndicatorsRepository;
  observations: ObservationsRepository;
  defaultPlanId: () => string | undefined;
  /** yearly targets, drawn on the trajectory when given */
  annualTargets?: AnnualTargetsRepository;
  /** unit names by code, for the display text `department` (codes shown when absent) */
  unitNames?: () => ReadonlyMap<string, string>;
}) {
  const { plans, indicators } = deps;

  function resolvePlan(planId: string | undefined): PlanRow {
    const id = planId ?? deps.defaultPlanId();
    const plan = id === undefined ? undefined : plans.get(id);
    if (!plan) throw notFound(`plan ${id ?? '(none published)'}`);
    return plan;
  }

  function progressInput(
    plan: PlanRow,
    row: IndicatorRow,
    counted: readonly CountedValue[],
  ): Omit<ProgressInput, 'evaluationYear'> {
    return {
      direction: row.direction === -1 ? -1 : 1,
      baseline: { year: row.baselineYear, value: numberOrNull(row.baselineText) },
      target: targetSpecOf(row),
      targetYear: plan.targetYear,
      observations: counted.map((r) => ({ year: r.year, value: Number(r.valueText) })),
      thresholds: plans.thresholdsOf(plan),
    };
  }

  function toIndicator(
    plan: PlanRow,
    row: IndicatorRow,
    counted: readonly CountedValue[],
    latest: RevisionRow | undefined,
    evaluationYear: number,
    assessment: Indicator['assessment'],
    names: ReadonlyMap<string, string>,
  ): Indicator {
    const input = progressInput(plan, row, counted);
    return {
      code: row.code,
      planId: row.planId,
      category: { code: row.categoryCode, name: row.categoryName },
      position: row.position,
      name: row.name,
      unit: row.unit,
      unitNote: row.unitNote,
      attribute: row.attribute,
      direction: input.direction,
      baseline: {
        value: input.baseline.value,
        valueText: row.baselineText,
        year: row.baselineYear,
        note: row.baselineNote,
        pending: row.baselinePending,
      },
      target: {
        spec: input.target,
        text: row.targetText,
        note: row.targetNote,
        year: plan.targetYear,
        undecided: row.targetUndecided,
      },
      definition: row.definition,
      ...unitsOf(row, names),
      dataSource: row.dataSource,
      latest: latest ? toObservation(latest) : null,
      progress: evaluateProgress({ ...input, evaluationYear }),
      assessment,
      // 终期评估: from the target year on, the verdict on the value of the target year.
      finalVerdict:
        evaluationYear >= plan.targetYear
          ? finalVerdict({ ...input, dataStatuses: new Map(counted.map((r) => [r.year, r.dataStatus])) })
          : null,
    };
  }

  /** The latest counted value at or before the evaluation year (the one a reply shows), if any. */
  const latestOf = <T extends CountedValue>(counted: readonly T[], evaluationYear: number): T | undefined =>
    counted.findLast((r) => r.year <= evaluationYear);

  /**
   * Counted values grouped by indicator id, the plan's latest year with a value, and the full rows known so far.
   * For a single indicator only its own revisions are read: the cost of reading one must not grow with the plan.
   */
  function countedByIndicator(
    plan: PlanRow,
    includePending: boolean,
    only: IndicatorRow | undefined,
    year: number | undefined,
  ) {
    const groups = new Map<number, CountedValue[]>();
    const full = new Map<number, RevisionRow>();
    let latestYear = plan.baselineYear;
    if (only !== undefined) {
      const revisions = indicators.countedRevisionsOf(only.id, includePending);
      groups.set(only.id, revisions);
      for (const rev of revisions) full.set(rev.id, rev);
      // the plan's latest year only decides the default evaluation year: not asked when a year is given
      if (year !== undefined) return { groups, full, latestYear };
      return {
        groups,
        full,
        latestYear: Math.max(latestYear, indicators.latestCountedYear(plan.id, includePending) ?? latestYear),
      };
    }
    for (const value of indicators.countedValues(plan.id, includePending)) {
      const list = groups.get(value.indicatorId);
      if (list) list.push(value);
      else groups.set(value.indicatorId, [value]);
      if (value.year > latestYear) latestYear = value.year;
    }
    return { groups, full, latestYear };
  }

  function evaluate(
    plan: PlanRow,
    rows: IndicatorRow[],
    opts: ReadOptions,
  ): { evaluationYear: number; items: Indicator[]; groups: Map<number, CountedValue[]> } {
    const names = deps.unitNames?.() ?? new Map<string, string>();
    const { groups, full, latestYear } = countedByIndicator(
      plan,
      opts.includePending ?? false,
      rows.length === 1 ? rows[0] : undefined,
      opts.year,
    );
    // Values after the target year carry into the next plan; they never move this plan's default evaluation.
    const evaluationYear = opts.year ?? Math.min(latestYear, plan.targetYear);
    const assessed = deps.observations.assessmentsOfYear(
      rows.map((r) => r.id),
      evaluationYear,
    );
    // the full rows of the values shown (one per indicator), read in one query
    const missing: number[] = [];
    for (const counted of groups.values()) {
      const shown = latestOf(counted, evaluationYear);
      if (shown !== undefined && !full.has(shown.id)) missing.push(shown.id);
    }
    for (const rev of indicators.revisionsByIds(missing)) full.set(rev.id, rev);
    return {
      evaluationYear,
      groups,
      items: rows.map((row) => {
        const a = assessed.get(row.id);
        const counted = groups.get(row.id) ?? [];
        const shown = latestOf(counted, evaluationYear);
        return toIndicator(
          plan,
          row,
          counted,
          shown === undefined ? undefined : defined(full.get(shown.id), `revision ${shown.id}`),
          evaluationYear,
          a ? { ...a, status: StatusSchema.parse(a.status) } : null,
          names,
        );
      }),
    };
  }

  // SPEED (#13): the whole plan's derived progress, computed once and shared by the list, its pages, one indicator
  // and the summary. Nothing derived outlives the data it was derived from: whenever the data version moves
  // (indicators.repository.ts), the change numbers (migration 0009, kept by triggers) name the indicators whose
  // inputs changed, and only those are computed again (a write by another connection, or a change of inputs
  // shared by all — plan, categories, unit or user names — or of the evaluation year computes everything again).
  let cachedVersion = '';
  /** the last change (see IndicatorsRepository.changesSince) the cached views include; null: none cached yet */
  let seenChange: number | null = null;
  const planProgress = new Map<string, PlanProgress>();
  const progressKey = (planId: string, opts: ReadOptions) =>
    `${planId}|${opts.includePending === true ? 'pending' : 'approved'}|${opts.year ?? ''}`;
  /** The part of the data version that moves with commits of other connections (see dataVersion). */
  const externalOf = (version: string) => version.slice(0, version.indexOf('.'));
  /** The cached views, brought up to date. Never called inside a transaction: its writes may yet be rolled back. */
  function currentProgress(): Map<string, PlanProgress> {
    const version = indicators.dataVersion();
    if (version === cachedVersion) return planProgress;
    if (seenChange === null || externalOf(version) !== externalOf(cachedVersion)) {
      planProgress.clear();
      seenChange = indicators.lastChange();
    } else {
      const { ids, last } = indicators.changesSince(seenChange);
      seenChange = last;
      if (ids.has(0)) planProgress.clear();
      else if (ids.size > 0)
        for (const [key, view] of planProgress) {
          const next = refreshed(view, ids);
          if (next === null) planProgress.delete(key);
          else planProgress.set(key, next);
        }
    }
    cachedVersion = version;
    return planProgress;
  }
  function made(
    plan: PlanRow,
    opts: ReadOptions,
    rows: readonly IndicatorRow[],
    evaluationYear: number,
    items: Indicator[],
    latestYearOf: Map<number, number>,
  ): PlanProgress {
    return {
      evaluationYear,
      items,
      keys: rows.map((r) => pageKeyOf(r.position, r.id)),
      indexOf: new Map(items.map((item, i) => [item.code, i])),
      summary: null,
      plan,
      opts,
      indexOfId: new Map(rows.map((r, i) => [r.id, i])),
      latestYearOf,
    };
  }
  function progressOf(plan: PlanRow, opts: ReadOptions): PlanProgress {
    if (indicators.inTransaction()) return computed(plan, opts);
    const cache = currentProgress();
    const key = progressKey(plan.id, opts);
    const hit = cache.get(key);
    if (hit) return hit;
    const view = computed(plan, opts);
    // a handful of views per version (years asked, previews); a year-by-year crawl must not grow it without end
    if (cache.size >= MAX_CACHED_VIEWS) cache.clear();
    cache.set(key, view);
    return view;
  }
  /** The derived progress of a whole plan, computed from the database. */
  function computed(plan: PlanRow, opts: ReadOptions): PlanProgress {
    const rows = indicators.listByPlan(plan.id);
    const { evaluationYear, items, groups } = evaluate(plan, rows, opts);
    const latestYearOf = new Map<number, number>();
    for (const [id, counted] of groups) {
      const last = counted.at(-1);
      if (last !== undefined) latestYearOf.set(id, last.year);
    }
    return made(
      plan,
      { year: opts.year, includePending: opts.includePending },
      rows,
      evaluationYear,
      items,
      latestYearOf,
    );
  }
  /**
   * A view with the indicators in `changed` computed again from the database, the others kept as they were; null
   * when it must be computed whole: an indicator added, removed, renamed or moved, or the evaluation year moved.
   */
  function refreshed(view: PlanProgress, changed: ReadonlySet<number>): PlanProgress | null {
    const { plan, opts } = view;
    const includePending = opts.includePending ?? false;
    // one indicator alone costs about a tenth of a millisecond more than its share of the whole plan's queries
    if (changed.size > view.items.length / REFRESH_SHARE) return null;
    const fresh: Array<{ at: number; row: IndicatorRow; counted: RevisionRow[] }> = [];
    const latestYearOf = new Map(view.latestYearOf);
    for (const id of changed) {
      const row = indicators.getById(id);
      const at = view.indexOfId.get(id);
      if (at === undefined) {
        if (row !== undefined && row.planId === plan.id) return null;
        continue;
      }
      if (row === undefined || row.planId !== plan.id) return null;
      const before = defined(view.items[at], 'a listed indicator');
      if (view.keys[at] !== pageKeyOf(row.position, row.id) || before.code !== row.code) return null;
      const counted = indicators.countedRevisionsOf(id, includePending);
      const last = counted.at(-1);
      if (last === undefined) latestYearOf.delete(id);
      else latestYearOf.set(id, last.year);
      fresh.push({ at, row, counted });
    }
    if (fresh.length === 0) return view;
    let latestYear = plan.baselineYear;
    for (const year of latestYearOf.values()) if (year > latestYear) latestYear = year;
    const evaluationYear = opts.year ?? Math.min(latestYear, plan.targetYear);
    if (evaluationYear !== view.evaluationYear) return null;
    const names = deps.unitNames?.() ?? new Map<string, string>();
    const assessed = deps.observations.assessmentsOfYear(
      fresh.map((f) => f.row.id),
      evaluationYear,
    );
    const items = view.items.slice();
    for (const { at, row, counted } of fresh) {
      const a = assessed.get(row.id);
      items[at] = toIndicator(
        plan,
        row,
        counted,
        latestOf(counted, evaluationYear),
        evaluationYear,
        a ? { ...a, status: StatusSchema.parse(a.status) } : null,
        names,
      );
    }
    return { ...view, items, summary: null, latestYearOf };
  }

  /** The indicator's units as the API reports them, with their names joined by 、 as display text. */
  function unitsOf(row: IndicatorRow, names: ReadonlyMap<string, string>) {
    const contributingUnits = contributingUnitsOf(row);
    const codes = row.leadUnit === null ? contributingUnits : [row.leadUnit, ...contributingUnits];
    return {
      department: codes.length === 0 ? null : codes.map((c) => names.get(c) ?? c).join('、'),
      leadUnit: row.leadUnit,
      contributingUnits,
      assignmentSource: row.assignmentSource,
    };
  }

  function getRow(plan: PlanRow, code: string): IndicatorRow {
    return indicators.requireByCode(plan.id, code);
  }

  return {
    resolvePlan,
    /** Changes whenever the data behind any reading may have changed (see indicators.cache.ts). */
    dataVersion: indicators.dataVersion,
    /**
     * All indicators of a plan, filtered, with progress as of the evaluation year (plan order: position, then id).
     * The items are shared by every reader of this data version: callers must not change them.
     */
    list(
      planId: string | undefined,
      filter: ListFilter,
    ): { plan: PlanRow; evaluationYear: number; items: Indicator[] } {
      const plan = resolvePlan(planId);
      const { evaluationYear, items } = progressOf(plan, filter);
      const filtered =
        filter.category === undefined && filter.attribute === undefined
          ? items
          : items.filter(
              (i) =>
                (filter.category === undefined || i.category.code === filter.category) &&
                (filter.attribute === undefined || i.attribute === filter.attribute),
            );
      return { plan, evaluationYear, items: filtered };
    },
    /**
     * One page of the list: at most `limit` indicators after the one whose key `after` names (the start when
     * undefined), and the key of the page's last indicator when more follow (else null).
     */
    page(
      planId: string | undefined,
      filter: ListFilter,
      after: number | undefined,
      limit: number,
    ): { items: Indicator[]; next: number | null } {
      const plan = resolvePlan(planId);
      const { items, keys } = progressOf(plan, filter);
      const out: Indicator[] = [];
      let last = 0;
      for (let i = 0; i < items.length; i++) {
        const item = defined(items[i], 'a listed indicator');
        const key = defined(keys[i], 'its page key');
        if (after !== undefined && key <= after) continue;
        if (filter.category !== undefined && item.category.code !== filter.category) continue;
        if (filter.attribute !== undefined && item.attribute !== filter.attribute) continue;
        if (out.length === limit) return { items: out, next: last };
        out.push(item);
        last = key;
      }
      return { items: out, next: null };
    },
    /**
     * The plan summary (counts by status and class, the early-warning list, the final tally), computed once per
     * data version from the same derived progress as the list.
     */
    summary(planId: string | undefined, opts: ReadOptions) {
      const plan = resolvePlan(planId);
      const progress = progressOf(plan, opts);
      progress.summary ??= {
        planId: plan.id,
        evaluationYear: progress.evaluationYear,
        ...summarizeProgress(progress.items),
        finalTally: finalTallyOf(progress.items),
      };
      return progress.summary;
    },
    /**
     * One indicator with progress: from the plan's derived progress when this data version has it, else computed
     * for this indicator alone (right after a write, one reader must not pay for the whole plan).
     */
    get(planId: string | undefined, code: string, opts: ReadOptions): Indicator {
      const plan = resolvePlan(planId);
      const known = indicators.inTransaction() ? undefined : currentProgress().get(progressKey(plan.id, opts));
      const at = known?.indexOf.get(code);
      if (known !== undefined && at !== undefined) return defined(known.items[at], `indicator ${code}`);
      const row = getRow(plan, code);
      const { items } = evaluate(plan, [row], opts);
      return defined(items[0], `indicator ${code}`);
    },
    /** The counted value of each year and every revision behind them. */
    observations(planId: string | undefined, code: string) {
      const plan = resolvePlan(planId);
      const row = getRow(plan, code);
      const revisions = indicators.revisionsOf(row.id);
      return {
        planId: plan.id,
        code: row.code,
        current: indicators.countedRevisionsOf(row.id, false).map(toObservation),
        revisions: revisions.map((rev) => ({
          ...toObservation(rev),
          baseRevisionId: rev.baseRevisionId,
          reviewedBy: rev.reviewedBy,
          reviewedAt: rev.reviewedAt,
          reviewNote: rev.reviewNote,
        })),
      };
    },
    /** Expected path and actual values from baseline to target year, ready to chart. */
    trajectory(planId: string | undefined, code: string, opts: ReadOptions): Trajectory {
      const plan = resolvePlan(planId);
      const row = getRow(plan, code);
      // the approved values count; a preview shows the newest pending value of each year apart from them
      const counted = indicators.countedRevisionsOf(row.id, false);
      const pending = opts.includePending ? indicators.newestPendingOf(row.id) : [];
      const input = progressInput(plan, row, counted);
      const pendingPoints = pending.map((r) => ({ year: r.year, value: Number(r.valueText) }));
      const targets = (deps.annualTargets?.ofIndicator(row.id) ?? []).map(toAnnualTargetRecord);
      const trajectory = withAnnualTargets(buildTrajectory(input, pendingPoints), targets, {
        ...input,
        values: input.observations,
      });
      // the values as published beside the numbers: the chart needs no other reply (#15 item 2)
      return withPointValues(trajectory, { counted: counted.map(toPointValue), pending: pending.map(toPointValue) });
    },
  };
}
export type IndicatorsService = ReturnType<typeof createIndicatorsService>;
