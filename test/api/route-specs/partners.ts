import type { RouteSpec } from './types.js';

/** Routes of src/modules/partners (see types.ts). */
export const spec: RouteSpec = {
  known: [],
};
