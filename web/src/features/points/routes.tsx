import type { RouteObject } from 'react-router-dom';

/** Console pages of the points feature, under /app (each with its own permission guard). */
export const pointsConsoleRoutes: RouteObject[] = [];

/** Phone pages of the points feature, under /m. */
export const pointsResidentRoutes: RouteObject[] = [];
