import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';
import { RequirePermission } from '../../app/guards';
import { PageSpinner } from '../../components/PageStates';
import { PERMISSIONS } from '../../lib/domain';

const TopicsPage = lazy(() => import('./TopicsPage'));
const TopicPage = lazy(() => import('./TopicPage'));
const BodiesPage = lazy(() => import('./BodiesPage'));
const BodyPage = lazy(() => import('./BodyPage'));
const MeetingsPage = lazy(() => import('./MeetingsPage'));
const MeetingPage = lazy(() => import('./MeetingPage'));
const ConsultationsPage = lazy(() => import('./ConsultationsPage'));
const ConsultationPage = lazy(() => import('./ConsultationPage'));
const TasksPage = lazy(() => import('./TasksPage'));
const MobileTopicsPage = lazy(() => import('./MobileTopicsPage'));
const MobileRaisePage = lazy(() => import('./MobileRaisePage'));
const MobileTopicPage = lazy(() => import('./MobileTopicPage'));
const MobileConsultationPage = lazy(() => import('./MobileConsultationPage'));

const guarded = (permission: string, node: ReactNode, fullScreen = false) => (
  <RequirePermission permission={permission}>
    <Suspense fallback={<PageSpinner fullScreen={fullScreen} />}>{node}</Suspense>
  </RequirePermission>
);
const read = PERMISSIONS.deliberationRead;

/** Console pages of the deliberation feature, under /app (each with its own permission guard). */
export const deliberationConsoleRoutes: RouteObject[] = [
  { path: 'topics', element: guarded(read, <TopicsPage />) },
  { path: 'topics/:id', element: guarded(read, <TopicPage />) },
  { path: 'delib-bodies', element: guarded(read, <BodiesPage />) },
  { path: 'delib-bodies/:id', element: guarded(read, <BodyPage />) },
  { path: 'delib-meetings', element: guarded(read, <MeetingsPage />) },
  { path: 'delib-meetings/:id', element: guarded(read, <MeetingPage />) },
  { path: 'delib-consultations', element: guarded(read, <ConsultationsPage />) },
  { path: 'delib-consultations/:id', element: guarded(read, <ConsultationPage />) },
  { path: 'delib-tasks', element: guarded(read, <TasksPage />) },
];

/** Phone pages of the deliberation feature, under /m (raising needs deliberation.raise; the community's pages deliberation.self). */
export const deliberationResidentRoutes: RouteObject[] = [
  { path: 'topics', element: guarded(PERMISSIONS.deliberationRaise, <MobileTopicsPage />, true) },
  { path: 'topics/new', element: guarded(PERMISSIONS.deliberationRaise, <MobileRaisePage />, true) },
  { path: 'topics/:id', element: guarded(PERMISSIONS.deliberationRaise, <MobileTopicPage />, true) },
  { path: 'consultations/:id', element: guarded(PERMISSIONS.deliberationSelf, <MobileConsultationPage />, true) },
];
