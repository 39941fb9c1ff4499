import type { RouteSpec } from './types.js';

/** Routes of src/modules/residents (see types.ts). */
export const spec: RouteSpec = {
  known: [],
};
