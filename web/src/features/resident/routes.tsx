import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';

const ResidentHome = lazy(() => import('./ResidentHome'));

/** Routes under /m: the resident's phone pages. */
export const residentRoutes: RouteObject[] = [{ index: true, element: <ResidentHome /> }];
