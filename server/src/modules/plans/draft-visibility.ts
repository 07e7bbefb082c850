import type { FastifyInstance } from 'fastify';
import { notFound } from '../../lib/problem.ts';
import type { Principal } from '../../plugins/auth.ts';
import type { PlansRepository } from './plans.repository.ts';

/** Draft plans are work in progress of the admins who write them; nobody else sees unpublished targets. */
export const seesDrafts = (principal: Pick<Principal, 'role'> | null) => principal?.role === 'admin';

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
