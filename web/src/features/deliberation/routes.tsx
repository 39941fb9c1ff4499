import type { RouteObject } from 'react-router-dom';

/** Console pages of the deliberation feature, under /app (each with its own permission guard). */
export const deliberationConsoleRoutes: RouteObject[] = [];

/** Phone pages of the deliberation feature, under /m. */
export const deliberationResidentRoutes: RouteObject[] = [];
