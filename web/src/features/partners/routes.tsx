import type { RouteObject } from 'react-router-dom';

/** Console pages of the partners feature, under /app (each with its own permission guard). */
export const partnersConsoleRoutes: RouteObject[] = [];

/** Phone pages of the partners feature, under /m. */
export const partnersResidentRoutes: RouteObject[] = [];
