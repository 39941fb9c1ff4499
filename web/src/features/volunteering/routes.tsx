import type { RouteObject } from 'react-router-dom';

/** Console pages of the volunteering feature, under /app (each with its own permission guard). */
export const volunteeringConsoleRoutes: RouteObject[] = [];

/** Phone pages of the volunteering feature, under /m. */
export const volunteeringResidentRoutes: RouteObject[] = [];
