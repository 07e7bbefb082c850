import { SessionInfoSchema, SecurityLogEntrySchema, type SecurityLogEntry, type User, UserSchema } from '@gz/shared';
import { type SessionUser, sessionUserOf } from './auth.ts';
import { z } from 'zod';
import { apiRequest, setCsrfToken } from './client.ts';

/** SEC (#10): the signed-in user's own password, unlocking accounts and the sign-in log. */
export const securityLogKeys = { list: ['security-log'] as const };

/** Changes one's own password; the session goes on, other sessions and all tokens end. */
export async function changePassword(body: { currentPassword: string; newPassword: string }): Promise<SessionUser> {
  const session = await apiRequest('/auth/password', { method: 'POST', json: body, schema: SessionInfoSchema });
  setCsrfToken(session.csrfToken);
  return sessionUserOf(session);
}

/** Lifts the lockout of an account (account manager). */
export function unlockUser(id: number): Promise<User> {
  return apiRequest(`/users/${id}/unlock`, { method: 'POST', schema: UserSchema });
}

/** One page of the sign-in and denial log, newest first. */
export function fetchSecurityLog(limit = 200): Promise<SecurityLogEntry[]> {
  return apiRequest('/security-log', { query: { limit }, schema: z.array(SecurityLogEntrySchema) });
}
