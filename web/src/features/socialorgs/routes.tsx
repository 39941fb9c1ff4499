import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router-dom';
import { RequirePermission } from '../../app/guards';
import { PageSpinner } from '../../components/PageStates';
import { PERMISSIONS } from '../../lib/domain';

const SocialOrgsPage = lazy(() => import('./SocialOrgsPage'));

/** Console pages of the socialorgs feature, under /app (each with its own permission guard). */
export const socialorgsConsoleRoutes: RouteObject[] = [
  { path: 'social-orgs', element: <RequirePermission permission={PERMISSIONS.socialorgRead}><Suspense fallback={<PageSpinner />}><SocialOrgsPage /></Suspense></RequirePermission> },
];

/** Phone pages of the socialorgs feature, under /m. */
export const socialorgsResidentRoutes: RouteObject[] = [];
