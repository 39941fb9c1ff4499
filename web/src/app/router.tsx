import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { NotFound, PageSpinner } from '../components/PageStates';
import { PERMISSIONS } from '../lib/domain';
import { GuestOnly, HomeRedirect, RequireAuth, RequirePermission } from './guards';

const LoginPage = lazy(() => import('../features/auth/LoginPage'));
const AppLayout = lazy(() => import('./AppLayout'));
const OrgsPage = lazy(() => import('../features/orgs/OrgsPage'));
const OrgIndex = lazy(() => import('../features/orgs/OrgIndex'));
const OrgDetail = lazy(() => import('../features/orgs/OrgDetail'));
const UsersPage = lazy(() => import('../features/users/UsersPage'));
const AuditPage = lazy(() => import('../features/audit/AuditPage'));
const AccountPage = lazy(() => import('../features/account/AccountPage'));
const ResidentHome = lazy(() => import('../features/resident/ResidentHome'));

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
      { path: 'account', element: page(<AccountPage />) },
      { path: '*', element: <NotFound /> },
    ],
  },
  { path: '/m', element: <RequireAuth>{page(<ResidentHome />, true)}</RequireAuth> },
  { path: '*', element: <NotFound /> },
]);
