import type { RouteSpec } from './types.js';

/** Routes of src/modules/projects (see types.ts). */
export const spec: RouteSpec = {
  known: [],
};
