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
import { spec as deliberation } from './deliberation.js';
import { spec as voting } from './voting.js';
import { spec as microprojects } from './microprojects.js';
import { spec as socialorgs } from './socialorgs.js';
import { spec as workforce } from './workforce.js';
import { spec as projects } from './projects.js';
import { spec as evaluations } from './evaluations.js';

export const SPECS: RouteSpec[] = [places, residents, imports, gridwork, requests, points, store, volunteering, partners,
  deliberation, voting, microprojects, socialorgs, workforce, projects, evaluations];
export type { RouteSpec, SpecCtx } from './types.js';
