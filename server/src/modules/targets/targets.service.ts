import { type Indicator, type TargetWrite, targetSpecProblem } from '@gz/shared';
import type { Db } from '../../db/client.ts';
import { invalidField } from '../../lib/problem.ts';
import type { Actor } from '../../plugins/auth.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import type { IndicatorsService } from '../indicators/indicators.service.ts';
import type { ObservationsService } from '../observations/observations.service.ts';
import type { TargetsRepository } from './targets.repository.ts';

/** Province-assigned (or corrected) targets: each one a new target version; the old ones stay. */
export function createTargetsService(deps: {
  db: Db;
  repo: TargetsRepository;
  indicators: IndicatorsService;
  observations: ObservationsService;
  audit: AuditRepository;
}) {
  const { db, repo, indicators, observations, audit } = deps;
  return {
    /**
     * Records a target with its document and returns the indicator as it reads now. The target is
     * checked against the indicator's unit (shares 0–100, finite, sane magnitude): a 400 naming body.spec.
     */
    set(actor: Actor, planId: string | undefined, code: string, body: TargetWrite): Indicator {
      const plan = indicators.resolvePlan(planId);
      const row = observations.indicatorOf(plan, code);
      const { spec, text, documentNo, issuedOn, note } = body;
      const noteText = note ?? null;
      const wrong = targetSpecProblem(spec, { name: row.name, unit: row.unit });
      if (wrong) throw invalidField('body.spec', `${wrong.en} (${wrong.zh})`);
      db.transaction(() => {
        repo.setTarget(row.id, { spec, text, note: noteText, documentNo, issuedOn, createdBy: actor.id });
        audit.append(actor, {
          action: 'target.set',
          entityType: 'indicator',
          entityId: row.id,
          planId: plan.id,
          indicatorCode: row.code,
          before: { spec: JSON.parse(row.targetSpec) as unknown, text: row.targetText, note: row.targetNote },
          after: { spec, text, note: noteText, documentNo, issuedOn },
        });
      });
      return indicators.get(plan.id, row.code, {});
    },
  };
}
export type TargetsService = ReturnType<typeof createTargetsService>;
