import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router-dom';
import { RequirePermission } from '../../app/guards';
import { PageSpinner } from '../../components/PageStates';
import { PERMISSIONS } from '../../lib/domain';

const WorkforcePage = lazy(() => import('./WorkforcePage'));

/** Console pages of the workforce feature, under /app (each with its own permission guard). */
export const workforceConsoleRoutes: RouteObject[] = [
  { path: 'workforce', element: <RequirePermission permission={PERMISSIONS.workforceRead}><Suspense fallback={<PageSpinner />}><WorkforcePage /></Suspense></RequirePermission> },
];

/** Phone pages of the workforce feature, under /m. */
export const workforceResidentRoutes: RouteObject[] = [];
