import type { RouteSpec } from './types.js';

/** Routes of src/modules/workforce (see types.ts). */
export const spec: RouteSpec = {
  known: [],
};
