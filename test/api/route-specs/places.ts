import type { RouteSpec } from './types.js';

/** Routes of src/modules/places (see types.ts). */
export const spec: RouteSpec = {
  known: [],
};
