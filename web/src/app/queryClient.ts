import { QueryClient } from '@tanstack/react-query';
import { ApiError, onUnauthenticated } from '../lib/api';
import { getSession, setAnonymous } from '../features/auth/session';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      staleTime: 15_000,
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
    },
  },
});

onUnauthenticated(() => {
  const wasSignedIn = getSession().status === 'authenticated';
  setAnonymous(wasSignedIn ? 'expired' : undefined);
  // Let the guards redirect first, then drop every cached response (may contain personal data).
  setTimeout(() => queryClient.clear(), 0);
});

