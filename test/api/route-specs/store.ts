import type { RouteSpec } from './types.js';

/** Routes of src/modules/store (see types.ts). */
export const spec: RouteSpec = {
  known: [],
};
