import type { RouteSpec } from './types.js';

/** Routes of src/modules/gridwork (see types.ts). */
export const spec: RouteSpec = {
  known: [],
};
