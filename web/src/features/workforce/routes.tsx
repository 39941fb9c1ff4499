import type { RouteObject } from 'react-router-dom';

/** Console pages of the workforce feature, under /app (each with its own permission guard). */
export const workforceConsoleRoutes: RouteObject[] = [];

/** Phone pages of the workforce feature, under /m. */
export const workforceResidentRoutes: RouteObject[] = [];
