import type { RouteObject } from 'react-router-dom';

/** Console pages of the socialorgs feature, under /app (each with its own permission guard). */
export const socialorgsConsoleRoutes: RouteObject[] = [];

/** Phone pages of the socialorgs feature, under /m. */
export const socialorgsResidentRoutes: RouteObject[] = [];
