import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { auditSince, createTestApp, lastAuditId, type Session, type TestApp } from '../helpers/app.js';
import { ownerClient } from '../helpers/db.js';
import { buildWorld, expectError, loginAll, type Account, type World } from './fixtures.js';
import { API, createResident, household, idCard, type ResidentBody } from './residents-fixtures.js';
import { residentsFollowHousehold } from '../../src/modules/residents/follow.js';

const RES = `${API}/residents`;

interface HistoryBody {
  changes: { id: number; at: string; kind: string; actorName: string | null; fields: string[]; reason: string | null }[];
  memberships: { id: number; householdId: number; place: string | null; relation: string | null; startedAt: string; endedAt: string | null }[];
}

describe('resident history, moves and status', () => {
  let t: TestApp;
  let w: World;
  let s: Record<Account, Session>;
  let owner: pg.Client;
  let seq = 50;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    s = await loginAll(t, w);
    owner = await ownerClient(t.dbUrl);
  });
  afterAll(async () => {
    await owner?.end();
    await t?.close();
  });

  const person = (extra: Record<string, unknown> = {}) => ({ name: '周建国', idNumber: idCard('1962-08-09', 'male', seq++), phone: '13600001234', note: '腿脚不便', ...extra });
  const history = async (who: Session, id: number) => {
    const r = await who.get(`${RES}/${id}/history`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as HistoryBody;
  };

  describe('move', () => {
    it('ends the current membership and starts a new one; history shows both with places; the head follows', async () => {
      const h1 = await household(t, w.gridA, '富康小区 1号楼');
      const h2 = await household(t, w.communityA, '富康路 8号');
      const r = await createResident(s.gridWorker, person({ householdId: h1.id, relation: 'head' }));
      const before = await lastAuditId(t);
      const m = await s.communityWorker.post(`${RES}/${r.id}/move`, { householdId: h2.id, relation: 'tenant' });
      expect(m.statusCode, m.body).toBe(200);
      expect(m.json()).toMatchObject({ householdId: h2.id, relation: 'tenant', orgId: w.communityA.id, householdPlace: '富康路 8号' });
      const audit = await auditSince(t, before);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'resident.move', org_path: w.communityA.path, detail: { fromHouseholdId: h1.id, toHouseholdId: h2.id, fromOrgId: w.gridA.id, toOrgId: w.communityA.id } });
      const heads = (await owner.query('SELECT id, head_resident_id FROM household WHERE id IN ($1, $2) ORDER BY id', [h1.id, h2.id])).rows;
      expect(heads.map((x) => x.head_resident_id)).toEqual([null, null]);
      const hist = await history(s.communityWorker, r.id);
      expect(hist.memberships.map((x) => [x.householdId, x.place, x.relation, x.endedAt === null])).toEqual([
        [h2.id, '富康路 8号', 'tenant', true], [h1.id, '富康小区 1号楼', 'head', false],
      ]);
      expect(hist.changes.map((c) => c.kind)).toEqual(['move', 'create']);
      expect(hist.changes[0].fields.sort()).toEqual(['householdId', 'orgId', 'relation']);
      expect(hist.changes[0].actorName).toBe(w.users.communityWorker.username);
      // The grid worker no longer sees the resident (now filed under the community).
      expectError(await s.gridWorker.get(`${RES}/${r.id}`), 404, 'NOT_FOUND');
      // Out of any household, into the grid named directly.
      const out = await s.communityWorker.post(`${RES}/${r.id}/move`, { householdId: null, orgId: w.gridA.id });
      expect(out.json()).toMatchObject({ householdId: null, relation: null, orgId: w.gridA.id });
      const open = (await owner.query('SELECT count(*)::int AS n FROM household_membership WHERE resident_id = $1 AND ended_at IS NULL', [r.id])).rows[0].n;
      expect(open).toBe(0);
      // Back in as the head: the household records it.
      await s.gridWorker.post(`${RES}/${r.id}/move`, { householdId: h1.id, relation: 'head' });
      expect((await owner.query('SELECT head_resident_id FROM household WHERE id = $1', [h1.id])).rows[0].head_resident_id).toBe(r.id);
    });

    it('400 naming the field: relation, a household or org outside scope, a street as org; 404/403 as usual', async () => {
      const r = await createResident(s.gridWorker, person({ orgId: w.gridA.id }));
      const hB = await household(t, w.gridB);
      const hA = await household(t, w.gridA);
      expectError(await s.gridWorker.post(`${RES}/${r.id}/move`, { householdId: hA.id }), 400, 'VALIDATION_FAILED', 'relation');
      expectError(await s.gridWorker.post(`${RES}/${r.id}/move`, { householdId: null, relation: 'head' }), 400, 'VALIDATION_FAILED', 'relation');
      expectError(await s.streetStaff.post(`${RES}/${r.id}/move`, { householdId: hB.id, relation: 'head' }), 400, 'VALIDATION_FAILED', 'householdId');
      expectError(await s.streetStaff.post(`${RES}/${r.id}/move`, { householdId: null, orgId: w.gridB.id }), 400, 'VALIDATION_FAILED', 'orgId');
      expectError(await s.streetStaff.post(`${RES}/${r.id}/move`, { householdId: null, orgId: w.streetA.id }), 400, 'VALIDATION_FAILED', 'orgId');
      expectError(await s.gridWorker.post(`${RES}/${r.id}/move`, { householdId: hA.id, relation: 'head', orgId: w.communityA.id }), 400, 'VALIDATION_FAILED', 'orgId');
      expectError(await s.streetStaffB.post(`${RES}/${r.id}/move`, { householdId: hB.id, relation: 'head' }), 404, 'NOT_FOUND');
      expectError(await s.sysAdmin.post(`${RES}/${r.id}/move`, { householdId: null }), 403, 'FORBIDDEN');
      expectError(await s.gridWorker.post(`${RES}/${r.id}/move`, {}), 400, 'VALIDATION_FAILED', 'householdId');
      expect((await history(s.gridWorker, r.id)).changes.map((c) => c.kind)).toEqual(['create']);
    });
  });

  describe('deactivate, reactivate', () => {
    it('need a reason, keep everything, refuse repeats with 409, and appear in history', async () => {
      const r = await createResident(s.gridWorker, person({ orgId: w.gridA.id }));
      expectError(await s.gridWorker.post(`${RES}/${r.id}/deactivate`, {}), 400, 'VALIDATION_FAILED', 'reason');
      expectError(await s.gridWorker.post(`${RES}/${r.id}/reactivate`, { reason: '回来了' }), 409, 'RESIDENT_STATUS');
      const before = await lastAuditId(t);
      const d = await s.gridWorker.post(`${RES}/${r.id}/deactivate`, { reason: '已迁往外省' });
      expect(d.statusCode, d.body).toBe(200);
      expect(d.json()).toMatchObject({ status: 'inactive', statusReason: '已迁往外省', phoneMasked: '136****1234', note: '腿脚不便' });
      expect(d.json().actions).toContain('reactivate');
      expectError(await s.gridWorker.post(`${RES}/${r.id}/deactivate`, { reason: '再次' }), 409, 'RESIDENT_STATUS');
      const a = await s.gridWorker.post(`${RES}/${r.id}/reactivate`, { reason: '已迁回' });
      expect(a.json()).toMatchObject({ status: 'active', statusReason: '已迁回' });
      expect((await auditSince(t, before)).map((x) => [x.action, (x.detail as { reason: string }).reason])).toEqual([
        ['resident.deactivate', '已迁往外省'], ['resident.reactivate', '已迁回'],
      ]);
      const hist = await history(s.gridWorker, r.id);
      expect(hist.changes.map((c) => [c.kind, c.reason])).toEqual([['reactivate', '已迁回'], ['deactivate', '已迁往外省'], ['create', null]]);
      expectError(await s.streetStaffB.post(`${RES}/${r.id}/deactivate`, { reason: '越权' }), 404, 'NOT_FOUND');
      expectError(await s.departmentStaff.post(`${RES}/${r.id}/deactivate`, { reason: '越权' }), 403, 'FORBIDDEN');
    });
  });

  describe('anonymize', () => {
    it('blanks the person irreversibly, keeps gender, birth year, tags and history; the ID may be recorded again', async () => {
      const h = await household(t, w.gridA);
      const body = person({ householdId: h.id, relation: 'head', tags: ['disabled'] });
      const r = await createResident(s.gridWorker, body);
      await s.gridWorker.patch(`${RES}/${r.id}`, { ethnicity: '回族' });
      const before = await lastAuditId(t);
      const x = await s.gridWorker.post(`${RES}/${r.id}/anonymize`, { reason: '本人申请删除' });
      expect(x.statusCode, x.body).toBe(200);
      const b = x.json() as ResidentBody;
      expect(b).toMatchObject({
        nameMasked: '已匿名', idMasked: null, phoneMasked: null, note: null, householdId: null, relation: null, status: 'anonymized',
        statusReason: '本人申请删除', gender: 'male', birthYear: 1962, ethnicity: '回族', actions: [],
      });
      expect(b.tags).toContain('disabled');
      const row = (await owner.query('SELECT * FROM resident WHERE id = $1', [r.id])).rows[0];
      expect(row).toMatchObject({ name: '已匿名', id_enc: null, id_hash: null, id_masked: null, phone_enc: null, phone_hash: null, phone_masked: null, note: null, birth_date: '1962-01-01', household_id: null });
      expect((await owner.query('SELECT head_resident_id FROM household WHERE id = $1', [h.id])).rows[0].head_resident_id).toBeNull();
      expect((await auditSince(t, before)).map((a) => a.action)).toEqual(['resident.anonymize']);
      const hist = await history(s.gridWorker, r.id);
      expect(hist.changes.map((c) => c.kind)).toEqual(['anonymize', 'update', 'create']);
      expect(hist.memberships).toHaveLength(1);
      expect(hist.memberships[0].endedAt).not.toBeNull();
      const stored = JSON.stringify((await owner.query('SELECT changes FROM resident_change WHERE resident_id = $1', [r.id])).rows);
      for (const secret of ['周建国', body.idNumber as string, '13600001234', '腿脚不便']) expect(stored).not.toContain(secret);
      // Final: every write is refused; reading still works; the hidden values are gone.
      expectError(await s.gridWorker.patch(`${RES}/${r.id}`, { note: 'x' }), 409, 'RESIDENT_ANONYMIZED');
      expectError(await s.gridWorker.post(`${RES}/${r.id}/anonymize`, { reason: '再次' }), 409, 'RESIDENT_ANONYMIZED');
      expectError(await s.gridWorker.post(`${RES}/${r.id}/reactivate`, { reason: '恢复' }), 409, 'RESIDENT_ANONYMIZED');
      expectError(await s.gridWorker.post(`${RES}/${r.id}/move`, { householdId: null }), 409, 'RESIDENT_ANONYMIZED');
      expectError(await s.gridWorker.post(`${RES}/${r.id}/reveal`, { field: 'idNumber', reason: '核实' }), 400, 'VALIDATION_FAILED', 'field');
      const listed = await s.gridWorker.get(`${RES}?status=anonymized`);
      expect(listed.json().items.map((i: ResidentBody) => i.id)).toContain(r.id);
      const again = await createResident(s.gridWorker, { ...body, householdId: undefined, relation: undefined, orgId: w.gridA.id });
      expect(again.id).not.toBe(r.id);
    });

    it('needs resident.write and scope', async () => {
      const r = await createResident(s.gridWorker, person({ orgId: w.gridA.id }));
      expectError(await s.streetStaffB.post(`${RES}/${r.id}/anonymize`, { reason: '越权' }), 404, 'NOT_FOUND');
      expectError(await s.resident.post(`${RES}/${r.id}/anonymize`, { reason: '越权' }), 403, 'FORBIDDEN');
      expectError(await s.gridWorker.post(`${RES}/${r.id}/anonymize`, { reason: ' ' }), 400, 'VALIDATION_FAILED', 'reason');
    });
  });

  describe('a household moving to another org (for the places module)', () => {
    it('takes its residents, current memberships, requests and linked logins along', async () => {
      const h = await household(t, w.gridA);
      const r = await createResident(s.gridWorker, person({ householdId: h.id, relation: 'head' }));
      const acc = await s.gridWorker.post(`${RES}/${r.id}/account`, { username: 'follow_me', password: 'Follow-me-2026!' });
      expect(acc.statusCode, acc.body).toBe(201);
      const userId = acc.json().userId;
      await owner.query(`INSERT INTO correction_request (resident_id, org_id, org_path, requested_by, field, message) VALUES ($1, $2, $3, $4, 'phone', '换号')`, [r.id, w.gridA.id, w.gridA.path, userId]);
      const after = await t.deps.db.transaction().execute(async (trx) => {
        await trx.updateTable('household').set({ org_id: w.communityA.id, org_path: w.communityA.path }).where('id', '=', h.id).execute();
        return residentsFollowHousehold(trx, t.deps, h.id, w.communityA);
      });
      after();
      const q = async (text: string) => (await owner.query(text, [r.id])).rows;
      expect(await q('SELECT org_id FROM resident WHERE id = $1')).toEqual([{ org_id: w.communityA.id }]);
      expect(await q('SELECT org_path FROM household_membership WHERE resident_id = $1 AND ended_at IS NULL')).toEqual([{ org_path: w.communityA.path }]);
      expect(await q('SELECT org_id FROM correction_request WHERE resident_id = $1')).toEqual([{ org_id: w.communityA.id }]);
      expect((await owner.query('SELECT org_id, org_path FROM app_user WHERE id = $1', [userId])).rows).toEqual([{ org_id: w.communityA.id, org_path: w.communityA.path }]);
      expectError(await s.gridWorker.get(`${RES}/${r.id}`), 404, 'NOT_FOUND');
      expect((await s.communityWorker.get(`${RES}/${r.id}`)).json()).toMatchObject({ orgId: w.communityA.id, householdId: h.id });
    });
  });

  describe('history', () => {
    it('404 outside scope, 403 without resident.read, 401 without a session', async () => {
      const r = await createResident(s.gridWorker, person({ orgId: w.gridA.id }));
      expectError(await s.streetStaffB.get(`${RES}/${r.id}/history`), 404, 'NOT_FOUND');
      expectError(await s.sysAdmin.get(`${RES}/${r.id}/history`), 403, 'FORBIDDEN');
      expectError(await t.app.inject({ method: 'GET', url: `${RES}/${r.id}/history` }), 401, 'UNAUTHENTICATED');
    });
  });
});
