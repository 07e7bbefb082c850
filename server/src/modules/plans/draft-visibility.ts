import { seesDraftPlans } from '@gz/shared';
import type { FastifyInstance } from 'fastify';
import { notFound } from '../../lib/problem.ts';
import type { Principal } from '../../plugins/auth.ts';
import type { PlansRepository } from './plans.repository.ts';

/** Whether the caller sees draft plans: the shared rule (seesDraftPlans) applied to the signed-in principal. */
export const seesDrafts = (principal: Pick<Principal, 'role'> | null) => seesDraftPlans(principal?.role);

/**
 * Answers 404 for any request that names a draft plan (`:planId` or `?plan=`) unless an admin asks,
 * as if the plan did not exist yet. Runs after validation, before every route of the API scope.
 */
export function hideDraftPlans(api: FastifyInstance, plans: PlansRepository): void {
  api.addHook('preHandler', async (request) => {
    if (seesDrafts(request.principal)) return;
    const params = request.params as { planId?: unknown } | undefined;
    const query = request.query as { plan?: unknown } | undefined;
    const planId =
      typeof params?.planId === 'string' ? params.planId : typeof query?.plan === 'string' ? query.plan : undefined;
    if (planId !== undefined && plans.get(planId)?.state === 'draft') throw notFound(`plan ${planId}`);
  });
}
