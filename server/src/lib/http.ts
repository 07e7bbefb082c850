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
export const PlanQuery = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,63}$/)
  .optional()
  .describe('plan id; default: the newest published plan');

/** A problem reply with the given schema (ProblemSchema or an extension), documented as application/problem+json. */
export const problemContent = <T>(schema: T) => ({
  description: 'A problem (RFC 9457)',
  content: { 'application/problem+json': { schema } },
});
const problemReply = problemContent(ProblemSchema);

/** Problem replies to document on routes, by status. */
export const problems = <S extends number>(...statuses: S[]) =>
  Object.fromEntries(statuses.map((s) => [s, problemReply])) as Record<S, typeof problemReply>;

/**
 * Adds the problem+json replies to a route's response schemas, keeping any the route declares
 * itself: the shared helper behind the OpenAPI document's 4xx (see the swagger plugin's onRoute hook).
 */
export function withProblems(response: unknown, statuses: readonly number[]): Record<string, unknown> {
  const declared = (typeof response === 'object' && response !== null ? response : {}) as Record<string, unknown>;
  const added = Object.fromEntries(statuses.filter((s) => !(s in declared)).map((s) => [s, problemReply]));
  return { ...declared, ...added };
}
