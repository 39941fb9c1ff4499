import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';
import { RequirePermission } from '../../app/guards';
import { PageSpinner } from '../../components/PageStates';
import { PERMISSIONS } from '../../lib/domain';

const BudgetsPage = lazy(() => import('./BudgetsPage'));
const BudgetDetailPage = lazy(() => import('./BudgetDetailPage'));
const ProposalsPage = lazy(() => import('./ProposalsPage'));
const RoundPage = lazy(() => import('./RoundPage'));
const ProjectsPage = lazy(() => import('./ProjectsPage'));
const ProjectPage = lazy(() => import('./ProjectPage'));
const CommentsPage = lazy(() => import('./CommentsPage'));
const MobileMicroHome = lazy(() => import('./MobileMicroHome'));
const MobileProposeForm = lazy(() => import('./MobileProposeForm'));
const MobileMyProposals = lazy(() => import('./MobileMyProposals'));
const MobileRound = lazy(() => import('./MobileRound'));
const MobileProject = lazy(() => import('./MobileProject'));

const guarded = (permission: string, node: ReactNode, fullScreen = false) => (
  <RequirePermission permission={permission}>
    <Suspense fallback={<PageSpinner fullScreen={fullScreen} />}>{node}</Suspense>
  </RequirePermission>
);
const read = PERMISSIONS.microprojectRead;
const self = PERMISSIONS.deliberationSelf;

/** Console pages of the microprojects feature, under /app (each with its own permission guard). */
export const microprojectsConsoleRoutes: RouteObject[] = [
  { path: 'micro-budgets', element: guarded(read, <BudgetsPage />) },
  { path: 'micro-budgets/:id', element: guarded(read, <BudgetDetailPage />) },
  { path: 'micro-proposals', element: guarded(read, <ProposalsPage />) },
  { path: 'micro-rounds/:id', element: guarded(read, <RoundPage />) },
  { path: 'micro-projects', element: guarded(read, <ProjectsPage />) },
  { path: 'micro-projects/:id', element: guarded(read, <ProjectPage />) },
  { path: 'micro-comments', element: guarded(read, <CommentsPage />) },
];

/** Phone pages of the microprojects feature, under /m. */
export const microprojectsResidentRoutes: RouteObject[] = [
  { path: 'micro', element: guarded(self, <MobileMicroHome />, true) },
  { path: 'micro/propose', element: guarded(self, <MobileProposeForm />, true) },
  { path: 'micro/mine', element: guarded(self, <MobileMyProposals />, true) },
  { path: 'micro/rounds/:id', element: guarded(self, <MobileRound />, true) },
  { path: 'micro/projects/:id', element: guarded(self, <MobileProject />, true) },
];
