import type { RouteSpec } from './types.js';
import { spec as places } from './places.js';
import { spec as residents } from './residents.js';
import { spec as imports } from './imports.js';
import { spec as gridwork } from './gridwork.js';
import { spec as requests } from './requests.js';

export const SPECS: RouteSpec[] = [places, residents, imports, gridwork, requests];
export type { RouteSpec, SpecCtx } from './types.js';
