import type { RouteSpec } from './types.js';

/** Routes of src/modules/places (see types.ts). */
const KNOWN = [
  'GET /api/v1/estates', 'POST /api/v1/estates', 'GET /api/v1/estates/:id', 'PATCH /api/v1/estates/:id', 'DELETE /api/v1/estates/:id',
  'GET /api/v1/buildings', 'POST /api/v1/buildings', 'GET /api/v1/buildings/:id', 'PATCH /api/v1/buildings/:id', 'DELETE /api/v1/buildings/:id',
  'GET /api/v1/units', 'POST /api/v1/units', 'PATCH /api/v1/units/:id', 'DELETE /api/v1/units/:id',
  'GET /api/v1/households', 'POST /api/v1/households', 'GET /api/v1/households/:id', 'PATCH /api/v1/households/:id',
  'POST /api/v1/households/:id/reveal', 'GET /api/v1/households/export.xlsx',
];

/** Records the :id routes are tried on; deletes get their own empty ones so the rest stay. */
const ids = { estate: 0, building: 0, unit: 0, household: 0, estateToDelete: 0, buildingToDelete: 0, unitToDelete: 0 };

export const spec: RouteSpec = {
  known: KNOWN,
  async setup({ w, s }) {
    const post = async (url: string, body: Record<string, unknown>) => {
      const r = await s.streetStaff.post(`/api/v1${url}`, body);
      if (r.statusCode !== 201) throw new Error(`places spec setup ${url}: ${r.statusCode} ${r.body}`);
      return r.json().id as number;
    };
    ids.estate = await post('/estates', { orgId: w.gridA.id, name: '模糊小区' });
    ids.building = await post('/buildings', { estateId: ids.estate, name: '1号楼' });
    ids.unit = await post('/units', { buildingId: ids.building, name: '1单元' });
    ids.household = await post('/households', { orgId: w.gridA.id, unitId: ids.unit, room: '101' });
    ids.estateToDelete = await post('/estates', { orgId: w.gridA.id, name: '模糊待删小区' });
    ids.buildingToDelete = await post('/buildings', { estateId: ids.estate, name: '待删楼' });
    ids.unitToDelete = await post('/units', { buildingId: ids.building, name: '待删单元' });
  },
  base: ({ w }) => ({
    'POST /api/v1/estates': { orgId: w.gridA.id, name: '模糊新小区' },
    'PATCH /api/v1/estates/:id': { address: '模糊路 1 号' },
    'POST /api/v1/buildings': { estateId: ids.estate, name: '模糊楼' },
    'PATCH /api/v1/buildings/:id': { floors: 6 },
    'POST /api/v1/units': { buildingId: ids.building, name: '模糊单元' },
    'PATCH /api/v1/units/:id': { name: '1单元' },
    'POST /api/v1/households': { orgId: w.gridA.id, street: '模糊路', room: '1' },
    'PATCH /api/v1/households/:id': { tenure: 'owned' },
    'POST /api/v1/households/:id/reveal': { field: 'address', reason: '模糊测试' },
  }),
  // Not streetStaff: routes.test.ts sends streetStaff's token as the *wrong* CSRF token.
  who: (key) => (KNOWN.includes(key) ? 'communityWorker' : undefined),
  id: (key) => {
    if (key === 'DELETE /api/v1/estates/:id') return ids.estateToDelete;
    if (key === 'DELETE /api/v1/buildings/:id') return ids.buildingToDelete;
    if (key === 'DELETE /api/v1/units/:id') return ids.unitToDelete;
    if (key.includes('/estates/')) return ids.estate;
    if (key.includes('/buildings/')) return ids.building;
    if (key.includes('/units/')) return ids.unit;
    if (key.includes('/households/')) return ids.household;
    return undefined;
  },
  // The system admin, department staff and residents have no place permissions.
  forbidden: () => KNOWN.flatMap((key) => (['sysAdmin', 'departmentStaff', 'resident'] as const).map((a): [string, typeof a] => [key, a])),
};
