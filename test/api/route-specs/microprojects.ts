import type { RouteSpec } from './types.js';

/** Routes of src/modules/microprojects (see types.ts). */
export const spec: RouteSpec = {
  known: [],
};
