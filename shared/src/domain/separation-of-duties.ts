import type { Role } from '../schemas/auth.ts';

/**
 * 三员分立 (separation of duties). `combined` (default, small installations): the admin also manages
 * accounts and reads the audit log. `strict`: accounts belong to the security administrator, the
 * audit and sign-in logs to the audit administrator (and reviewers), and the system administrator
 * (`admin`) keeps plans, units, rounds, locks and settings; no role both manages accounts and enters
 * or approves values.
 */
export const ROLE_SEPARATION_MODES = ['combined', 'strict'] as const;
export type RoleSeparation = (typeof ROLE_SEPARATION_MODES)[number];

/** Whether a role manages accounts: create users, set roles and passwords, unlock, revoke anyone's tokens. */
export function mayManageAccounts(role: Role, mode: RoleSeparation): boolean {
  return role === 'security_admin' || (mode === 'combined' && role === 'admin');
}

/** Whether a role reads the audit log and the sign-in log. */
export function mayReadAudit(role: Role, mode: RoleSeparation): boolean {
  return role === 'audit_admin' || role === 'reviewer' || (mode === 'combined' && role === 'admin');
}

/**
 * Whether a role passes a route's list of roles. The system administrator passes every one of the
 * business roles (reviewer, editor, viewer); the security and audit administrators pass only a
 * list that names them.
 */
export function holdsRole(role: Role, allowed: readonly Role[]): boolean {
  if (allowed.includes(role)) return true;
  return role === 'admin' && allowed.some((r) => r === 'reviewer' || r === 'editor' || r === 'viewer');
}
