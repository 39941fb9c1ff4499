import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, type RouteObject } from 'react-router-dom';
import { Forbidden, PageSpinner } from '../../components/PageStates';
import { PERMISSIONS } from '../../lib/domain';
import { hasPermission, useSession } from '../auth/session';
import { requestWorkerRoutes } from '../requests/routes';

const WorkerHome = lazy(() => import('./WorkerHome'));
const VisitNewPage = lazy(() => import('./VisitNewPage'));
const MyVisitsPage = lazy(() => import('./MyVisitsPage'));
const LogsPage = lazy(() => import('./LogsPage'));
const LogNewPage = lazy(() => import('./LogNewPage'));
const HouseholdsPage = lazy(() => import('./HouseholdsPage'));

/** The phone area is for staff who record grid work; residents go to their own area. */
function WorkerOnly({ children }: { children: ReactNode }) {
  const session = useSession();
  if (session.status !== 'authenticated') return null;
  if (session.me.role === 'resident') return <Navigate to="/m" replace />;
  if (!hasPermission(session.me, PERMISSIONS.gridworkWrite)) return <Forbidden />;
  return <Suspense fallback={<PageSpinner fullScreen />}>{children}</Suspense>;
}

const w = (node: ReactNode) => <WorkerOnly>{node}</WorkerOnly>;

/** Routes under /w: the grid worker's phone pages (visits, work log, my grid). */
export const workerMobileRoutes: RouteObject[] = [
  { index: true, element: w(<WorkerHome />) },
  { path: 'visits', element: w(<MyVisitsPage />) },
  { path: 'visits/new', element: w(<VisitNewPage />) },
  { path: 'logs', element: w(<LogsPage />) },
  { path: 'logs/new', element: w(<LogNewPage />) },
  { path: 'households', element: w(<HouseholdsPage />) },
  // 代居民上报 / 网格诉求 (their own guard: request.read).
  ...requestWorkerRoutes,
  { path: '*', element: <Navigate to="/w" replace /> },
];
