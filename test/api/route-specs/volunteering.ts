import type { RouteSpec } from './types.js';

/** Routes of src/modules/volunteering (see types.ts). */
export const spec: RouteSpec = {
  known: [],
};
