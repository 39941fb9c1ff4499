import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';
import { RequirePermission } from '../../app/guards';
import { PageSpinner } from '../../components/PageStates';
import { PERMISSIONS } from '../../lib/domain';

const FundsPage = lazy(() => import('./FundsPage'));
const ProjectsPage = lazy(() => import('./ProjectsPage'));
const ProjectDetailPage = lazy(() => import('./ProjectDetailPage'));
const TranchesPage = lazy(() => import('./TranchesPage'));
const MobileProjects = lazy(() => import('./MobileProjects'));
const MobileProjectDetail = lazy(() => import('./MobileProjectDetail'));

const guarded = (permission: string, node: ReactNode, fullScreen = false) => (
  <RequirePermission permission={permission}>
    <Suspense fallback={<PageSpinner fullScreen={fullScreen} />}>{node}</Suspense>
  </RequirePermission>
);

/** Console pages of the projects feature, under /app (each with its own permission guard). */
export const projectsConsoleRoutes: RouteObject[] = [
  { path: 'project-funds', element: guarded(PERMISSIONS.projectRead, <FundsPage />) },
  { path: 'projects', element: guarded(PERMISSIONS.projectRead, <ProjectsPage />) },
  { path: 'projects/:id', element: guarded(PERMISSIONS.projectRead, <ProjectDetailPage />) },
  { path: 'project-tranches', element: guarded(PERMISSIONS.projectRead, <TranchesPage />) },
];

/** Phone pages of the projects feature, under /m. */
export const projectsResidentRoutes: RouteObject[] = [
  { path: 'projects', element: guarded(PERMISSIONS.projectFeedback, <MobileProjects />, true) },
  { path: 'projects/:id', element: guarded(PERMISSIONS.projectFeedback, <MobileProjectDetail />, true) },
];
