import type { RouteObject } from 'react-router-dom';

/** Console pages of the voting feature, under /app (each with its own permission guard). */
export const votingConsoleRoutes: RouteObject[] = [];

/** Phone pages of the voting feature, under /m. */
export const votingResidentRoutes: RouteObject[] = [];
