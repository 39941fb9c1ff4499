import type { RouteObject } from 'react-router-dom';

/** Console pages of the evaluations feature, under /app (each with its own permission guard). */
export const evaluationsConsoleRoutes: RouteObject[] = [];

/** Phone pages of the evaluations feature, under /m. */
export const evaluationsResidentRoutes: RouteObject[] = [];
