import type { RouteSpec } from './types.js';

/** Routes of src/modules/deliberation (see types.ts). */
export const spec: RouteSpec = {
  known: [],
};
