import { type PlanListItem, seesDraftPlans } from '@gz/shared';
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { fetchPlans, planKeys } from '../api/plans.ts';
import { fetchSettings, settingsKeys } from '../api/settings.ts';
import { useSession } from './session.ts';

/** URL search parameters that every page shares, so that a link shows the same plan and year. */
const SCOPE_PARAMS = ['plan', 'year'] as const;

/**
 * The plan and evaluation year the user is looking at, kept in the URL (shareable, survives reload).
 * `plan` is the one named by `?plan=` or, without it, the admin's 默认展示规划 (else the first published
 * plan) — the one the API serves by default; publishing a new plan moves nobody. `year` is undefined for "the latest year with data". A draft plan is offered to
 * admins only, who preview it before publishing; to everyone else it is not there yet.
 */
export function useScope() {
  const [params, setParams] = useSearchParams();
  const plans = useQuery({ queryKey: planKeys.list, queryFn: fetchPlans, staleTime: 5 * 60_000 });
  const session = useSession();
  // Undefined until both are known: an admin's link to a draft must not flash "not found" meanwhile.
  const visible = session.isPending
    ? undefined
    : plans.data?.filter((p) => p.state !== 'draft' || seesDraftPlans(session.data?.role));
  // FINAL (#11): the default plan is an admin setting
  const settings = useQuery({ queryKey: settingsKeys.all, queryFn: fetchSettings, staleTime: 5 * 60_000 });
  const requested =
    params.get('plan') ?? (settings.isPending ? undefined : (settings.data?.defaultPlanId.value ?? null));
  const plan: PlanListItem | undefined =
    requested === undefined
      ? undefined
      : visible?.find((p) => (requested ? p.id === requested : p.state === 'published'));
  const yearParam = Number(params.get('year'));
  const year = Number.isInteger(yearParam) && yearParam > 0 ? yearParam : undefined;

  const setScope = useCallback(
    (change: { plan?: string; year?: number | undefined }) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (change.plan !== undefined) next.set('plan', change.plan);
          if ('year' in change) {
            if (change.year === undefined) next.delete('year');
            else next.set('year', String(change.year));
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  return { plans, visible, plan, year, setScope };
}

/** `to` with the current scope parameters carried over. */
export function useScopedPath(): (to: string) => string {
  const [params] = useSearchParams();
  return useCallback(
    (to: string) => {
      const kept = new URLSearchParams();
      for (const key of SCOPE_PARAMS) {
        const value = params.get(key);
        if (value) kept.set(key, value);
      }
      const search = kept.toString();
      return search ? `${to}${to.includes('?') ? '&' : '?'}${search}` : to;
    },
    [params],
  );
}
