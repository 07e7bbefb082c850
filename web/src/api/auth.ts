import { SessionInfoSchema, type User } from '@gz/shared';
import { ApiError, apiRequest, NO_CONTENT, setCsrfToken } from './client.ts';

export const sessionKey = ['session'] as const;

/** The signed-in user, or null when nobody is (401). The CSRF token is kept for later writes. */
export async function fetchSession(): Promise<User | null> {
  try {
    const session = await apiRequest('/auth/me', { schema: SessionInfoSchema });
    setCsrfToken(session.csrfToken);
    return session.user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export async function login(credentials: { username: string; password: string }): Promise<User> {
  const session = await apiRequest('/auth/login', { method: 'POST', json: credentials, schema: SessionInfoSchema });
  setCsrfToken(session.csrfToken);
  return session.user;
}

export async function logout(): Promise<void> {
  await apiRequest('/auth/logout', { method: 'POST', schema: NO_CONTENT });
  setCsrfToken(null);
}
