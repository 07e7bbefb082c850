import {
  buildEvaluationReport,
  EvaluationSnapshotSchema,
  type EvaluationIndicatorInput,
  type EvaluationIssue,
  type EvaluationReport,
  type EvaluationSnapshot,
  type ReportListItem,
} from '@gz/shared';
import type { Db } from '../../db/client.ts';
import { invalidField, notFound, ProblemError } from '../../lib/problem.ts';
import type { AnnualTargetsRepository } from '../annual-targets/annual-targets.repository.ts';
import { toAnnualTargetRecord } from '../annual-targets/annual-targets.service.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import type { IndicatorsRepository } from '../indicators/indicators.repository.ts';
import type { IndicatorsService } from '../indicators/indicators.service.ts';
import type { PlanRow } from '../plans/plans.repository.ts';
import type { EvaluationsRepository, ReportRow } from './evaluations.repository.ts';
import type { Actor } from '../../plugins/auth.ts';

/** An issued report as the API returns it: the frozen snapshot with its narrative and who issued it. */
function fromRow(row: ReportRow): EvaluationReport {
  return {
    ...EvaluationSnapshotSchema.parse(JSON.parse(row.snapshot)),
    narrative: row.narrative,
    issued: { id: row.id, createdBy: row.createdBy, createdAt: row.createdAt },
  };
}

/**
 * Evaluation reports (年度 / 中期 / 终期评估) of a plan: computed live from the counted values with the shared
 * progress method, or read back exactly as issued. Issuing freezes the whole report (values, statuses,
 * narrative, who and when), so a report issued last month reads the same after later revisions.
 */
export function createEvaluationsService(deps: {
  db: Db;
  repo: EvaluationsRepository;
  indicators: IndicatorsService;
  indicatorsRepo: IndicatorsRepository;
  annualTargets: AnnualTargetsRepository;
  audit: AuditRepository;
}) {
  const { db, repo, audit } = deps;

  /** Reports cover the plan period: from the year after the baseline to the target year. */
  function checkYear(plan: PlanRow, year: number, field: string): void {
    if (year <= plan.baselineYear || year > plan.targetYear) {
      throw invalidField(field, `an evaluation year lies in the plan period, ${plan.baselineYear + 1}–${plan.targetYear}`);
    }
  }

  /** The report's figures as the data stands now. */
  function snapshotOf(plan: PlanRow, year: number): EvaluationSnapshot {
    const { items } = deps.indicators.list(plan.id, { year });
    const codeById = new Map(deps.indicatorsRepo.listByPlan(plan.id).map((r) => [r.id, r.code]));
    // The counted values of each indicator up to the report year, by code: what the table's year columns show.
    const values = new Map<string, Array<{ year: number; valueText: string }>>();
    for (const rev of deps.indicatorsRepo.countedRevisions(plan.id, false)) {
      const code = codeById.get(rev.indicatorId);
      if (code === undefined || rev.year > year) continue;
      values.set(code, [...(values.get(code) ?? []), { year: rev.year, valueText: rev.valueText }]);
    }
    const targets = new Map(
      deps.annualTargets
        .ofPlan(plan.id)
        .filter((t) => t.year === year)
        .map((t) => [t.code, toAnnualTargetRecord(t)]),
    );
    const indicators: EvaluationIndicatorInput[] = items.map((item) => ({
      ...item,
      values: values.get(item.code) ?? [],
      annualTarget: targets.get(item.code) ?? null,
    }));
    return buildEvaluationReport({
      plan: { id: plan.id, title: plan.title, baselineYear: plan.baselineYear, targetYear: plan.targetYear },
      year,
      indicators,
      generatedAt: new Date().toISOString(),
    });
  }

  /** A live draft: computed now, with the drafted narrative, issued by nobody. */
  function live(plan: PlanRow, year: number): EvaluationReport {
    const snapshot = snapshotOf(plan, year);
    return { ...snapshot, narrative: snapshot.draftNarrative, issued: null };
  }

  return {
    /**
     * The report of a year: the latest issued one when there is one (unless `live`), else computed now.
     * Throws 404 for an unknown plan, 400 for a year outside the plan period.
     */
    get(planId: string, year: number, opts: { live?: boolean | undefined } = {}): EvaluationReport {
      const plan = deps.indicators.resolvePlan(planId);
      checkYear(plan, year, 'params.year');
      const issued = opts.live ? undefined : repo.latestOfYear(plan.id, year);
      return issued ? fromRow(issued) : live(plan, year);
    },
    /** One issued report by id. */
    byId(planId: string, id: number): EvaluationReport {
      const plan = deps.indicators.resolvePlan(planId);
      const row = repo.get(plan.id, id);
      if (!row) throw notFound(`report ${id} of plan ${plan.id}`);
      return fromRow(row);
    },
    /** Reports issued for a plan, newest year first. */
    list(planId: string): ReportListItem[] {
      const plan = deps.indicators.resolvePlan(planId);
      return repo.list(plan.id);
    },
    /**
     * Issues the report of a year of a published plan: computes it now and stores the whole of it with the
     * narrative (the edited one, else the drafted one), in one transaction with its audit entry.
     */
    issue(actor: Actor, planId: string, body: EvaluationIssue): EvaluationReport {
      const plan = deps.indicators.resolvePlan(planId);
      checkYear(plan, body.year, 'body.year');
      if (plan.state !== 'published') {
        throw new ProblemError(409, 'plan_not_published', 'Conflict', `plan ${plan.id} is ${plan.state}; reports are issued for published plans only`);
      }
      return db.transaction(
        () => {
          const snapshot = snapshotOf(plan, body.year);
          const narrative = body.narrative ?? snapshot.draftNarrative;
          const row = repo.insert({
            planId: plan.id,
            year: body.year,
            kind: snapshot.kind,
            snapshot: JSON.stringify(snapshot),
            narrative,
            createdBy: actor.id,
          });
          audit.append(actor, {
            action: 'report.issue',
            entityType: 'report',
            entityId: row.id,
            planId: plan.id,
            after: { year: row.year, kind: row.kind, title: row.title, narrative, byClass: snapshot.byClass },
          });
          return fromRow(row);
        },
        { behavior: 'immediate' },
      );
    },
  };
}
export type EvaluationsService = ReturnType<typeof createEvaluationsService>;
