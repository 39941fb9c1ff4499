import type { RouteObject } from 'react-router-dom';

/** Routes under /w: the grid worker's phone pages (visits, work log, my grid). */
export const workerMobileRoutes: RouteObject[] = [];
