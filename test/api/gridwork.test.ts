import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSince, createTestApp, lastAuditId, type Session, type TestApp } from '../helpers/app.js';
import { buildWorld, expectError, hasHan, loginAll, type Account, type World } from './fixtures.js';
import { JPEG } from './route-specs/gridwork.js';

/** Grid posts (1+4+X, A/B), the residents' card view (亮牌) and photo attachments. */
const POSTS = '/api/v1/grid-posts';
const ATT = '/api/v1/attachments';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(40, 2)]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([40, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(32, 3)]);
const CARD_KEYS = ['backupName', 'cardDuties', 'cardPhone', 'gridId', 'gridName', 'name', 'photoUrl', 'post', 'postLabel'];

describe('grid work: posts, cards, attachments', () => {
  let t: TestApp;
  let w: World;
  let s: Record<Account, Session>;
  let gridA2: { id: number; path: string; code: string };
  let a2Worker: { id: number; username: string };
  let residentA: { id: number; username: string };
  let gridWorkerPost: number;
  let cardPhoto: number;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    s = await loginAll(t, w);
    gridA2 = await t.org(w.communityA.id, 'grid', '620902001001002', '富康第二网格');
    a2Worker = await t.user('gridWorker', gridA2.code, 'a2_worker');
    residentA = await t.user('resident', w.gridA.code, 'resident_grid_a');
  });
  afterAll(async () => { await t?.close(); });

  const upload = (who: Session, data: Buffer | string, type: string, headers: Record<string, string> = {}) =>
    who.post(ATT, data, { 'content-type': type, ...headers });
  const audited = async (before: number, action: string) => {
    const rows = (await auditSince(t, before)).filter((r) => r.action === action);
    expect(rows, action).toHaveLength(1);
    return rows[0];
  };
  const postCount = async () => Number((await t.handle.db.selectFrom('grid_post').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  describe('attachments', () => {
    it('stores JPEG, PNG and WebP under the uploader’s org, audited, and streams them back', async () => {
      for (const [data, type] of [[JPEG, 'image/jpeg'], [PNG, 'image/png'], [WEBP, 'image/webp']] as const) {
        const before = await lastAuditId(t);
        const r = await upload(s.gridWorker, data, type);
        expect(r.statusCode, r.body).toBe(201);
        const a = r.json();
        expect(a).toMatchObject({ contentType: type, size: data.length, url: `/api/v1/attachments/${a.id}` });
        const row = await audited(before, 'attachment.create');
        expect(row).toMatchObject({ entity_type: 'attachment', entity_id: String(a.id), org_path: w.gridA.path, actor_id: w.users.gridWorker.id });
        const g = await s.streetStaff.get(a.url);
        expect(g.statusCode).toBe(200);
        expect(g.headers['content-type']).toBe(type);
        expect(g.rawPayload.equals(data)).toBe(true);
      }
    });

    it('checks the bytes, not only the header', async () => {
      const before = await lastAuditId(t);
      expectError(await upload(s.gridWorker, PNG, 'image/jpeg'), 400, 'VALIDATION_FAILED', 'body');
      const en = expectError(await upload(s.gridWorker, Buffer.from('<svg onload="alert(1)"/>'), 'image/png', { 'accept-language': 'en' }), 400, 'VALIDATION_FAILED', 'body');
      expect(en.fields!.body).toBe('is not a image/png image');
      expect(hasHan(expectError(await upload(s.gridWorker, JPEG, 'image/webp'), 400, 'VALIDATION_FAILED', 'body').message)).toBe(true);
      expectError(await upload(s.gridWorker, Buffer.alloc(0), 'image/png'), 400, 'VALIDATION_FAILED', 'body');
      expectError(await upload(s.gridWorker, JPEG, 'image/gif'), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expectError(await s.gridWorker.post(ATT, { image: 'data' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expectError(await upload(s.gridWorker, 'hello', 'text/plain'), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect((await auditSince(t, before)).filter((r) => r.action === 'attachment.create')).toEqual([]);
    });

    it('refuses more than 2 MB with 413 naming the limit; exactly 2 MB is fine', async () => {
      const big = Buffer.concat([JPEG, Buffer.alloc(2 * 1024 * 1024 - JPEG.length + 1)]);
      const e = expectError(await upload(s.gridWorker, big, 'image/jpeg', { 'accept-language': 'en' }), 413, 'PAYLOAD_TOO_LARGE');
      expect(e.message).toContain(String(2 * 1024 * 1024));
      const r = await upload(s.gridWorker, big.subarray(0, 2 * 1024 * 1024), 'image/jpeg');
      expect(r.statusCode, r.body).toBe(201);
    });

    it('401 without a session, 403 for roles without grid work, 404 outside scope or missing', async () => {
      const r = await upload(s.gridWorker, JPEG, 'image/jpeg');
      const id = r.json().id;
      expectError(await t.app.inject({ method: 'GET', url: `${ATT}/${id}` }), 401, 'UNAUTHENTICATED');
      expectError(await t.app.inject({ method: 'POST', url: ATT, payload: JPEG, headers: { 'content-type': 'image/jpeg' } }), 401, 'UNAUTHENTICATED');
      // Residents upload photos for the requests they report (their own uploads only; see requests tests).
      expect((await upload(s.resident, JPEG, 'image/jpeg')).statusCode).toBe(201);
      expectError(await upload(s.departmentStaff, JPEG, 'image/jpeg'), 403, 'FORBIDDEN');
      expectError(await s.departmentStaff.get(`${ATT}/${id}`), 403, 'FORBIDDEN');
      expectError(await s.streetStaffB.get(`${ATT}/${id}`), 404, 'NOT_FOUND');
      expectError(await s.streetStaff.get(`${ATT}/999999`), 404, 'NOT_FOUND');
      // A resident sees card photos only, not other uploads of their grid.
      expectError(await t.login(residentA.username).then((x) => x.get(`${ATT}/${id}`)), 404, 'NOT_FOUND');
    });
  });

  describe('posts (1+4+X with A/B backup)', () => {
    it('street staff appoint the grid worker with accounts as A and B and a card; audited', async () => {
      cardPhoto = (await upload(s.streetStaff, JPEG, 'image/jpeg')).json().id;
      const before = await lastAuditId(t);
      const r = await s.streetStaff.post(POSTS, {
        orgId: w.gridA.id, post: 'gridWorker', primaryUserId: w.users.gridWorker.id, backupUserId: w.users.communityWorker.id,
        cardPhone: '138 0937 1234', cardDuties: '人口信息采集、矛盾调解', cardPhotoId: cardPhoto,
      });
      expect(r.statusCode, r.body).toBe(201);
      const p = r.json();
      gridWorkerPost = p.id;
      expect(p).toMatchObject({
        orgId: w.gridA.id, post: 'gridWorker', primaryUserId: w.users.gridWorker.id, primaryName: w.users.gridWorker.username,
        backupUserId: w.users.communityWorker.id, backupName: w.users.communityWorker.username,
        cardPhone: '13809371234', cardPhotoUrl: `/api/v1/attachments/${cardPhoto}`, actions: ['update', 'update_card', 'delete'],
      });
      const row = await audited(before, 'gridPost.create');
      expect(row).toMatchObject({ entity_type: 'gridPost', entity_id: String(p.id), org_path: w.gridA.path, actor_id: w.users.streetStaff.id });
      expect(row.detail).toMatchObject({ post: 'gridWorker', gridId: w.gridA.id, hasBackup: true });
    });

    it('one grid worker, at most four assistants, any number of helpers (409 naming post)', async () => {
      const e = expectError(await s.communityWorker.post(POSTS, { orgId: w.gridA.id, post: 'gridWorker', primaryName: '第二人' }), 409, 'GRID_POST_FULL', 'post');
      expect(e.message).toContain('只能有 1 名网格员');
      for (let i = 1; i <= 4; i++) {
        const r = await s.communityWorker.post(POSTS, { orgId: w.gridA.id, post: 'gridAssistant', primaryName: `协管员${i}`, ...(i <= 2 ? { backupName: `后备${i}` } : {}) });
        expect(r.statusCode, r.body).toBe(201);
      }
      const en = expectError(await s.communityWorker.post(POSTS, { orgId: w.gridA.id, post: 'gridAssistant', primaryName: '第五人' }, { 'accept-language': 'en' }), 409, 'GRID_POST_FULL', 'post');
      expect(en.message).toBe('a grid has at most 4 grid assistants');
      for (let i = 1; i <= 6; i++) expect((await s.streetStaff.post(POSTS, { orgId: w.gridA.id, post: 'gridHelper', primaryName: `公益员${i}` })).statusCode).toBe(201);
    });

    it('lists grids with their posts and the staffing summary', async () => {
      const r = await s.streetStaff.get(`${POSTS}?orgId=${w.gridA.id}`);
      expect(r.statusCode, r.body).toBe(200);
      const b = r.json();
      expect(b).toMatchObject({ total: 1, page: 1 });
      const g = b.items[0];
      expect(g).toMatchObject({
        gridId: w.gridA.id, gridName: '富康第一网格', actions: ['create_post'],
        staffing: { gridWorker: { count: 1, max: 1 }, gridAssistant: { count: 4, max: 4 }, gridHelper: { count: 6, max: null }, missingBackups: 8, complete: false },
      });
      expect(g.posts.map((p: { post: string }) => p.post)).toEqual(['gridWorker', ...Array(4).fill('gridAssistant'), ...Array(6).fill('gridHelper')]);
      // The community's page holds both of its grids; the second is still empty.
      const c = (await s.communityWorker.get(`${POSTS}?orgId=${w.communityA.id}&pageSize=1&page=2`)).json();
      expect(c).toMatchObject({ total: 2, items: [{ gridId: gridA2.id, posts: [], staffing: { gridWorker: { count: 0 }, complete: false } }] });
      // The grid worker sees their grid but may not staff it.
      const own = (await s.gridWorker.get(POSTS)).json();
      expect(own.items).toHaveLength(1);
      expect(own.items[0].actions).toEqual([]);
      expect(own.items[0].posts[0].actions).toEqual(['update_card']);
    });

    it('validates holders, card and grid, every problem at once, without a partial write', async () => {
      const n = await postCount();
      const bad = async (body: Record<string, unknown>, field: string, who = s.streetStaff) =>
        expectError(await who.post(POSTS, { orgId: w.gridA.id, post: 'gridHelper', ...body }), 400, 'VALIDATION_FAILED', field);
      await bad({}, 'primaryName');
      await bad({ primaryUserId: w.users.streetStaffB.id }, 'primaryUserId'); // another street
      const e = await bad({ primaryUserId: a2Worker.id }, 'primaryUserId'); // a neighbouring grid
      expect(e.fields!.primaryUserId).toContain('网格或其所在社区');
      await bad({ primaryUserId: residentA.id }, 'primaryUserId');
      await bad({ primaryName: '张三', backupName: '张三' }, 'backupName');
      await bad({ primaryUserId: w.users.gridWorker.id, backupUserId: w.users.gridWorker.id }, 'backupUserId');
      const en = expectError(await s.streetStaff.post(POSTS, { orgId: w.gridA.id, post: 'gridHelper', primaryName: '王五', cardPhone: '12345' }, { 'accept-language': 'en' }), 400, 'VALIDATION_FAILED', 'cardPhone');
      expect(en.fields!.cardPhone).toContain('landline');
      const foreign = (await upload(s.streetStaffB, JPEG, 'image/jpeg')).json().id;
      const many = expectError(await s.streetStaff.post(POSTS, { orgId: w.gridA.id, post: 'gridHelper', primaryName: '王五', cardPhone: 'x', cardPhotoId: foreign }), 400, 'VALIDATION_FAILED');
      expect(Object.keys(many.fields!).sort()).toEqual(['cardPhone', 'cardPhotoId']);
      expectError(await s.streetStaff.post(POSTS, { orgId: w.communityA.id, post: 'gridHelper', primaryName: '王五' }), 400, 'VALIDATION_FAILED', 'orgId');
      expectError(await s.streetStaff.post(POSTS, { orgId: w.gridB.id, post: 'gridHelper', primaryName: '王五' }), 400, 'VALIDATION_FAILED', 'orgId');
      expectError(await s.streetStaff.post(POSTS, { orgId: w.gridA.id, post: 'captain', primaryName: '王五' }), 400, 'VALIDATION_FAILED', 'post');
      expect(await postCount()).toBe(n);
    });

    it('a grid worker edits the card of their own post only; staff re-staff posts; all audited', async () => {
      const before = await lastAuditId(t);
      const r = await s.gridWorker.patch(`${POSTS}/${gridWorkerPost}`, { cardPhone: '0937-2612345', cardDuties: '  走访、调解  ' });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ cardPhone: '0937-2612345', cardDuties: '走访、调解', backupUserId: w.users.communityWorker.id });
      expect((await audited(before, 'gridPost.update')).detail).toMatchObject({ changed: ['cardPhone', 'cardDuties'] });
      expectError(await s.gridWorker.patch(`${POSTS}/${gridWorkerPost}`, { backupName: '换人' }), 403, 'FORBIDDEN');
      const assistant = (await s.streetStaff.get(`${POSTS}?orgId=${w.gridA.id}`)).json().items[0].posts[1];
      expectError(await s.gridWorker.patch(`${POSTS}/${assistant.id}`, { cardPhone: '13800000000' }), 403, 'FORBIDDEN');
      // Community staff swap the backup: an account is replaced by a named person.
      const b2 = await lastAuditId(t);
      const c = await s.communityWorker.patch(`${POSTS}/${gridWorkerPost}`, { backupUserId: null, backupName: '李四' });
      expect(c.json()).toMatchObject({ backupUserId: null, backupName: '李四', primaryUserId: w.users.gridWorker.id });
      await audited(b2, 'gridPost.update');
      expectError(await s.communityWorker.patch(`${POSTS}/${gridWorkerPost}`, { backupUserId: w.users.communityWorker.id, backupName: null }), 400, 'VALIDATION_FAILED', 'backupName');
      expectError(await s.streetStaffB.patch(`${POSTS}/${gridWorkerPost}`, { cardDuties: 'x' }), 404, 'NOT_FOUND');
      expectError(await s.streetStaff.patch(`${POSTS}/999999`, { cardDuties: 'x' }), 404, 'NOT_FOUND');
      expectError(await s.streetStaff.patch(`${POSTS}/${gridWorkerPost}`, {}), 400, 'VALIDATION_FAILED');
    });

    it('delete: 403 for the grid worker, 404 for another street, 204 + audit for staff', async () => {
      const p = (await s.streetStaff.post(POSTS, { orgId: gridA2.id, post: 'gridHelper', primaryName: '临时' })).json();
      expectError(await s.gridWorker.del(`${POSTS}/${p.id}`), 404, 'NOT_FOUND'); // gridA2 is not the grid worker's
      expectError(await a2Login().then((x) => x.del(`${POSTS}/${p.id}`)), 403, 'FORBIDDEN');
      expectError(await s.streetStaffB.del(`${POSTS}/${p.id}`), 404, 'NOT_FOUND');
      const before = await lastAuditId(t);
      expect((await s.communityWorker.del(`${POSTS}/${p.id}`)).statusCode).toBe(204);
      expect((await audited(before, 'gridPost.delete')).entity_id).toBe(String(p.id));
      expectError(await s.communityWorker.del(`${POSTS}/${p.id}`), 404, 'NOT_FOUND');
    });
    const a2Login = () => t.login(a2Worker.username);

    it('holds 1+4 under concurrent writers (clean 409s), and an org with posts cannot be deleted', async () => {
      const g = await t.org(w.communityA.id, 'grid', '620902001001003', '富康第三网格');
      const race = (post: string, n: number) => Promise.all(Array.from({ length: n }, (_, i) =>
        s.streetStaff.post(POSTS, { orgId: g.id, post, primaryName: `${post}${i}` })));
      const workers = await race('gridWorker', 4);
      expect(workers.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
      for (const r of workers.filter((x) => x.statusCode === 409)) expectError(r, 409, 'GRID_POST_FULL', 'post');
      expect((await race('gridAssistant', 7)).filter((r) => r.statusCode === 201)).toHaveLength(4);
      const e = expectError(await s.streetStaff.del(`/api/v1/orgs/${g.id}`), 409, 'ORG_IN_USE');
      expect(e.message).toContain('网格岗位');
    });

    it('scope: another street sees none of these posts; 401/403 for the list', async () => {
      const b = (await s.streetStaffB.get(POSTS)).json();
      expect(b.items.map((g: { gridId: number }) => g.gridId)).toEqual([w.gridB.id]);
      expectError(await s.streetStaffB.get(`${POSTS}?orgId=${w.gridA.id}`), 400, 'VALIDATION_FAILED', 'orgId');
      expectError(await t.app.inject({ method: 'GET', url: POSTS }), 401, 'UNAUTHENTICATED');
      expectError(await s.resident.get(POSTS), 403, 'FORBIDDEN');
      expectError(await s.sysAdmin.get(POSTS), 403, 'FORBIDDEN');
    });
  });

  describe('the public card for residents (亮牌)', () => {
    beforeAll(async () => {
      await s.streetStaff.post(POSTS, { orgId: gridA2.id, post: 'gridWorker', primaryUserId: a2Worker.id, backupName: '赵六', cardPhone: '13900001111' });
      await s.streetStaffB.post(POSTS, { orgId: w.gridB.id, post: 'gridWorker', primaryName: '南苑网格员', cardPhone: '13900002222' });
    });

    it('a grid resident sees the cards of their grid: name, post, photo, published phone, duties, backup — nothing else', async () => {
      const r = await (await t.login(residentA.username)).get('/api/v1/me/grid-workers');
      expect(r.statusCode, r.body).toBe(200);
      const items = r.json().items;
      expect(items.every((c: { gridId: number }) => c.gridId === w.gridA.id)).toBe(true);
      for (const c of items) expect(Object.keys(c).sort()).toEqual(CARD_KEYS);
      expect(items[0]).toEqual({
        gridId: w.gridA.id, gridName: '富康第一网格', post: 'gridWorker', postLabel: '网格员', name: w.users.gridWorker.username,
        photoUrl: `/api/v1/attachments/${cardPhoto}`, cardPhone: '0937-2612345', cardDuties: '走访、调解', backupName: '李四',
      });
      const en = await (await t.login(residentA.username)).get('/api/v1/me/grid-workers', { 'accept-language': 'en' });
      expect(en.json().items[0].postLabel).toBe('grid worker');
    });

    // The world's resident account belongs to communityA.
    it('a community resident sees the cards of all its grids, never another street’s', async () => {
      const items = (await s.resident.get('/api/v1/me/grid-workers')).json().items as { gridId: number; name: string }[];
      const grids = new Set(items.map((c) => c.gridId));
      expect(grids.has(w.gridA.id) && grids.has(gridA2.id)).toBe(true);
      expect(grids.has(w.gridB.id)).toBe(false);
      expect(items.some((c) => c.name === '南苑网格员')).toBe(false);
    });

    it('residents fetch card photos of their grid, not of other grids', async () => {
      const mine = await (await t.login(residentA.username)).get(`${ATT}/${cardPhoto}`);
      expect(mine.statusCode).toBe(200);
      expect(mine.headers['content-type']).toBe('image/jpeg');
      const other = await t.user('resident', w.communityB.code, 'resident_b');
      expectError(await (await t.login(other.username)).get(`${ATT}/${cardPhoto}`), 404, 'NOT_FOUND');
      // The grid worker sees the photo a street worker uploaded for their card.
      expect((await s.gridWorker.get(`${ATT}/${cardPhoto}`)).statusCode).toBe(200);
    });

    it('401 without a session, 403 for staff', async () => {
      expectError(await t.app.inject({ method: 'GET', url: '/api/v1/me/grid-workers' }), 401, 'UNAUTHENTICATED');
      expectError(await s.gridWorker.get('/api/v1/me/grid-workers'), 403, 'FORBIDDEN');
    });
  });
});
