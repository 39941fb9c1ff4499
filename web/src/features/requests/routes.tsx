import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, type RouteObject } from 'react-router-dom';
import { Forbidden, PageSpinner } from '../../components/PageStates';
import { PERMISSIONS } from '../../lib/domain';
import { hasPermission, useSession } from '../auth/session';

const MobileReportPage = lazy(() => import('./MobileReportPage'));
const MobileRequestList = lazy(() => import('./MobileRequestList'));
const MobileRequestDetail = lazy(() => import('./MobileRequestDetail'));

/** Residents need request.submit; in /w staff (not residents) who report or read requests. */
function Guard({ area, children }: { area: 'm' | 'w'; children: ReactNode }) {
  const session = useSession();
  if (session.status !== 'authenticated') return null;
  const { me } = session;
  if (area === 'w' && me.role === 'resident') return <Navigate to="/m/requests" replace />;
  const allowed = area === 'm' ? hasPermission(me, PERMISSIONS.requestSubmit) : hasPermission(me, PERMISSIONS.requestRead);
  if (!allowed) return <Forbidden />;
  return <Suspense fallback={<PageSpinner fullScreen />}>{children}</Suspense>;
}

function areaRoutes(area: 'm' | 'w'): RouteObject[] {
  const g = (node: ReactNode) => <Guard area={area}>{node}</Guard>;
  return [
    { path: 'requests', element: g(<MobileRequestList area={area} />) },
    { path: 'requests/new', element: g(<MobileReportPage area={area} />) },
    { path: 'requests/:id', element: g(<MobileRequestDetail area={area} />) },
  ];
}

/** Under /m: 随手拍, 我的诉求 and their details. */
export const requestResidentRoutes = areaRoutes('m');
/** Under /w: reporting for residents and the grid's requests. */
export const requestWorkerRoutes = areaRoutes('w');
