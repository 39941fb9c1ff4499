import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';
import { RequirePermission } from '../../app/guards';
import { PageSpinner } from '../../components/PageStates';
import { PERMISSIONS } from '../../lib/domain';

const StorePage = lazy(() => import('./StorePage'));
const CounterPage = lazy(() => import('./CounterPage'));
const AcknowledgementPage = lazy(() => import('./AcknowledgementPage'));
const MobileStorePage = lazy(() => import('./MobileStorePage'));
const MobileRedemptionsPage = lazy(() => import('./MobileRedemptionsPage'));

const guarded = (permission: string, node: ReactNode, fullScreen = false) => (
  <RequirePermission permission={permission}>
    <Suspense fallback={<PageSpinner fullScreen={fullScreen} />}>{node}</Suspense>
  </RequirePermission>
);

/** Console pages of the store feature, under /app (each with its own permission guard). */
export const storeConsoleRoutes: RouteObject[] = [
  { path: 'store', element: guarded(PERMISSIONS.storeRead, <StorePage />) },
  { path: 'store/counter', element: guarded(PERMISSIONS.storeManage, <CounterPage />) },
  { path: 'store/donors/:id', element: guarded(PERMISSIONS.storeRead, <AcknowledgementPage />) },
];

/** Phone pages of the store feature, under /m. */
export const storeResidentRoutes: RouteObject[] = [
  { path: 'store', element: guarded(PERMISSIONS.volunteerSelf, <MobileStorePage />, true) },
  { path: 'store/redemptions', element: guarded(PERMISSIONS.volunteerSelf, <MobileRedemptionsPage />, true) },
];
