import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { ErrorState, Forbidden, PageSpinner } from '../components/PageStates';
import { hasPermission, homePath, loadSession, useSession } from '../features/auth/session';

/** Renders children only for a signed-in user; otherwise redirects to /login. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'loading') return <PageSpinner fullScreen />;
  if (session.status === 'error') return <ErrorState error={session.error} onRetry={() => void loadSession()} />;
  if (session.status === 'anonymous') {
    const from = session.reason === 'logout' ? undefined : location.pathname + location.search;
    return <Navigate to="/login" replace state={from ? { from } : null} />;
  }
  if (session.me.mustChangePassword && location.pathname !== '/app/account') {
    return <Navigate to="/app/account" replace />;
  }
  return <>{children}</>;
}

/** Shows a 403 result when the user lacks the permission (or all of the listed ones); the server enforces it anyway. */
export function RequirePermission({ permission, children }: { permission: string | readonly string[]; children: ReactNode }) {
  const session = useSession();
  if (session.status !== 'authenticated') return null;
  const { me } = session;
  const anyOf: readonly string[] = typeof permission === 'string' ? [permission] : permission;
  if (!anyOf.some((p) => hasPermission(me, p))) return <Forbidden />;
  return <>{children}</>;
}

/** Login page wrapper: already signed-in users go straight to their home page. */
export function GuestOnly({ children }: { children: ReactNode }) {
  const session = useSession();
  if (session.status === 'loading') return <PageSpinner fullScreen />;
  if (session.status === 'authenticated') return <Navigate to={homePath(session.me)} replace />;
  return <>{children}</>;
}

/** `/` and `/app`: send the user to the page that fits their role. */
export function HomeRedirect() {
  const session = useSession();
  if (session.status === 'loading') return <PageSpinner fullScreen />;
  if (session.status === 'authenticated') return <Navigate to={homePath(session.me)} replace />;
  return <Navigate to="/login" replace />;
}
