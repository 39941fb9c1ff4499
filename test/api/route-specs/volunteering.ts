import type { RouteSpec } from './types.js';

/** Routes of src/modules/volunteering (see types.ts). */
const KNOWN = [
  'GET /api/v1/volunteers/me', 'POST /api/v1/volunteers/me', 'GET /api/v1/volunteers/me/activities', 'GET /api/v1/volunteers/me/certificate.pdf',
  'GET /api/v1/volunteers', 'GET /api/v1/volunteers/export.xlsx', 'GET /api/v1/volunteers/:id', 'POST /api/v1/volunteers/:id/reveal', 'GET /api/v1/volunteers/:id/certificate.pdf',
  'GET /api/v1/activities', 'GET /api/v1/activities/export.xlsx', 'POST /api/v1/activities', 'GET /api/v1/activities/:id', 'PATCH /api/v1/activities/:id',
  'POST /api/v1/activities/:id/publish', 'POST /api/v1/activities/:id/cancel', 'POST /api/v1/activities/:id/signup', 'POST /api/v1/activities/:id/cancel-signup',
  'GET /api/v1/activities/:id/qr', 'POST /api/v1/activities/:id/scan', 'GET /api/v1/activities/:id/attendance', 'GET /api/v1/activities/:id/attendance.xlsx',
  'POST /api/v1/activities/:id/confirm', 'POST /api/v1/signups/:id/attendance',
];
const RESIDENT = new Set(['POST /api/v1/volunteers/me', 'GET /api/v1/volunteers/me', 'GET /api/v1/volunteers/me/activities', 'GET /api/v1/volunteers/me/certificate.pdf',
  'POST /api/v1/activities/:id/signup', 'POST /api/v1/activities/:id/cancel-signup', 'POST /api/v1/activities/:id/scan']);

const ids = { activity: 0, volunteer: 0, signup: 0 };
const hour = 3600_000;

export const spec: RouteSpec = {
  known: KNOWN,
  async setup({ w, s }) {
    const v = await s.resident.post('/api/v1/volunteers/me', { skills: ['elderCare'], availability: ['weekendMorning'], phone: '13912345678' });
    if (v.statusCode !== 200) throw new Error(`volunteering spec setup: ${v.statusCode} ${v.body}`);
    ids.volunteer = v.json().id;
    const a = await s.communityWorker.post('/api/v1/activities', {
      orgId: w.communityA.id, kind: 'volunteer', title: '模糊活动', place: '社区广场', startsAt: new Date(Date.now() + hour).toISOString(),
      endsAt: new Date(Date.now() + 3 * hour).toISOString(), capacity: 5, pointRule: 'perHour', pointsPerHour: 10, dayCap: 50,
    });
    if (a.statusCode !== 201) throw new Error(`volunteering spec setup: ${a.statusCode} ${a.body}`);
    ids.activity = a.json().id;
    await s.communityWorker.post(`/api/v1/activities/${ids.activity}/publish`, {});
    const su = await s.resident.post(`/api/v1/activities/${ids.activity}/signup`, {});
    if (su.statusCode !== 200) throw new Error(`volunteering spec setup: ${su.statusCode} ${su.body}`);
    ids.signup = su.json().mine.id;
  },
  base: ({ w }) => ({
    'POST /api/v1/volunteers/me': { skills: ['elderCare'], availability: ['weekendMorning'] },
    'POST /api/v1/volunteers/:id/reveal': { reason: '模糊测试' },
    'POST /api/v1/activities': {
      orgId: w.communityA.id, kind: 'culture', title: '模糊', place: '模糊', startsAt: '2026-12-20T01:00:00Z', endsAt: '2026-12-20T03:00:00Z',
      capacity: 3, pointRule: 'perActivity', pointsFixed: 5, dayCap: 10,
    },
    'PATCH /api/v1/activities/:id': { title: '模糊' },
    'POST /api/v1/activities/:id/publish': {}, 'POST /api/v1/activities/:id/signup': {}, 'POST /api/v1/activities/:id/cancel-signup': {}, 'POST /api/v1/activities/:id/confirm': {},
    'POST /api/v1/activities/:id/cancel': { reason: '模糊' },
    'POST /api/v1/activities/:id/scan': { token: 'in-0-000000000000' },
    'POST /api/v1/signups/:id/attendance': { checkInAt: null, checkOutAt: null },
  }),
  who: (key) => (RESIDENT.has(key) ? 'resident' : KNOWN.includes(key) ? 'communityWorker' : undefined),
  id: (key) => (!KNOWN.includes(key) ? undefined : key.includes('/activities/:id') ? ids.activity : key.includes('/volunteers/:id') ? ids.volunteer : key.includes('/signups/:id') ? ids.signup : undefined),
  forbidden: () => [
    ['GET /api/v1/volunteers', 'resident'], ['GET /api/v1/volunteers/export.xlsx', 'resident'], ['GET /api/v1/activities/export.xlsx', 'resident'],
    ['POST /api/v1/volunteers/me', 'communityWorker'], ['POST /api/v1/activities/:id/publish', 'resident'],
  ],
};
