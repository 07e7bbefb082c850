/** The plan rules both sides apply (shared/src/domain/plan-access.ts): years, draft visibility, report issuers. */
import {
  assessmentYears,
  entryYears,
  mayIssueReports,
  planYears,
  REPORT_ISSUER_ROLES,
  ROLES,
  seesDraftPlans,
  YEARS_AFTER_TARGET,
} from '@gz/shared';
import { describe, expect, test } from 'vitest';

const plan = { baselineYear: 2020, targetYear: 2025 };

describe('years', () => {
  test('a plan 2020–2025 takes values up to 2030', () => {
    expect(YEARS_AFTER_TARGET).toBe(5);
    expect(planYears(plan)).toEqual({ min: 2020, max: 2030 });
  });

  test('entry starts at the earlier baseline; an assessment at the indicator’s own', () => {
    expect(entryYears(plan, { baselineYear: 2019 })).toEqual({ min: 2019, max: 2030 });
    expect(entryYears(plan, { baselineYear: 2021 })).toEqual({ min: 2020, max: 2030 });
    expect(assessmentYears(plan, { baselineYear: 2021 })).toEqual({ min: 2021, max: 2030 });
    expect(assessmentYears(plan, { baselineYear: 2019 })).toEqual({ min: 2019, max: 2030 });
  });
});

describe('roles', () => {
  test('only admins see draft plans', () => {
    expect(ROLES.filter((r) => seesDraftPlans(r))).toEqual(['admin']);
    expect(seesDraftPlans(null)).toBe(false);
    expect(seesDraftPlans(undefined)).toBe(false);
  });

  test('reviewers and admins issue reports', () => {
    expect(REPORT_ISSUER_ROLES).toEqual(['reviewer']);
    expect(ROLES.filter((r) => mayIssueReports(r)).sort()).toEqual(['admin', 'reviewer']);
    expect(mayIssueReports(null)).toBe(false);
  });
});
