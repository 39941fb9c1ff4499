import type { RouteSpec } from './types.js';

/** Routes of src/modules/socialorgs (see types.ts). */
export const spec: RouteSpec = {
  known: [],
};
