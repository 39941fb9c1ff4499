import type { RouteSpec } from './types.js';

/** Routes of src/modules/imports (see types.ts). */
export const spec: RouteSpec = {
  known: [],
};
