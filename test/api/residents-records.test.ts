import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { auditSince, createTestApp, lastAuditId, type Session, type TestApp } from '../helpers/app.js';
import { ownerClient } from '../helpers/db.js';
import { buildWorld, expectError, hasHan, loginAll, type Account, type World } from './fixtures.js';
import { API, createResident, freshId, household, idCard, type ResidentBody } from './residents-fixtures.js';
import { idCheckChar } from '../../src/modules/residents/rules.js';

const RES = `${API}/residents`;

describe('resident records', () => {
  let t: TestApp;
  let w: World;
  let s: Record<Account, Session>;
  let owner: pg.Client;

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

  const base = (extra: Record<string, unknown> = {}) => ({ name: '张三丰', idNumber: freshId(), orgId: w.gridA.id, ...extra });

  describe('create', () => {
    it('a grid worker records a resident: 201, masked view, derived gender/birth, encrypted at rest, history + audit without values', async () => {
      const id = idCard('1950-03-04', 'female', 7);
      const before = await lastAuditId(t);
      const r = await s.gridWorker.post(RES, {
        name: '李秀英', idNumber: id, phone: '138-1234-5678', orgId: w.gridA.id, ethnicity: '汉族', politicalStatus: 'partyMember',
        tags: ['livingAlone', 'emptyNester'], note: '行动不便',
      });
      expect(r.statusCode, r.body).toBe(201);
      const b = r.json() as ResidentBody;
      expect(b).toMatchObject({
        orgId: w.gridA.id, orgName: '富康第一网格', householdId: null, relation: null, nameMasked: '李*英', gender: 'female',
        birthYear: 1950, idType: 'idCard', idMasked: `620902********${id.slice(-4)}`, phoneMasked: '138****5678', ethnicity: '汉族',
        politicalStatus: 'partyMember', registrationType: 'registered', status: 'active', hasAccount: false,
      });
      expect(b.tags).toEqual(expect.arrayContaining(['livingAlone', 'emptyNester', 'age60']));
      expect(b.age).toBeGreaterThanOrEqual(70);
      expect(b.actions).toEqual(['update', 'move', 'deactivate', 'anonymize', 'reveal', 'open_account']);
      for (const secret of [id, '13812345678', '李秀英', '1950-03-04']) expect(r.body).not.toContain(secret);
      const row = (await owner.query('SELECT * FROM resident WHERE id = $1', [b.id])).rows[0];
      expect(row.id_enc).toMatch(/^v1:/);
      expect(row.phone_enc).toMatch(/^v1:/);
      expect(row.id_hash).toBe(t.deps.cipher.lookupHash(`idCard:${id}`));
      expect(row.tags).toEqual(['livingAlone', 'emptyNester']); // age tags are never stored
      expect(row.birth_date).toBe('1950-03-04');
      const changes = (await owner.query('SELECT kind, changes, actor_id FROM resident_change WHERE resident_id = $1', [b.id])).rows;
      expect(changes).toHaveLength(1);
      expect(changes[0]).toMatchObject({ kind: 'create', actor_id: w.users.gridWorker.id });
      const audit = await auditSince(t, before);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'resident.create', entity_type: 'resident', entity_id: String(b.id), org_path: w.gridA.path, outcome: 'success' });
      for (const secret of [id, '13812345678', '李秀英']) {
        expect(JSON.stringify(audit[0].detail)).not.toContain(secret);
        expect(JSON.stringify(changes[0].changes)).not.toContain(secret);
      }
    });

    it('in a household: the household\'s org, a membership, and the head recorded on the household', async () => {
      const h = await household(t, w.gridA);
      const b = await createResident(s.communityWorker, base({ householdId: h.id, relation: 'head' }));
      expect(b).toMatchObject({ orgId: w.gridA.id, householdId: h.id, householdPlace: h.place, relation: 'head' });
      const m = (await owner.query('SELECT household_id, relation, ended_at, org_path FROM household_membership WHERE resident_id = $1', [b.id])).rows;
      expect(m).toEqual([{ household_id: h.id, relation: 'head', ended_at: null, org_path: w.gridA.path }]);
      expect((await owner.query('SELECT head_resident_id FROM household WHERE id = $1', [h.id])).rows[0].head_resident_id).toBe(b.id);
      // orgId may be repeated only when it is the household's
      await createResident(s.communityWorker, base({ householdId: h.id, relation: 'spouse', orgId: w.gridA.id }));
      expectError(await s.communityWorker.post(RES, base({ householdId: h.id, relation: 'child', orgId: w.communityA.id })), 400, 'VALIDATION_FAILED', 'orgId');
    });

    it('other documents: shape-checked, gender required, birth date free; same number under another type is another person', async () => {
      const p = await createResident(s.gridWorker, { name: 'John Smith', idType: 'passport', idNumber: 'e1234567', gender: 'male', birthDate: '1990-01-02', orgId: w.gridA.id, registrationType: 'migrant', arrivalDate: '2024-05-01' });
      expect(p).toMatchObject({ idType: 'passport', idMasked: 'E1******', gender: 'male', birthYear: 1990, registrationType: 'migrant', arrivalDate: '2024-05-01', nameMasked: 'J********h' });
      expectError(await s.gridWorker.post(RES, { name: 'x', idType: 'passport', idNumber: 'E7654321', orgId: w.gridA.id }), 400, 'VALIDATION_FAILED', 'gender');
      expectError(await s.gridWorker.post(RES, { name: 'x', idType: 'passport', idNumber: 'E1', gender: 'male', orgId: w.gridA.id }), 400, 'VALIDATION_FAILED', 'idNumber');
      await createResident(s.gridWorker, { name: '护照二', idType: 'hkMacauPermit', idNumber: 'E1234567X', gender: 'female', orgId: w.gridA.id });
      const again = await s.gridWorker.post(RES, { name: 'John Smith', idType: 'taiwanPermit', idNumber: 'E1234567', gender: 'male', orgId: w.gridA.id });
      expect(again.statusCode, again.body).toBe(201);
    });

    it('400 naming each bad field, in Chinese and English', async () => {
      const good = idCard('1985-07-08', 'male', 3);
      const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
      const cases: [Record<string, unknown>, string][] = [
        [base({ idNumber: wrongCheck }), 'idNumber'],
        [base({ idNumber: '62090219850230001' + idCheckChar('62090219850230001') }), 'idNumber'], // 30 February
        [base({ idNumber: idCard('2999-01-01', 'male', 3) }), 'idNumber'], // born in the future
        [base({ idNumber: good, gender: 'female' }), 'gender'],
        [base({ idNumber: good, birthDate: '1985-07-09' }), 'birthDate'],
        [base({ phone: '12345' }), 'phone'],
        [base({ arrivalDate: '2020-01-01' }), 'arrivalDate'],
        [base({ registrationType: 'migrant', arrivalDate: '2999-01-01' }), 'arrivalDate'],
        [base({ tags: ['age60'] }), 'tags'],
        [base({ tags: ['nonsense'] }), 'tags'],
        [base({ tags: ['veteran', 'veteran'] }), 'tags'],
        [base({ orgId: undefined }), 'orgId'],
        [base({ orgId: w.streetA.id }), 'orgId'],
        [base({ orgId: w.gridB.id }), 'orgId'],
        [base({ orgId: 99999999 }), 'orgId'],
        [base({ relation: 'child' }), 'relation'],
        [base({ name: '   ' }), 'name'],
        [base({ ethnicity: 'x'.repeat(21) }), 'ethnicity'],
      ];
      for (const [body, field] of cases) {
        const e = expectError(await s.streetStaff.post(RES, body), 400, 'VALIDATION_FAILED', field);
        expect(hasHan(e.message), field).toBe(true);
        const en = expectError(await s.streetStaff.post(RES, body, { 'accept-language': 'en' }), 400, 'VALIDATION_FAILED', field);
        expect(hasHan(en.message), `${field}: ${en.message}`).toBe(false);
      }
      const h = await household(t, w.gridA);
      expectError(await s.streetStaff.post(RES, base({ householdId: h.id, orgId: undefined })), 400, 'VALIDATION_FAILED', 'relation');
      const hB = await household(t, w.gridB);
      expectError(await s.streetStaff.post(RES, base({ householdId: hB.id, relation: 'head', orgId: undefined })), 400, 'VALIDATION_FAILED', 'householdId');
      expect((await owner.query(`SELECT count(*)::int AS n FROM resident WHERE org_path LIKE $1`, [`${w.streetB.path}%`])).rows[0].n).toBe(0);
    });

    it('409 naming idNumber for a person already recorded (any spelling of the number), wherever they are', async () => {
      const id = idCard('1979-12-30', 'male', 11).slice(0, 17);
      const x = idCheckChar(id) === 'X' ? id + 'X' : null;
      const number = x ?? id + idCheckChar(id);
      await createResident(s.gridWorker, base({ idNumber: number }));
      const e = expectError(await s.communityWorker.post(RES, base({ idNumber: ` ${number.toLowerCase()} ` })), 409, 'RESIDENT_DUPLICATE', 'idNumber');
      expect(hasHan(e.message)).toBe(true);
      const fullWidth = [...number].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
      expectError(await s.streetStaffB.post(RES, base({ idNumber: fullWidth, orgId: w.gridB.id })), 409, 'RESIDENT_DUPLICATE', 'idNumber');
    });

    it('accepts an ID card whose check character is X', async () => {
      let n = 0;
      let number = '';
      while (!number) {
        const first17 = `620902198801${String(10 + (n % 18)).padStart(2, '0')}${String(100 + n).slice(-3)}`;
        if (idCheckChar(first17) === 'X') number = first17 + 'X';
        n++;
      }
      const b = await createResident(s.gridWorker, base({ idNumber: number.slice(0, 17) + 'x' }));
      expect(b.idMasked).toMatch(/X$/);
    });

    it('401 without a session; 403 for roles without resident.write', async () => {
      expectError(await t.app.inject({ method: 'POST', url: RES, payload: base() }), 401, 'UNAUTHENTICATED');
      for (const a of ['sysAdmin', 'securityAdmin', 'auditAdmin', 'departmentStaff', 'resident'] as Account[])
        expectError(await s[a].post(RES, base()), 403, 'FORBIDDEN');
    });
  });

  describe('read', () => {
    it('detail in scope; 404 outside scope or missing; 403 without resident.read', async () => {
      const b = await createResident(s.gridWorker, base());
      const r = await s.streetStaff.get(`${RES}/${b.id}`);
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ id: b.id, nameMasked: '张*丰' });
      expectError(await s.streetStaffB.get(`${RES}/${b.id}`), 404, 'NOT_FOUND');
      expectError(await s.gridWorker.get(`${RES}/99999999`), 404, 'NOT_FOUND');
      const en = expectError(await s.streetStaffB.get(`${RES}/${b.id}`, { 'accept-language': 'en' }), 404, 'NOT_FOUND');
      expect(en.message).toBe('resident not found or not accessible');
      for (const a of ['sysAdmin', 'departmentStaff', 'resident'] as Account[]) expectError(await s[a].get(`${RES}/${b.id}`), 403, 'FORBIDDEN');
      expectError(await t.app.inject({ method: 'GET', url: `${RES}/${b.id}` }), 401, 'UNAUTHENTICATED');
    });

    it('meta: label tables for every signed-in user', async () => {
      const r = await s.resident.get(`${RES}/meta`);
      expect(r.statusCode).toBe(200);
      const m = r.json();
      expect(m.idTypes[0]).toEqual({ value: 'idCard', zh: '居民身份证', en: 'ID card' });
      expect(m.tags.find((x: { value: string }) => x.value === 'age80')).toEqual({ value: 'age80', zh: '80岁以上', en: '80+', derived: true });
      expect(m.tags.find((x: { value: string }) => x.value === 'veteran').derived).toBe(false);
      for (const k of ['genders', 'relations', 'politicalStatuses', 'registrationTypes', 'tenures', 'statuses', 'correctionFields']) expect(m[k].length, k).toBeGreaterThan(1);
      expectError(await t.app.inject({ method: 'GET', url: `${RES}/meta` }), 401, 'UNAUTHENTICATED');
    });
  });

  describe('update', () => {
    it('changes fields, records their names (not values) in history and audit; a no-op writes nothing', async () => {
      const b = await createResident(s.gridWorker, base({ phone: '13900000001' }));
      const before = await lastAuditId(t);
      const r = await s.gridWorker.patch(`${RES}/${b.id}`, { phone: '13900000002', tags: ['veteran'], politicalStatus: 'masses', note: '  ' });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ phoneMasked: '139****0002', tags: ['veteran'], politicalStatus: 'masses', note: null });
      const audit = await auditSince(t, before);
      expect(audit.map((a) => a.action)).toEqual(['resident.update']);
      expect((audit[0].detail as { fields: string[] }).fields.sort()).toEqual(['phone', 'politicalStatus', 'tags']);
      expect(JSON.stringify(audit[0].detail)).not.toContain('13900000002');
      const last = (await owner.query(`SELECT changes FROM resident_change WHERE resident_id = $1 ORDER BY id DESC LIMIT 1`, [b.id])).rows[0];
      expect(last.changes.fields.sort()).toEqual(['phone', 'politicalStatus', 'tags']);
      const again = await lastAuditId(t);
      expect((await s.gridWorker.patch(`${RES}/${b.id}`, { phone: '139 0000 0002' })).statusCode).toBe(200);
      expect(await auditSince(t, again)).toHaveLength(0);
    });

    it('ID, gender and birth date are checked together against the stored number', async () => {
      const b = await createResident(s.gridWorker, base({ idNumber: idCard('1970-01-01', 'male', 21) }));
      expectError(await s.gridWorker.patch(`${RES}/${b.id}`, { gender: 'female' }), 400, 'VALIDATION_FAILED', 'gender');
      expectError(await s.gridWorker.patch(`${RES}/${b.id}`, { birthDate: '1971-01-01' }), 400, 'VALIDATION_FAILED', 'birthDate');
      expectError(await s.gridWorker.patch(`${RES}/${b.id}`, { idType: 'passport' }), 400, 'VALIDATION_FAILED', 'idNumber');
      expectError(await s.gridWorker.patch(`${RES}/${b.id}`, { arrivalDate: '2020-01-01' }), 400, 'VALIDATION_FAILED', 'arrivalDate');
      expectError(await s.gridWorker.patch(`${RES}/${b.id}`, { relation: 'child' }), 400, 'VALIDATION_FAILED', 'relation');
      const next = idCard('1960-06-15', 'female', 22);
      const r = await s.gridWorker.patch(`${RES}/${b.id}`, { idNumber: next });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ gender: 'female', birthYear: 1960 });
      const other = await createResident(s.gridWorker, base());
      expectError(await s.gridWorker.patch(`${RES}/${other.id}`, { idNumber: next }), 409, 'RESIDENT_DUPLICATE', 'idNumber');
      const m = await s.gridWorker.patch(`${RES}/${b.id}`, { registrationType: 'migrant', arrivalDate: '2023-03-03' });
      expect(m.json()).toMatchObject({ registrationType: 'migrant', arrivalDate: '2023-03-03' });
      const back = await s.gridWorker.patch(`${RES}/${b.id}`, { registrationType: 'registered' });
      expect(back.json()).toMatchObject({ registrationType: 'registered', arrivalDate: null });
    });

    it('404 outside scope, 403 without the permission, 400 for an empty body', async () => {
      const b = await createResident(s.gridWorker, base());
      expectError(await s.streetStaffB.patch(`${RES}/${b.id}`, { note: 'x' }), 404, 'NOT_FOUND');
      expectError(await s.sysAdmin.patch(`${RES}/${b.id}`, { note: 'x' }), 403, 'FORBIDDEN');
      expectError(await s.gridWorker.patch(`${RES}/${b.id}`, {}), 400, 'VALIDATION_FAILED');
    });
  });
});
