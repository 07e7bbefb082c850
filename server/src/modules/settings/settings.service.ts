import { DEFAULT_ISSUING_UNIT, type Settings, type SettingsPatch } from '@gz/shared';
import type { Actor } from '../../plugins/auth.ts';
import type { Db } from '../../db/client.ts';
import { problem } from '../../lib/problem.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import type { PlansRepository } from '../plans/plans.repository.ts';
import type { SettingsRepository } from './settings.repository.ts';

/**
 * Admin settings: the issuing unit printed on reports and the plan shown by default. The default plan is an
 * explicit choice, so publishing a new plan moves nobody; without one, the first plan published stays the default.
 */
export function createSettingsService(deps: {
  db: Db;
  repo: SettingsRepository;
  plans: PlansRepository;
  audit: AuditRepository;
}) {
  const { repo } = deps;

  function read(): Settings {
    const unit = repo.get('issuingUnit');
    const planId = repo.get('defaultPlanId');
    return {
      issuingUnit: { value: unit ?? DEFAULT_ISSUING_UNIT, isDefault: unit === undefined },
      defaultPlanId: { value: planId ?? repo.firstPublishedId() ?? null, isDefault: planId === undefined },
    };
  }

  return {
    read,
    /** The admin's choice of the plan served when a request names none, if any. */
    chosenDefaultPlanId: (): string | undefined => repo.get('defaultPlanId'),
    /** The first plan published that is still published: the default when nobody chose one. */
    firstPublishedPlanId: (): string | undefined => repo.firstPublishedId(),
    /** The issuing unit of reports, with whether it is the default. */
    issuingUnit: () => read().issuingUnit,
    /** Sets or resets settings (admin); a default plan must be a published or archived plan. Audited. */
    update(actor: Actor, patch: SettingsPatch): Settings {
      if (patch.defaultPlanId) {
        const plan = deps.plans.get(patch.defaultPlanId);
        if (!plan || plan.state === 'draft') {
          throw problem(
            'plan_not_published',
            `plan ${patch.defaultPlanId} is not a published plan (默认展示规划须为已发布的规划)`,
            [{ field: 'body.defaultPlanId', message: 'must be a published plan (须为已发布的规划)' }],
          );
        }
      }
      const before = read();
      deps.db.transaction(() => {
        for (const key of ['issuingUnit', 'defaultPlanId'] as const) {
          const value = patch[key];
          if (value === undefined) continue;
          if (value === null) repo.reset(key);
          else repo.set(key, value, actor.id);
        }
        deps.audit.append(actor, {
          action: 'settings.update',
          entityType: 'settings',
          entityId: 'settings',
          before,
          after: patch,
        });
      });
      return read();
    },
  };
}
export type SettingsService = ReturnType<typeof createSettingsService>;
