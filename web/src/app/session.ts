import { useQuery } from '@tanstack/react-query';
import { fetchSession, sessionKey, type SessionUser } from '../api/auth.ts';

/** Who is signed in (null: nobody). Fetched once; login and logout update it directly. */
export function useSession() {
  return useQuery<SessionUser | null>({ queryKey: sessionKey, queryFn: fetchSession, staleTime: Infinity });
}
