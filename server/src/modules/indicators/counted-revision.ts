import type { ReviewState } from '@gz/shared';

/**
 * Where to look for revisions: each a SQL expression, either a statement parameter (`?`, `@planId`) or a
 * column of the outer query (`r.indicator_id`). Leave one out to take every plan, indicator or year.
 */
export interface RevisionScope {
  /** revisions of the indicators of this plan */
  planId?: string;
  /** revisions of this indicator */
  indicatorId?: string;
  /** revisions of this year */
  year?: string;
  /** a revision id left out (the review queue: the value a revision would replace, never itself) */
  excludingId?: string;
}

/** Whether a pending revision may stand in for the approved one (a preview of values awaiting review). */
export interface CountedOptions {
  includePending: boolean;
}

/** The review states that count: approved; in a preview, pending ones too. */
const countingStates = ({ includePending }: CountedOptions): readonly ReviewState[] =>
  includePending ? ['approved', 'pending'] : ['approved'];

/** `+x.review_state IN (…)`: see {@link newestRevisionIds} for the `+`. */
const inStates = (alias: string, states: readonly ReviewState[]) =>
  `+${alias}.review_state IN (${states.map((s) => `'${s}'`).join(',')})`;

/**
 * Whether the revision `alias` is in a state that may count (approved; in a preview pending too), as a SQL
 * condition: for questions about the years with a counted value that need not find the newest revision
 * of each (the latest such year of a plan is MAX(year) of these, with no grouping).
 */
export function inCountingState(alias: string, options: CountedOptions): string {
  return inStates(alias, countingStates(options));
}

/**
 * The ids of the newest revision in one of `states` of every indicator-year in scope. Newest is the highest
 * id: ids grow with the revision numbers of an indicator-year (each write inserts the next one).
 * `+x.review_state` keeps SQLite off the review-state index: it would walk every approved revision of every
 * plan (30,000 rows for one synthetic plan: 200 ms) instead of the plan's, indicator's or year's own.
 */
function newestRevisionIds(scope: RevisionScope, states: readonly ReviewState[]): string {
  const where = [inStates('x', states)];
  if (scope.planId !== undefined) where.push(`i.plan_id = ${scope.planId}`);
  if (scope.indicatorId !== undefined) where.push(`x.indicator_id = ${scope.indicatorId}`);
  if (scope.year !== undefined) where.push(`x.year = ${scope.year}`);
  if (scope.excludingId !== undefined) where.push(`x.id <> ${scope.excludingId}`);
  const join = scope.planId === undefined ? '' : ' JOIN indicators i ON i.id = x.indicator_id';
  return `SELECT MAX(x.id) FROM observation_revisions x${join} WHERE ${where.join(' AND ')} GROUP BY x.indicator_id, x.year`;
}

/**
 * THE value that counts, as SQL (the one place this rule is written): the ids of the newest approved
 * revision of each indicator-year in scope; with `includePending` (a preview) a newer pending revision
 * stands in. Use it as `r.id IN (…)`; scoped to one indicator-year it is a scalar subquery (`= (…)`).
 */
export function countedRevisionIds(scope: RevisionScope, options: CountedOptions): string {
  return newestRevisionIds(scope, countingStates(options));
}

/**
 * The ids of the newest pending revision of each indicator-year in scope: what a reviewer would approve
 * next, shown apart from the value that counts (it counts only in a preview, see {@link countedRevisionIds}).
 */
export function newestPendingRevisionIds(scope: RevisionScope): string {
  return newestRevisionIds(scope, ['pending']);
}
