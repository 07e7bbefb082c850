import type { User } from '@gz/shared';
import { useQuery } from '@tanstack/react-query';
import { fetchSession, sessionKey } from '../api/auth.ts';

/** Who is signed in (null: nobody). Fetched once; login and logout update it directly. */
export function useSession() {
  return useQuery<User | null>({ queryKey: sessionKey, queryFn: fetchSession, staleTime: Infinity });
}
