import type { RouteSpec } from './types.js';

/** Routes of src/modules/imports (see types.ts). */
const KNOWN = [
  'GET /api/v1/imports/template.xlsx', 'POST /api/v1/imports/residents', 'GET /api/v1/imports', 'GET /api/v1/imports/:id',
  'POST /api/v1/imports/:id/commit', 'GET /api/v1/imports/:id/errors.xlsx',
];

/** A previewed job (with an error report: one row of the file is invalid). */
let jobId = 0;

export const spec: RouteSpec = {
  known: KNOWN,
  async setup({ t, w, s }) {
    const sess = s.communityWorker;
    const csv = '姓名,证件号码\n模糊,620902199001011234\n';
    const r = await t.app.inject({
      method: 'POST', url: `/api/v1/imports/residents?orgId=${w.communityA.id}&filename=fuzz.csv`, payload: csv,
      headers: { cookie: sess.cookie, 'x-csrf-token': sess.csrf, 'content-type': 'text/csv' },
    });
    if (r.statusCode !== 201) throw new Error(`imports spec setup: ${r.statusCode} ${r.body}`);
    jobId = r.json().job.id;
  },
  // Not streetStaff: routes.test.ts sends streetStaff's token as the *wrong* CSRF token.
  who: (key) => (KNOWN.includes(key) ? 'communityWorker' : undefined),
  id: (key) => (KNOWN.includes(key) && key.includes(':id') ? jobId : undefined),
  // The upload route is left out: without its required ?orgId= the query check answers first.
  forbidden: () => KNOWN.filter((k) => k !== 'POST /api/v1/imports/residents')
    .flatMap((key) => (['sysAdmin', 'departmentStaff', 'resident'] as const).map((a): [string, typeof a] => [key, a])),
  uploadLimits: { 'POST /api/v1/imports/residents': 50 * 1024 * 1024 },
};
