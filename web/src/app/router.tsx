import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Outlet } from 'react-router-dom';
import { NotFound, PageSpinner } from '../components/PageStates';
import { PERMISSIONS } from '../lib/domain';
import { GuestOnly, HomeRedirect, RequireAuth, RequirePermission } from './guards';
import { workerMobileRoutes } from '../features/worker-mobile/routes';
import { residentRoutes } from '../features/resident/routes';
import { pointsConsoleRoutes } from '../features/points/routes';
import { storeConsoleRoutes } from '../features/store/routes';
import { volunteeringConsoleRoutes } from '../features/volunteering/routes';
import { partnersConsoleRoutes } from '../features/partners/routes';
import { deliberationConsoleRoutes } from '../features/deliberation/routes';
import { votingConsoleRoutes } from '../features/voting/routes';
import { microprojectsConsoleRoutes } from '../features/microprojects/routes';
import { socialorgsConsoleRoutes } from '../features/socialorgs/routes';
import { workforceConsoleRoutes } from '../features/workforce/routes';
import { projectsConsoleRoutes } from '../features/projects/routes';
import { evaluationsConsoleRoutes, evaluationsPublicRoutes } from '../features/evaluations/routes';

const LoginPage = lazy(() => import('../features/auth/LoginPage'));
const AppLayout = lazy(() => import('./AppLayout'));
const OrgsPage = lazy(() => import('../features/orgs/OrgsPage'));
const OrgIndex = lazy(() => import('../features/orgs/OrgIndex'));
const OrgDetail = lazy(() => import('../features/orgs/OrgDetail'));
const UsersPage = lazy(() => import('../features/users/UsersPage'));
const AuditPage = lazy(() => import('../features/audit/AuditPage'));
const AccountPage = lazy(() => import('../features/account/AccountPage'));
const PlacesPage = lazy(() => import('../features/places/PlacesPage'));
const HouseholdDetail = lazy(() => import('../features/places/HouseholdDetail'));
const ResidentsPage = lazy(() => import('../features/residents/ResidentsPage'));
const ResidentDetail = lazy(() => import('../features/residents/ResidentDetail'));
const CorrectionsPage = lazy(() => import('../features/residents/CorrectionsPage'));
const ImportsPage = lazy(() => import('../features/imports/ImportsPage'));
const GridWorkPage = lazy(() => import('../features/gridwork/GridWorkPage'));
const RequestBoardPage = lazy(() => import('../features/requests/BoardPage'));
const RequestDetailPage = lazy(() => import('../features/requests/RequestDetailPage'));
const HotlinePage = lazy(() => import('../features/requests/HotlinePage'));
const RequestStatsPage = lazy(() => import('../features/requests/StatsPage'));
const RequestConfigPage = lazy(() => import('../features/requests/ConfigPage'));

function page(node: ReactNode, fullScreen = false) {
  return <Suspense fallback={<PageSpinner fullScreen={fullScreen} />}>{node}</Suspense>;
}

export const router = createBrowserRouter([
  { path: '/', element: <HomeRedirect /> },
  { path: '/login', element: <GuestOnly>{page(<LoginPage />, true)}</GuestOnly> },
  {
    path: '/app',
    element: <RequireAuth>{page(<AppLayout />, true)}</RequireAuth>,
    children: [
      { index: true, element: <HomeRedirect /> },
      {
        path: 'orgs',
        element: <RequirePermission permission={PERMISSIONS.orgRead}>{page(<OrgsPage />)}</RequirePermission>,
        children: [
          { index: true, element: page(<OrgIndex />) },
          { path: ':id', element: page(<OrgDetail />) },
        ],
      },
      {
        path: 'users',
        element: <RequirePermission permission={PERMISSIONS.userRead}>{page(<UsersPage />)}</RequirePermission>,
      },
      {
        path: 'audit',
        element: <RequirePermission permission={PERMISSIONS.auditRead}>{page(<AuditPage />)}</RequirePermission>,
      },
      { path: 'places', element: <RequirePermission permission={PERMISSIONS.placeRead}>{page(<PlacesPage />)}</RequirePermission> },
      { path: 'places/households/:id', element: <RequirePermission permission={PERMISSIONS.placeRead}>{page(<HouseholdDetail />)}</RequirePermission> },
      { path: 'residents', element: <RequirePermission permission={PERMISSIONS.residentRead}>{page(<ResidentsPage />)}</RequirePermission> },
      { path: 'residents/:id', element: <RequirePermission permission={PERMISSIONS.residentRead}>{page(<ResidentDetail />)}</RequirePermission> },
      { path: 'corrections', element: <RequirePermission permission={PERMISSIONS.residentWrite}>{page(<CorrectionsPage />)}</RequirePermission> },
      { path: 'imports', element: <RequirePermission permission={PERMISSIONS.residentImport}>{page(<ImportsPage />)}</RequirePermission> },
      { path: 'gridwork', element: <RequirePermission permission={PERMISSIONS.gridworkRead}>{page(<GridWorkPage />)}</RequirePermission> },
      { path: 'requests', element: <RequirePermission permission={PERMISSIONS.requestRead}>{page(<RequestBoardPage />)}</RequirePermission> },
      { path: 'requests/hotline', element: <RequirePermission permission={PERMISSIONS.requestSubmit}>{page(<HotlinePage />)}</RequirePermission> },
      { path: 'requests/:id', element: <RequirePermission permission={PERMISSIONS.requestRead}>{page(<RequestDetailPage />)}</RequirePermission> },
      { path: 'request-stats', element: <RequirePermission permission={PERMISSIONS.requestRead}>{page(<RequestStatsPage />)}</RequirePermission> },
      {
        path: 'request-config',
        element: <RequirePermission permission={[PERMISSIONS.requestConfigure, PERMISSIONS.requestCatalogue]}>{page(<RequestConfigPage />)}</RequirePermission>,
      },
      // Volunteering, points, the love store, members and partners (each feature's own routes.tsx).
      ...volunteeringConsoleRoutes, ...pointsConsoleRoutes, ...storeConsoleRoutes, ...partnersConsoleRoutes,
      // Deliberation and voting (issue 6), the three-society linkage (issue 7).
      ...deliberationConsoleRoutes, ...votingConsoleRoutes, ...microprojectsConsoleRoutes, ...socialorgsConsoleRoutes, ...workforceConsoleRoutes, ...projectsConsoleRoutes, ...evaluationsConsoleRoutes,
      { path: 'account', element: page(<AccountPage />) },
      { path: '*', element: <NotFound /> },
    ],
  },
  // Phone-first areas: grid workers in the field (/w) and residents (/m).
  { path: '/w', element: <RequireAuth>{page(<Outlet />, true)}</RequireAuth>, children: workerMobileRoutes },
  { path: '/m', element: <RequireAuth>{page(<Outlet />, true)}</RequireAuth>, children: residentRoutes },
  ...evaluationsPublicRoutes,
  { path: '*', element: <NotFound /> },
]);
