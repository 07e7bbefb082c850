import { ProblemSchema } from '@gz/shared';
import { z } from 'zod';

/** `?flag=true|false` in a query string. */
export const QueryBoolean = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

/** A year in a path or query. */
export const QueryYear = z.coerce.number().int().min(1949).max(2100);

/** `?plan=`: optional everywhere; the default plan is served when absent. */
export const PlanQuery = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/).optional().describe('plan id; default: the newest published plan');

/** Problem replies to document on routes, by status. */
export const problems = <S extends number>(...statuses: S[]) =>
  Object.fromEntries(statuses.map((s) => [s, ProblemSchema])) as Record<S, typeof ProblemSchema>;
