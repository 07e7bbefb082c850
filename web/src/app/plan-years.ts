/** The years of a plan that can have values after the baseline: baseline year + 1 … target year. */
export function planYears(plan: { baselineYear: number; targetYear: number }): number[] {
  return Array.from({ length: Math.max(0, plan.targetYear - plan.baselineYear) }, (_, k) => plan.baselineYear + 1 + k);
}
