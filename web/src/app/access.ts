import type { Role } from '@gz/shared';

/** Screens that only some roles see. The API enforces the same rules; this only hides dead ends. */
const SCREEN_ROLES = {
  entry: ['admin', 'editor'],
  review: ['admin', 'reviewer'],
  admin: ['admin'],
  // rounds and to-do (#14): everyone signed in has a to-do; admins and leaders follow the rounds
  todo: ['admin', 'reviewer', 'editor', 'viewer'],
  rounds: ['admin', 'reviewer', 'viewer'],
  // measures ledger (issue 12)
  ledgerMine: ['admin', 'reviewer', 'editor'],
  ledgerReview: ['admin', 'reviewer'],
} as const satisfies Record<string, readonly Role[]>;
export type RestrictedScreen = keyof typeof SCREEN_ROLES;

export function canOpen(screen: RestrictedScreen, role: Role | undefined): boolean {
  return role !== undefined && (SCREEN_ROLES[screen] as readonly Role[]).includes(role);
}
