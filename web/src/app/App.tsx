import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { ApiError } from '../api/client.ts';
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

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
