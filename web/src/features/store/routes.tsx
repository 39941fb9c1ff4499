import type { RouteObject } from 'react-router-dom';

/** Console pages of the store feature, under /app (each with its own permission guard). */
export const storeConsoleRoutes: RouteObject[] = [];

/** Phone pages of the store feature, under /m. */
export const storeResidentRoutes: RouteObject[] = [];
