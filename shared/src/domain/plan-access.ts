import type { Role } from '../schemas/auth.ts';
import { holdsRole } from './separation-of-duties.ts';

/*
 * Rules about plans that both sides apply: which years a plan takes values, assessments and rounds for, who sees
 * draft plans, and who issues reports. The server enforces them; the web uses the same functions to show only
 * what the server would allow. Pure; no I/O.
 */

/** How many years past the target year values may still be entered (carrying into the next plan). */
export const YEARS_AFTER_TARGET = 5;

/** A closed range of years. */
export interface YearSpan {
  min: number;
  max: number;
}

/** The years of a plan that values, rounds and assessments may concern: its baseline year to a few years past T. */
export function planYears(plan: { baselineYear: number; targetYear: number }): YearSpan {
  return { min: plan.baselineYear, max: plan.targetYear + YEARS_AFTER_TARGET };
}

/**
 * The years a value may be entered for an indicator: from the earlier of the indicator's and the plan's baseline
 * years (some baselines are older than the plan's) to YEARS_AFTER_TARGET past the target year.
 */
export function entryYears(
  plan: { baselineYear: number; targetYear: number },
  indicator: { baselineYear: number },
): YearSpan {
  const span = planYears(plan);
  return { min: Math.min(indicator.baselineYear, span.min), max: span.max };
}

/**
 * The years a manual assessment may be recorded for: from the indicator's own baseline year (there is nothing to
 * judge before it) to the last entry year.
 */
export function assessmentYears(
  plan: { baselineYear: number; targetYear: number },
  indicator: { baselineYear: number },
): YearSpan {
  return { min: indicator.baselineYear, max: entryYears(plan, indicator).max };
}

/**
 * Whether a user sees draft plans. Drafts are work in progress of the admins who write them; nobody else sees
 * unpublished targets (the API answers 404, the web does not offer them). null/undefined: nobody signed in.
 */
export function seesDraftPlans(role: Role | null | undefined): boolean {
  return role === 'admin';
}

/** The roles that edit and issue evaluation reports (the admin passes too, see holdsRole). */
export const REPORT_ISSUER_ROLES: readonly Role[] = ['reviewer'];

/** Whether a user edits report drafts and issues reports: reviewers and admins. */
export function mayIssueReports(role: Role | null | undefined): boolean {
  return role !== null && role !== undefined && holdsRole(role, REPORT_ISSUER_ROLES);
}
