import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';
import { RequirePermission } from '../../app/guards';
import { PageSpinner } from '../../components/PageStates';
import { PERMISSIONS } from '../../lib/domain';

const PointsPage = lazy(() => import('./PointsPage'));
const MobilePointsPage = lazy(() => import('./MobilePointsPage'));

const guarded = (permission: string, node: ReactNode, fullScreen = false) => (
  <RequirePermission permission={permission}>
    <Suspense fallback={<PageSpinner fullScreen={fullScreen} />}>{node}</Suspense>
  </RequirePermission>
);

/** Console pages of the points feature, under /app (each with its own permission guard). */
export const pointsConsoleRoutes: RouteObject[] = [
  { path: 'points', element: guarded(PERMISSIONS.pointsRead, <PointsPage />) },
];

/** Phone pages of the points feature, under /m. */
export const pointsResidentRoutes: RouteObject[] = [
  { path: 'points', element: guarded(PERMISSIONS.volunteerSelf, <MobilePointsPage />, true) },
];
