import type { PlanListItem } from '@gz/shared';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useScope } from '../app/scope.ts';
import { LoadError, PageSpin, Unavailable } from './errors.tsx';

/** The plan a page is about, its evaluation year and how to change them. */
export interface Scope {
  plan: PlanListItem;
  /** the evaluation year asked for in the URL; undefined: the latest year with data */
  year: number | undefined;
  setYear: (year: number | undefined) => void;
  setPlan: (planId: string) => void;
  /** the plans this user may choose between (drafts for admins only) */
  plans: PlanListItem[];
}

/** Renders a page once the plan it is about is known, so the page itself never handles "no plan yet". */
export function PlanGate({ children }: { children: (scope: Scope) => ReactNode }) {
  const { t } = useTranslation();
  const { plans, visible, plan, year, setScope } = useScope();
  if (plans.isError) return <LoadError error={plans.error} onRetry={() => void plans.refetch()} />;
  if (!visible) return <PageSpin />;
  if (!plan) return <Unavailable title={t('app.notFound')} />;
  return children({
    plan,
    year,
    plans: visible,
    setYear: (next) => setScope({ year: next }),
    setPlan: (planId) => setScope({ plan: planId, year: undefined }),
  });
}
