import type { RouteSpec } from './types.js';

/** Routes of src/modules/evaluations (see types.ts). */
export const spec: RouteSpec = {
  known: [],
};
