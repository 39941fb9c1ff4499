import type { RouteSpec } from './types.js';
import { spec as places } from './places.js';
import { spec as residents } from './residents.js';
import { spec as imports } from './imports.js';
import { spec as gridwork } from './gridwork.js';

export const SPECS: RouteSpec[] = [places, residents, imports, gridwork];
export type { RouteSpec, SpecCtx } from './types.js';
