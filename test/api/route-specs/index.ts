import type { RouteSpec } from './types.js';
import { spec as places } from './places.js';
import { spec as residents } from './residents.js';
import { spec as imports } from './imports.js';
import { spec as gridwork } from './gridwork.js';
import { spec as requests } from './requests.js';
import { spec as points } from './points.js';
import { spec as store } from './store.js';
import { spec as volunteering } from './volunteering.js';
import { spec as partners } from './partners.js';

export const SPECS: RouteSpec[] = [places, residents, imports, gridwork, requests, points, store, volunteering, partners];
export type { RouteSpec, SpecCtx } from './types.js';
