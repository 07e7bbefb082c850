import { mayReadAudit, type Role, type RoleSeparation } from '@gz/shared';

/** Screens that only some roles see. The API enforces the same rules; this only hides dead ends. */
const SCREEN_ROLES = {
  entry: ['admin', 'editor'],
  review: ['admin', 'reviewer'],
  admin: ['admin', 'security_admin'],
  // rounds and to-do (#14): everyone signed in has a to-do; admins and leaders follow the rounds
  todo: ['admin', 'reviewer', 'editor', 'viewer'],
  rounds: ['admin', 'reviewer', 'viewer'],
  // measures ledger (issue 12)
  ledgerMine: ['admin', 'reviewer', 'editor'],
  ledgerReview: ['admin', 'reviewer'],
  // SEC (#10): the sign-in log, for whoever reads the audit log (the API decides for the admin by ROLE_SEPARATION)
  securityLog: ['admin', 'reviewer', 'audit_admin'],
} as const satisfies Record<string, readonly Role[]>;
export type RestrictedScreen = keyof typeof SCREEN_ROLES;

export function canOpen(
  screen: RestrictedScreen,
  role: Role | undefined,
  roleSeparation: RoleSeparation = 'combined',
): boolean {
  if (role === undefined) return false;
  // SEC (#10): with ROLE_SEPARATION=strict the system administrator does not read the logs
  if (screen === 'securityLog') return mayReadAudit(role, roleSeparation);
  return (SCREEN_ROLES[screen] as readonly Role[]).includes(role);
}
