import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';
import { RequirePermission } from '../../app/guards';
import { PageSpinner } from '../../components/PageStates';
import { PERMISSIONS } from '../../lib/domain';

const VolunteersPage = lazy(() => import('./VolunteersPage'));
const ActivitiesPage = lazy(() => import('./ActivitiesPage'));
const AttendancePage = lazy(() => import('./AttendancePage'));
const MobileActivities = lazy(() => import('./MobileActivities'));
const MobileActivityDetail = lazy(() => import('./MobileActivityDetail'));
const MobileCheckinPage = lazy(() => import('./MobileCheckinPage'));
const MobileMePage = lazy(() => import('./MobileMePage'));

const guarded = (permission: string, node: ReactNode, fullScreen = false) => (
  <RequirePermission permission={permission}>
    <Suspense fallback={<PageSpinner fullScreen={fullScreen} />}>{node}</Suspense>
  </RequirePermission>
);

/** Console pages of the volunteering feature, under /app (each with its own permission guard). */
export const volunteeringConsoleRoutes: RouteObject[] = [
  { path: 'volunteers', element: guarded(PERMISSIONS.volunteerRead, <VolunteersPage />) },
  { path: 'activities', element: guarded(PERMISSIONS.volunteerRead, <ActivitiesPage />) },
  { path: 'activities/:id', element: guarded(PERMISSIONS.volunteerRead, <AttendancePage />) },
];

/** Phone pages of the volunteering feature, under /m. */
export const volunteeringResidentRoutes: RouteObject[] = [
  { path: 'activities', element: guarded(PERMISSIONS.volunteerSelf, <MobileActivities />, true) },
  { path: 'activities/:id', element: guarded(PERMISSIONS.volunteerSelf, <MobileActivityDetail />, true) },
  { path: 'checkin/:id', element: guarded(PERMISSIONS.volunteerSelf, <MobileCheckinPage />, true) },
  { path: 'volunteer', element: guarded(PERMISSIONS.volunteerSelf, <MobileMePage />, true) },
];
