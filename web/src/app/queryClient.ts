import { QueryClient } from '@tanstack/react-query';
import { ApiError, onStaleSession, onUnauthenticated } from '../lib/api';
import { getSession, loadSession, setAnonymous } from '../features/auth/session';

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


// A fresh /auth/me brings a valid CSRF token and the current mustChangePassword flag
// (the guards then send the user to /app/account).
onStaleSession(() => {
  loadSession().catch(() => undefined);
});
