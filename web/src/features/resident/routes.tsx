import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, type RouteObject } from 'react-router-dom';
import { PageSpinner } from '../../components/PageStates';
import { requestResidentRoutes } from '../requests/routes';
import { volunteeringResidentRoutes } from '../volunteering/routes';
import { pointsResidentRoutes } from '../points/routes';
import { storeResidentRoutes } from '../store/routes';
import { partnersResidentRoutes } from '../partners/routes';
import { deliberationResidentRoutes } from '../deliberation/routes';
import { votingResidentRoutes } from '../voting/routes';
import { microprojectsResidentRoutes } from '../microprojects/routes';
import { socialorgsResidentRoutes } from '../socialorgs/routes';
import { workforceResidentRoutes } from '../workforce/routes';
import { projectsResidentRoutes } from '../projects/routes';
import { evaluationsResidentRoutes } from '../evaluations/routes';

const ResidentHome = lazy(() => import('./ResidentHome'));
const MyHouseholdPage = lazy(() => import('./MyHouseholdPage'));
const GridWorkersPage = lazy(() => import('./GridWorkersPage'));
const MyInfoPage = lazy(() => import('./MyInfoPage'));

const page = (node: ReactNode) => <Suspense fallback={<PageSpinner fullScreen />}>{node}</Suspense>;

/** Routes under /m: the resident's phone pages. */
export const residentRoutes: RouteObject[] = [
  { index: true, element: page(<ResidentHome />) },
  { path: 'household', element: page(<MyHouseholdPage />) },
  { path: 'grid-workers', element: page(<GridWorkersPage />) },
  { path: 'info', element: page(<MyInfoPage />) },
  // 随手拍 / 我的诉求 (their own guard: request.submit).
  ...requestResidentRoutes,
  // 志愿积分、爱心超市、需求认领 (each feature's own routes.tsx and guard).
  ...volunteeringResidentRoutes, ...pointsResidentRoutes, ...storeResidentRoutes, ...partnersResidentRoutes,
  // 议事、表决、微实事、项目监督、满意度调查 (issues 6 and 7).
  ...deliberationResidentRoutes, ...votingResidentRoutes, ...microprojectsResidentRoutes, ...socialorgsResidentRoutes, ...workforceResidentRoutes, ...projectsResidentRoutes, ...evaluationsResidentRoutes,
  { path: '*', element: <Navigate to="/m" replace /> },
];
