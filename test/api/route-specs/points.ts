import type { RouteSpec } from './types.js';

/** Routes of src/modules/points (see types.ts). */
export const spec: RouteSpec = {
  known: [],
};
