import {
  targetSpecProblem,
  defaultAnnualTargetBasis,
  TargetSpecSchema,
  type AnnualTarget,
  type AnnualTargetRecord,
  type AnnualTargetWrite,
} from '@gz/shared';
import type { Db } from '../../db/client.ts';
import { invalidField } from '../../lib/problem.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import { targetSpecOf, type IndicatorsRepository } from '../indicators/indicators.repository.ts';
import type { PlanRow } from '../plans/plans.repository.ts';
import type { AnnualTargetRow, AnnualTargetsRepository } from './annual-targets.repository.ts';
import type { Actor } from '../../plugins/auth.ts';

/** A stored yearly target as the API shows it. */
export function toAnnualTarget(row: AnnualTargetRow): AnnualTarget {
  return {
    code: row.code,
    year: row.year,
    spec: TargetSpecSchema.parse(JSON.parse(row.spec)),
    text: row.text,
    source: row.source,
    basis: row.basis,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

/** A stored yearly target as the shared judging functions take it. */
export function toAnnualTargetRecord(row: AnnualTargetRow): AnnualTargetRecord {
  const { year, spec, text, source, basis } = toAnnualTarget(row);
  return { year, spec, text, source, basis };
}

/**
 * Yearly targets (年度目标) set by admins from a year's work report: optional, one in force per
 * indicator-year, every version kept, each write audited in its transaction.
 */
export function createAnnualTargetsService(deps: {
  db: Db;
  repo: AnnualTargetsRepository;
  indicators: IndicatorsRepository;
  audit: AuditRepository;
}) {
  const { db, repo, audit } = deps;

  function indicatorOf(plan: PlanRow, code: string) {
    return deps.indicators.requireByCode(plan.id, code);
  }

  return {
    /**
     * Sets the target of one indicator-year (a new version). The year must lie in the plan period; a growth
     * basis needs an annual_rate target; without a basis the default of {@link defaultAnnualTargetBasis} applies.
     */
    set(actor: Actor, plan: PlanRow, code: string, year: number, body: AnnualTargetWrite): AnnualTarget {
      const indicator = indicatorOf(plan, code);
      if (year <= plan.baselineYear || year > plan.targetYear) {
        throw invalidField(
          'params.year',
          `a yearly target lies in the plan period, ${plan.baselineYear + 1}–${plan.targetYear}`,
        );
      }
      const planKind = targetSpecOf(indicator).kind;
      const basis = body.basis ?? defaultAnnualTargetBasis(body.spec, planKind);
      if (basis === 'growth' && body.spec.kind !== 'annual_rate')
        throw invalidField('body.basis', 'a growth basis needs an annual_rate target');
      // SEC (#10): checked against the indicator's unit
      const wrong = targetSpecProblem(body.spec, { name: indicator.name, unit: indicator.unit });
      if (wrong) throw invalidField('body.spec', `${wrong.en} (${wrong.zh})`);
      return db.transaction(() => {
        const before = repo.ofIndicator(indicator.id).find((t) => t.year === year);
        const row = repo.insert({
          indicatorId: indicator.id,
          year,
          spec: JSON.stringify(body.spec),
          text: body.text,
          source: body.source,
          basis,
          createdBy: actor.id,
        });
        const after = toAnnualTarget(row);
        audit.append(actor, {
          action: 'annual_target.set',
          entityType: 'annual_target',
          entityId: row.id,
          planId: plan.id,
          indicatorCode: code,
          before: before ? toAnnualTarget(before) : null,
          after,
        });
        return after;
      });
    },
    /** The targets in force of one indicator, by year. */
    ofIndicator: (plan: PlanRow, code: string): AnnualTarget[] =>
      repo.ofIndicator(indicatorOf(plan, code).id).map(toAnnualTarget),
    /** The targets in force of a plan, optionally of one year. */
    ofPlan: (plan: PlanRow, year?: number): AnnualTarget[] =>
      repo
        .ofPlan(plan.id)
        .filter((t) => year === undefined || t.year === year)
        .map(toAnnualTarget),
  };
}
export type AnnualTargetsService = ReturnType<typeof createAnnualTargetsService>;
