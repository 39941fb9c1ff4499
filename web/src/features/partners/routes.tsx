import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';
import { RequirePermission } from '../../app/guards';
import { PageSpinner } from '../../components/PageStates';
import { PERMISSIONS } from '../../lib/domain';

const PartnersPage = lazy(() => import('./PartnersPage'));
const RankingsPage = lazy(() => import('./RankingsPage'));
const MobileNeedsPage = lazy(() => import('./MobileNeedsPage'));
const MobileClaimsPage = lazy(() => import('./MobileClaimsPage'));

const guarded = (permission: string, node: ReactNode, fullScreen = false) => (
  <RequirePermission permission={permission}>
    <Suspense fallback={<PageSpinner fullScreen={fullScreen} />}>{node}</Suspense>
  </RequirePermission>
);

/** Console pages of the partners feature, under /app (each with its own permission guard). */
export const partnersConsoleRoutes: RouteObject[] = [
  { path: 'partners', element: guarded(PERMISSIONS.partnerRead, <PartnersPage />) },
  { path: 'partner-rankings', element: guarded(PERMISSIONS.partnerRead, <RankingsPage />) },
];

/** Phone pages of the partners feature, under /m. */
export const partnersResidentRoutes: RouteObject[] = [
  { path: 'partner-needs', element: guarded(PERMISSIONS.volunteerSelf, <MobileNeedsPage />, true) },
  { path: 'partner-claims', element: guarded(PERMISSIONS.volunteerSelf, <MobileClaimsPage />, true) },
];
