import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { fetchSession, sessionKey } from '../api/auth.ts';
import { ApiError } from '../api/client.ts';
import { fetchPlans, planKeys } from '../api/plans.ts';
import { fetchSettings, settingsKeys } from '../api/settings.ts';
import { router } from './router.tsx';

// A 401 on a read means the session ended (or reads need a login): send the user to the login page
// and back afterwards. /auth/me answers 401 for "nobody" and is handled where it is called; a write
// refused with 401 says so where it was made.
function onApiError(error: unknown): void {
  if (error instanceof ApiError && error.status === 401 && router.state.location.pathname !== '/login') {
    const { pathname, search } = router.state.location;
    void router.navigate(`/login?next=${encodeURIComponent(pathname + search)}`);
  }
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // Only a lost connection or a server fault can heal by asking again; 4xx and broken replies cannot.
      retry: (count, error) =>
        count < 2 && (!(error instanceof ApiError) || error.code === 'network_error' || error.status >= 500),
    },
  },
});

// I18N (#13, LCP): the reads every page starts from (who is signed in, the plans, the default plan) go out at
// once, side by side, before the first render, instead of one after another as the tree renders and waits.
void queryClient.prefetchQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: Infinity });
void queryClient.prefetchQuery({ queryKey: planKeys.list, queryFn: fetchPlans, staleTime: 5 * 60_000 });
void queryClient.prefetchQuery({ queryKey: settingsKeys.all, queryFn: fetchSettings, staleTime: 5 * 60_000 });

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
