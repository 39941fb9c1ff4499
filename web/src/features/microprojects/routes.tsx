import type { RouteObject } from 'react-router-dom';

/** Console pages of the microprojects feature, under /app (each with its own permission guard). */
export const microprojectsConsoleRoutes: RouteObject[] = [];

/** Phone pages of the microprojects feature, under /m. */
export const microprojectsResidentRoutes: RouteObject[] = [];
