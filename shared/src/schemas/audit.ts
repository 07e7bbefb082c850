import { z } from 'zod';

// COUNTED (#15 item 1): the reply of GET /audit, declared once for the route and the tests
/** One entry of the append-only audit log: who did what to which object, with the state before and after. */
export const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    userId: z.number().int().nullable(),
    username: z.string().nullable(),
    tokenId: z.number().int().nullable(),
    ip: z.string().nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    planId: z.string().nullable(),
    indicatorCode: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    importId: z.number().int().nullable().describe('the import this per-value entry belongs to'),
    role: z.string().nullable().describe('the role the user acted in'),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
