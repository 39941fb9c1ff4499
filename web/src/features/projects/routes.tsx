import type { RouteObject } from 'react-router-dom';

/** Console pages of the projects feature, under /app (each with its own permission guard). */
export const projectsConsoleRoutes: RouteObject[] = [];

/** Phone pages of the projects feature, under /m. */
export const projectsResidentRoutes: RouteObject[] = [];
