import { type RoleSeparation, SessionInfoSchema, type SessionInfo, type User } from '@gz/shared';
import { ApiError, apiRequest, NO_CONTENT, setCsrfToken } from './client.ts';

export const sessionKey = ['session'] as const;

/** The signed-in user and how the server separates duties (SEC #10: what the UI offers a role). */
export type SessionUser = User & { roleSeparation: RoleSeparation };

/** The user of a session reply, with the server's ROLE_SEPARATION (combined when an older server says nothing). */
export const sessionUserOf = (session: SessionInfo): SessionUser => ({
  ...session.user,
  roleSeparation: session.roleSeparation ?? 'combined',
});

/** The signed-in user, or null when nobody is (401). The CSRF token is kept for later writes. */
export async function fetchSession(): Promise<SessionUser | null> {
  try {
    const session = await apiRequest('/auth/me', { schema: SessionInfoSchema });
    setCsrfToken(session.csrfToken);
    return sessionUserOf(session);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export async function login(credentials: { username: string; password: string }): Promise<SessionUser> {
  const session = await apiRequest('/auth/login', { method: 'POST', json: credentials, schema: SessionInfoSchema });
  setCsrfToken(session.csrfToken);
  return sessionUserOf(session);
}

export async function logout(): Promise<void> {
  await apiRequest('/auth/logout', { method: 'POST', schema: NO_CONTENT });
  setCsrfToken(null);
}
