import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';
import { RequirePermission } from '../../app/guards';
import { PageSpinner } from '../../components/PageStates';
import { PERMISSIONS } from '../../lib/domain';

const CampaignsPage = lazy(() => import('./CampaignsPage'));
const CampaignDetailPage = lazy(() => import('./CampaignDetailPage'));
const ScoringPage = lazy(() => import('./ScoringPage'));
const RectificationsPage = lazy(() => import('./RectificationsPage'));
const TreesPage = lazy(() => import('./TreesPage'));
const MobileSurveysPage = lazy(() => import('./MobileSurveysPage'));
const MobileResultsPage = lazy(() => import('./MobileResultsPage'));
const PublicSurveyPage = lazy(() => import('./PublicSurveyPage'));

const guarded = (permission: string, node: ReactNode, fullScreen = false) => (
  <RequirePermission permission={permission}>
    <Suspense fallback={<PageSpinner fullScreen={fullScreen} />}>{node}</Suspense>
  </RequirePermission>
);

/** Console pages of the evaluations feature, under /app (each with its own permission guard). */
export const evaluationsConsoleRoutes: RouteObject[] = [
  { path: 'evaluations', element: guarded(PERMISSIONS.evaluationRead, <CampaignsPage />) },
  { path: 'evaluations/:id', element: guarded(PERMISSIONS.evaluationRead, <CampaignDetailPage />) },
  { path: 'eval-scoring', element: guarded(PERMISSIONS.evaluationScore, <ScoringPage />) },
  { path: 'eval-rectifications', element: guarded(PERMISSIONS.evaluationRead, <RectificationsPage />) },
  { path: 'indicator-trees', element: guarded(PERMISSIONS.evaluationRead, <TreesPage />) },
];

/** Phone pages of the evaluations feature, under /m. Published results are for every signed-in user of the area. */
export const evaluationsResidentRoutes: RouteObject[] = [
  { path: 'surveys', element: guarded(PERMISSIONS.evaluationRespond, <MobileSurveysPage />, true) },
  { path: 'evaluations', element: <Suspense fallback={<PageSpinner fullScreen />}><MobileResultsPage /></Suspense> },
];

/** Top-level public pages (no login): the survey behind a household's link. */
export const evaluationsPublicRoutes: RouteObject[] = [
  { path: '/s/:token', element: <Suspense fallback={<PageSpinner fullScreen />}><PublicSurveyPage /></Suspense> },
];
