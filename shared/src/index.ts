export * from './domain/target-kinds.ts';
export * from './schemas/common.ts';
export * from './schemas/plan.ts';
export * from './schemas/progress.ts';
export * from './schemas/indicator.ts';
export * from './schemas/auth.ts';
export * from './domain/value-rules.ts';
export * from './schemas/observation-write.ts';
export * from './domain/status-labels.ts';
export * from './domain/progress/index.ts';
export * from './domain/trajectory.ts';
export * from './domain/summary.ts';
export * from './schemas/summary.ts';
export * from './domain/format.ts';
export * from './schemas/annual-target.ts';
export * from './domain/annual-targets.ts';
export * from './schemas/evaluation.ts';
export * from './domain/evaluation.ts';
export * from './schemas/plan-lifecycle.ts';
export * from './schemas/exchange.ts';
// units (#14): the unit directory and the "may enter values" rule
export * from './schemas/unit.ts';
export * from './domain/entry-rights.ts';
export * from './schemas/todo.ts';
export * from './domain/rounds.ts';
export * from './schemas/notification.ts';
// VALUES (issue 14 items 4–6): values as published
export * from './domain/published-value.ts';
// ledger (任务台账, issue 12)
export * from './domain/task-status.ts';
export * from './schemas/ledger.ts';
// FINAL (#11): final verdicts, stale marks, early warning including the unknown
export * from './schemas/final-verdict.ts';
export * from './domain/final-verdict.ts';
export * from './domain/stale.ts';
export * from './domain/early-warning.ts';
export * from './domain/responsible-unit.ts';
export * from './schemas/settings.ts';
export * from './schemas/official-report.ts';
export * from './domain/cst.ts';
export * from './domain/official-report.ts';
// CONSOLIDATE (#15 item 6): the API's error codes
export * from './schemas/errors.ts';
export * from './domain/figure-reasons.ts';
// SEC (#10): separation of duties and the password policy
export * from './domain/separation-of-duties.ts';
export * from './domain/password-policy.ts';
// the report's 重点任务落实情况 section, worded from the ledger
export * from './domain/ledger-report.ts';
// DOMAIN (#15 items 3-4): plan years, draft visibility, report issuers on one side
export * from './domain/plan-access.ts';
