import type { RouteSpec } from './types.js';

/** Routes of src/modules/voting (see types.ts). */
export const spec: RouteSpec = {
  known: [],
};
