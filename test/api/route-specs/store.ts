import { givePoints, userRef } from '../store-fixtures.js';
import type { RouteSpec } from './types.js';

/** Routes of src/modules/store (see types.ts). */
const P = '/api/v1/store';
const KNOWN = [
  `GET ${P}/donors`, `GET ${P}/donors/export.xlsx`, `POST ${P}/donors`, `GET ${P}/donors/:id`, `PATCH ${P}/donors/:id`, `POST ${P}/donors/:id/reveal`,
  `GET ${P}/donors/:id/acknowledgement`, `GET ${P}/donors/:id/acknowledgement.xlsx`,
  `GET ${P}/donations`, `GET ${P}/donations/export.xlsx`, `POST ${P}/donations`,
  `GET ${P}/items`, `GET ${P}/items/export.xlsx`, `POST ${P}/items`, `GET ${P}/items/:id`, `PATCH ${P}/items/:id`, `POST ${P}/items/:id/stock`,
  `POST ${P}/redemptions`, `GET ${P}/redemptions`, `GET ${P}/redemptions/export.xlsx`, `GET ${P}/redemptions/:id`,
  `POST ${P}/redemptions/:id/cancel`, `POST ${P}/redemptions/:id/complete`, `GET ${P}/counter`, `POST ${P}/redemptions/sweep`,
];

const ids = { donor: 0, item: 0, redemption: 0 };

export const spec: RouteSpec = {
  known: KNOWN,
  async setup({ t, w, s }) {
    const d = await s.communityWorker.post(`${P}/donors`, { orgId: w.communityA.id, name: '模糊捐赠方', kind: 'enterprise', contactPhone: '13800001111' });
    if (d.statusCode !== 201) throw new Error(`store spec setup: ${d.statusCode} ${d.body}`);
    ids.donor = d.json().id;
    const n = await s.communityWorker.post(`${P}/donations`, {
      donorId: ids.donor, newItem: { orgId: w.communityA.id, kind: 'goods', pricePoints: 10 }, name: '模糊大米', quantity: 5, unitValue: 20, receivedOn: '2026-12-01',
    });
    if (n.statusCode !== 201) throw new Error(`store spec setup: ${n.statusCode} ${n.body}`);
    ids.item = n.json().itemId;
    await givePoints(t, w.district, w.communityA, await userRef(t, w.users.resident.id), 100, 'store-spec');
    const r = await s.resident.post(`${P}/redemptions`, { clientKey: 'fuzz-redeem-1', itemId: ids.item });
    if (r.statusCode !== 201) throw new Error(`store spec setup: ${r.statusCode} ${r.body}`);
    ids.redemption = r.json().id;
  },
  base: ({ w }) => ({
    [`POST ${P}/donors`]: { orgId: w.communityA.id, name: '模糊', kind: 'individual' },
    [`PATCH ${P}/donors/:id`]: { note: '模糊' },
    [`POST ${P}/donors/:id/reveal`]: { field: 'contactPhone', reason: '模糊测试' },
    [`POST ${P}/donations`]: { donorId: ids.donor, itemId: ids.item, name: '模糊大米', quantity: 1, unitValue: 1, receivedOn: '2026-12-01' },
    [`POST ${P}/items`]: { orgId: w.communityA.id, kind: 'service', name: '模糊理发', pricePoints: 5 },
    [`PATCH ${P}/items/:id`]: { description: '模糊' },
    [`POST ${P}/items/:id/stock`]: { delta: -1, reason: '模糊报损' },
    [`POST ${P}/redemptions`]: { clientKey: 'fuzz-redeem-2', itemId: ids.item },
    [`POST ${P}/redemptions/:id/cancel`]: { reason: '模糊' },
    [`POST ${P}/redemptions/:id/complete`]: { pickupCode: '00000000' },
    [`POST ${P}/redemptions/sweep`]: {},
  }),
  who: (key) => {
    if (key === `POST ${P}/redemptions`) return 'resident';
    if (key.includes('/reveal')) return 'streetStaff';
    return KNOWN.includes(key) ? 'communityWorker' : undefined;
  },
  id: (key) => (key.includes('/donors/:id') ? ids.donor : key.includes('/items/:id') ? ids.item : key.includes('/redemptions/:id') ? ids.redemption : undefined),
  forbidden: () => [
    [`GET ${P}/donors`, 'resident'], [`POST ${P}/donors`, 'resident'], [`POST ${P}/donors`, 'gridWorker'], [`GET ${P}/donors/export.xlsx`, 'resident'],
    [`POST ${P}/donors/:id/reveal`, 'communityWorker'], [`GET ${P}/donations`, 'resident'], [`POST ${P}/donations`, 'gridWorker'],
    [`POST ${P}/items`, 'resident'], [`GET ${P}/items/export.xlsx`, 'resident'], [`POST ${P}/redemptions`, 'gridWorker'],
    [`GET ${P}/redemptions/export.xlsx`, 'resident'], [`POST ${P}/redemptions/sweep`, 'resident'],
    [`POST ${P}/redemptions/:id/complete`, 'resident'],
  ],
};
