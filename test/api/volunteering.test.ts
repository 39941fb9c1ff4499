import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, lastAuditId, auditSince, type Session, type TestApp } from '../helpers/app.js';
import { buildWorld, expectError, loginAll, readXlsx, XLSX, type Account, type World } from './fixtures.js';
import { memberResident } from './partners-fixtures.js';
import { API, activityBody, balanceOf, fundPool, poolBalance, publishedActivity, volunteerAt } from './volunteering-fixtures.js';

/** Volunteering: volunteers, activities, sign-up with a waiting list, QR and hand attendance, confirmation paying points, scope. */
let t: TestApp;
let w: World;
let s: Record<Account, Session>;
const hour = 3600_000;
const iso = (ms: number) => new Date(ms).toISOString();

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  s = await loginAll(t, w);
});
afterAll(async () => { await t?.close(); });

describe('volunteers', () => {
  it('a resident registers with skills, availability and a phone kept encrypted and masked; bad input names the field', async () => {
    expectError(await s.resident.post(`${API}/volunteers/me`, { skills: ['elderCare'], availability: [], phone: '12345' }), 400, 'VALIDATION_FAILED', 'phone');
    expectError(await s.resident.post(`${API}/volunteers/me`, { skills: ['juggling'], availability: [] }), 400, 'VALIDATION_FAILED');
    expect((await s.resident.get(`${API}/volunteers/me`)).json()).toBeNull();
    const r = await s.resident.post(`${API}/volunteers/me`, { skills: ['elderCare', 'firstAid'], skillNote: '退休护士', availability: ['weekendMorning'], phone: '139 1234 5678' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ skills: ['elderCare', 'firstAid'], phoneMasked: '139****5678', hours: 0, starLevel: 0, hoursToNextStar: 100, orgId: w.communityA.id });
    const row = await t.handle.db.selectFrom('volunteer').selectAll().where('id', '=', r.json().id).executeTakeFirstOrThrow();
    expect(row.phone_enc).not.toContain('13912345678');
    expect(t.deps.cipher.decrypt(row.phone_enc!)).toBe('13912345678');
    // Updating keeps the same volunteer.
    const again = await s.resident.post(`${API}/volunteers/me`, { skills: ['elderCare', 'firstAid'], availability: ['weekendMorning', 'weekdayEvening'], phone: '13912345678' });
    expect(again.json().id).toBe(r.json().id);
  });

  it('staff in scope search and export volunteers masked; another street sees none; a reveal needs a reason and is audited', async () => {
    const list = await s.communityWorker.get(`${API}/volunteers?q=${encodeURIComponent('resident')}&skill=elderCare`);
    expect(list.statusCode, list.body).toBe(200);
    const me = (await s.resident.get(`${API}/volunteers/me`)).json();
    expect(list.json().items.map((v: { id: number }) => v.id)).toContain(me.id);
    expect(list.json().items[0].actions).toContain('revealPhone');
    expect((await s.communityWorker.get(`${API}/volunteers?skill=legal`)).json().total).toBe(0);
    expect((await s.streetStaffB.get(`${API}/volunteers`)).json().total).toBe(0);
    expectError(await s.streetStaffB.get(`${API}/volunteers/${me.id}`), 404, 'NOT_FOUND');
    expectError(await s.communityWorker.get(`${API}/volunteers?orgId=${w.communityB.id}`), 400, 'VALIDATION_FAILED', 'orgId');
    const x = await s.communityWorker.get(`${API}/volunteers/export.xlsx`);
    expect(x.statusCode, x.body).toBe(200);
    expect(x.headers['content-type']).toBe(XLSX);
    const sheet = await readXlsx(x);
    expect(sheet.rows.some((r) => r['电话（脱敏）'] === '139****5678')).toBe(true);
    expect(JSON.stringify(sheet.rows)).not.toContain('13912345678');
    expect((await readXlsx(await s.streetStaffB.get(`${API}/volunteers/export.xlsx`))).rows).toEqual([]);
    expectError(await s.communityWorker.post(`${API}/volunteers/${me.id}/reveal`, { reason: '' }), 400, 'VALIDATION_FAILED', 'reason');
    const before = await lastAuditId(t);
    const rev = await s.communityWorker.post(`${API}/volunteers/${me.id}/reveal`, { reason: '联系活动安排' });
    expect(rev.json()).toEqual({ value: '13912345678' });
    expect((await auditSince(t, before)).map((a) => [a.action, a.outcome])).toEqual([['volunteer.reveal', 'success']]);
    expectError(await s.gridWorker.post(`${API}/volunteers/${me.id}/reveal`, { reason: '看看' }), 404, 'NOT_FOUND'); // the grid is below the volunteer's community
    expectError(await s.streetStaffB.post(`${API}/volunteers/${me.id}/reveal`, { reason: '看看' }), 404, 'NOT_FOUND');
  });
});

describe('activities', () => {
  it('staff create drafts in their scope, at a street, community or grid; bad input names the field', async () => {
    expectError(await s.communityWorker.post(`${API}/activities`, activityBody(w.communityB.id)), 400, 'VALIDATION_FAILED', 'orgId');
    expectError(await s.streetStaff.post(`${API}/activities`, activityBody(w.deptA.id)), 400, 'VALIDATION_FAILED', 'orgId');
    const b = activityBody(w.communityA.id);
    expectError(await s.communityWorker.post(`${API}/activities`, { ...b, endsAt: b.startsAt }), 400, 'VALIDATION_FAILED', 'endsAt');
    expectError(await s.communityWorker.post(`${API}/activities`, { ...b, pointsPerHour: undefined }), 400, 'VALIDATION_FAILED', 'pointsPerHour');
    expectError(await s.communityWorker.post(`${API}/activities`, { ...b, capacity: 0 }), 400, 'VALIDATION_FAILED', 'capacity');
    // A leap second passes the date-time format but is no time JavaScript can place: a 400, not a 500.
    expectError(await s.communityWorker.post(`${API}/activities`, { ...b, startsAt: '2026-12-31T23:59:60Z' }), 400, 'VALIDATION_FAILED', 'startsAt');
    expectError(await s.communityWorker.get(`${API}/activities?from=2016-12-31T23:59:60Z`), 400, 'VALIDATION_FAILED', 'from');
    expectError(await s.resident.post(`${API}/activities`, b), 403, 'FORBIDDEN');
    const g = await s.gridWorker.post(`${API}/activities`, activityBody(w.gridA.id, { kind: 'culture', pointRule: 'perActivity', pointsFixed: 5 }));
    expect(g.statusCode, g.body).toBe(201);
    expect(g.json()).toMatchObject({ status: 'draft', orgId: w.gridA.id, kind: 'culture', actions: ['edit', 'publish', 'cancel'] });
    const p = await s.gridWorker.patch(`${API}/activities/${g.json().id}`, { capacity: 4, title: '广场舞' });
    expect(p.json()).toMatchObject({ capacity: 4, title: '广场舞' });
    expectError(await s.gridWorker.patch(`${API}/activities/${g.json().id}`, { endsAt: iso(Date.now() - 10 * hour) }), 400, 'VALIDATION_FAILED', 'endsAt');
  });

  it('a draft is hidden from residents; published activities reach residents on their path only; lists filter, page and export', async () => {
    const draft = (await s.communityWorker.post(`${API}/activities`, activityBody(w.communityA.id, { title: '草稿活动' }))).json().id;
    expectError(await s.resident.get(`${API}/activities/${draft}`), 404, 'NOT_FOUND');
    const street = await publishedActivity(s.streetStaff, w.streetA.id, { title: '街道文艺汇演', kind: 'culture' });
    const mine = await publishedActivity(s.communityWorker, w.communityA.id, { title: '社区清洁日' });
    const otherB = await publishedActivity(s.streetStaffB, w.communityB.id, { title: '南苑活动' });
    const seen = (await s.resident.get(`${API}/activities?upcoming=true&pageSize=100`)).json().items.map((a: { id: number }) => a.id);
    expect(seen).toEqual(expect.arrayContaining([street, mine]));
    expect(seen).not.toContain(draft);
    expect(seen).not.toContain(otherB);
    expectError(await s.resident.get(`${API}/activities/${otherB}`), 404, 'NOT_FOUND');
    // Staff: the subtree only. The community worker does not see the street's activity.
    const staff = (await s.communityWorker.get(`${API}/activities?pageSize=100`)).json().items.map((a: { id: number }) => a.id);
    expect(staff).toEqual(expect.arrayContaining([draft, mine]));
    expect(staff).not.toContain(street);
    expect(staff).not.toContain(otherB);
    expectError(await s.streetStaffB.get(`${API}/activities/${mine}`), 404, 'NOT_FOUND');
    expect((await s.communityWorker.get(`${API}/activities?q=${encodeURIComponent('清洁')}`)).json().items.map((a: { id: number }) => a.id)).toEqual([mine]);
    expect((await s.streetStaff.get(`${API}/activities?kind=culture&status=published`)).json().items.map((a: { id: number }) => a.id)).toContain(street);
    const page = (await s.communityWorker.get(`${API}/activities?pageSize=1&page=2`)).json();
    expect(page.items).toHaveLength(1);
    expect(page.total).toBeGreaterThanOrEqual(2);
    const x = await readXlsx(await s.communityWorker.get(`${API}/activities/export.xlsx`));
    expect(x.rows.map((r) => r['活动名称'])).toEqual(expect.arrayContaining(['社区清洁日', '草稿活动']));
    expect(x.rows.map((r) => r['活动名称'])).not.toContain('南苑活动');
    expectError(await s.resident.get(`${API}/activities/export.xlsx`), 403, 'FORBIDDEN');
    // Cancelling needs a reason; a cancelled activity takes no sign-up.
    expectError(await s.communityWorker.post(`${API}/activities/${draft}/cancel`, { reason: ' ' }), 400, 'VALIDATION_FAILED', 'reason');
    expect((await s.communityWorker.post(`${API}/activities/${draft}/cancel`, { reason: '天气原因' })).json().status).toBe('cancelled');
    expectError(await s.communityWorker.post(`${API}/activities/${draft}/publish`, {}), 409, 'ACTIVITY_STATUS');
    expectError(await s.streetStaffB.post(`${API}/activities/${mine}/cancel`, { reason: '越权' }), 404, 'NOT_FOUND');
  });
});

describe('sign-up and the waiting list', () => {
  it('a full activity queues; a cancelled place goes to the first in the queue in the same step', async () => {
    const id = await publishedActivity(s.communityWorker, w.communityA.id, { capacity: 2 });
    const v = [await volunteerAt(t, w.communityA.code), await volunteerAt(t, w.communityA.code), await volunteerAt(t, w.gridA.code), await volunteerAt(t, w.communityA.code)];
    const r = [];
    for (const x of v) r.push((await x.session.post(`${API}/activities/${id}/signup`, {})).json());
    expect(r.map((a) => a.mine.status)).toEqual(['signedUp', 'signedUp', 'waiting', 'waiting']);
    expect(r.map((a) => a.mine.waitingPosition)).toEqual([null, null, 1, 2]);
    expect(r[3]).toMatchObject({ signedCount: 2, waitingCount: 2, placesLeft: 0 });
    // Signing up twice changes nothing.
    expect((await v[0].session.post(`${API}/activities/${id}/signup`, {})).json()).toMatchObject({ signedCount: 2, waitingCount: 2 });
    const c = await v[0].session.post(`${API}/activities/${id}/cancel-signup`, {});
    expect(c.json()).toMatchObject({ signedCount: 2, waitingCount: 1, mine: { status: 'cancelled' } });
    expect((await v[2].session.get(`${API}/activities/${id}`)).json().mine).toMatchObject({ status: 'signedUp' });
    expect((await v[3].session.get(`${API}/activities/${id}`)).json().mine).toMatchObject({ status: 'waiting', waitingPosition: 1 });
    // Leaving the queue just leaves it.
    expect((await v[3].session.post(`${API}/activities/${id}/cancel-signup`, {})).json()).toMatchObject({ signedCount: 2, waitingCount: 0 });
    expectError(await v[3].session.post(`${API}/activities/${id}/cancel-signup`, {}), 404, 'NOT_FOUND');
    // Signing up again after cancelling joins the end of the queue.
    expect((await v[0].session.post(`${API}/activities/${id}/signup`, {})).json().mine).toMatchObject({ status: 'waiting', waitingPosition: 1 });
    const sheet = (await s.communityWorker.get(`${API}/activities/${id}/attendance`)).json();
    expect(sheet.items.map((i: { status: string }) => i.status)).toEqual(['signedUp', 'signedUp', 'waiting', 'cancelled']);
    const my = (await v[2].session.get(`${API}/volunteers/me/activities`)).json();
    expect(my.items).toEqual([expect.objectContaining({ activityId: id, status: 'signedUp' })]);
  });

  it('racing sign-ups for the last places never exceed the capacity', async () => {
    const id = await publishedActivity(s.communityWorker, w.communityA.id, { capacity: 3 });
    const v = await Promise.all(Array.from({ length: 12 }, () => volunteerAt(t, w.communityA.code)));
    const res = await Promise.all(v.map((x) => x.session.post(`${API}/activities/${id}/signup`, {})));
    expect(res.map((r) => r.statusCode)).toEqual(Array(12).fill(200));
    const rows = await t.handle.db.selectFrom('signup').select(['status']).where('activity_id', '=', id).execute();
    expect(rows.filter((r) => r.status === 'signedUp')).toHaveLength(3);
    expect(rows.filter((r) => r.status === 'waiting')).toHaveLength(9);
    const a = await t.handle.db.selectFrom('activity').select(['signed_count', 'waiting_count']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(a).toEqual({ signed_count: 3, waiting_count: 9 });
    const positions = (await s.communityWorker.get(`${API}/activities/${id}/attendance`)).json().items.filter((i: { status: string }) => i.status === 'waiting').map((i: { waitingPosition: number }) => i.waitingPosition);
    expect(positions).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('required skills are a condition; an ended or unregistered sign-up is refused', async () => {
    const id = await publishedActivity(s.communityWorker, w.communityA.id, { requiredSkills: ['medical'] });
    const v = await volunteerAt(t, w.communityA.code, ['elderCare']);
    const e = expectError(await v.session.post(`${API}/activities/${id}/signup`, {}), 409, 'SKILLS_MISSING');
    expect(e.message).toContain('医疗');
    const doc = await volunteerAt(t, w.communityA.code, ['medical']);
    expect((await doc.session.post(`${API}/activities/${id}/signup`, {})).json().mine.status).toBe('signedUp');
    const ended = await publishedActivity(s.communityWorker, w.communityA.id, {}, -5, 2);
    expectError(await doc.session.post(`${API}/activities/${ended}/signup`, {}), 409, 'ACTIVITY_ENDED');
    const u = await t.user('resident', w.communityA.code, 'not_a_volunteer');
    expectError(await (await t.login(u.username)).post(`${API}/activities/${id}/signup`, {}), 409, 'NOT_A_VOLUNTEER');
    expectError(await s.communityWorker.post(`${API}/activities/${id}/signup`, {}), 403, 'FORBIDDEN');
  });
});

describe('attendance and points', () => {
  it('QR check-in and check-out: the organizer\'s rotating token, nothing forged or stale', async () => {
    const id = await publishedActivity(s.communityWorker, w.communityA.id, {}, -0.5, 3);
    const v = await volunteerAt(t, w.communityA.code);
    await v.session.post(`${API}/activities/${id}/signup`, {});
    const q = await s.communityWorker.get(`${API}/activities/${id}/qr?mode=in`);
    expect(q.statusCode, q.body).toBe(200);
    expect(q.json().path).toBe(`/m/checkin/${id}?t=${encodeURIComponent(q.json().token)}`);
    expect(q.json().expiresInSeconds).toBeGreaterThan(0);
    expectError(await s.resident.get(`${API}/activities/${id}/qr`), 403, 'FORBIDDEN');
    expectError(await s.streetStaffB.get(`${API}/activities/${id}/qr`), 404, 'NOT_FOUND');
    const [mode, win, mac] = q.json().token.split('-');
    expectError(await v.session.post(`${API}/activities/${id}/scan`, { token: `${mode}-${win}-${'0'.repeat(mac.length)}` }), 400, 'QR_EXPIRED');
    expectError(await v.session.post(`${API}/activities/${id}/scan`, { token: `${mode}-${Number(win) - 2}-${mac}` }), 400, 'QR_EXPIRED');
    const other = await publishedActivity(s.communityWorker, w.communityA.id, {}, -0.5, 3);
    expectError(await v.session.post(`${API}/activities/${other}/scan`, { token: q.json().token }), 400, 'QR_EXPIRED'); // a token is for its own activity
    // Check-out before check-in is refused.
    const out = (await s.communityWorker.get(`${API}/activities/${id}/qr?mode=out`)).json().token;
    expectError(await v.session.post(`${API}/activities/${id}/scan`, { token: out }), 409, 'NOT_CHECKED_IN');
    const r = await v.session.post(`${API}/activities/${id}/scan`, { token: q.json().token });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().mine.checkInAt).not.toBeNull();
    expect((await v.session.post(`${API}/activities/${id}/scan`, { token: q.json().token })).json().mine.checkInAt).toBe(r.json().mine.checkInAt);
    expect((await v.session.post(`${API}/activities/${id}/scan`, { token: out })).json().mine.checkOutAt).not.toBeNull();
    const sheet = (await s.communityWorker.get(`${API}/activities/${id}/attendance`)).json();
    expect(sheet.items[0]).toMatchObject({ checkInMethod: 'qr', hours: 0 }); // seconds between scans credit nothing
    // Someone who did not sign up, or only queues, cannot check in.
    const stranger = await volunteerAt(t, w.communityA.code);
    expectError(await stranger.session.post(`${API}/activities/${id}/scan`, { token: q.json().token }), 409, 'NOT_SIGNED_UP');
  });

  it('hand marking, the points preview, a pool short of points, confirmation paying once — also when sent five times at once', async () => {
    const start = Date.now() - 2 * hour;
    const id = await publishedActivity(s.communityWorker, w.communityA.id, { pointsPerHour: 10, dayCap: 100 }, -2, 3);
    const a = await volunteerAt(t, w.communityA.code);
    const b = await volunteerAt(t, w.gridA.code);
    const c = await volunteerAt(t, w.communityA.code);
    for (const v of [a, b, c]) await v.session.post(`${API}/activities/${id}/signup`, {});
    const rows = (await s.communityWorker.get(`${API}/activities/${id}/attendance`)).json().items as { id: number; name: string }[];
    const [ra, rb] = rows;
    expectError(await s.communityWorker.post(`${API}/signups/${ra.id}/attendance`, { checkInAt: iso(start + hour), checkOutAt: iso(start) }), 400, 'VALIDATION_FAILED', 'checkOutAt');
    expectError(await s.communityWorker.post(`${API}/signups/${ra.id}/attendance`, { checkInAt: null, checkOutAt: iso(start) }), 400, 'VALIDATION_FAILED', 'checkInAt');
    expectError(await s.communityWorker.post(`${API}/signups/${ra.id}/attendance`, { checkInAt: iso(start - 3 * 86400_000), checkOutAt: null }), 400, 'VALIDATION_FAILED', 'checkInAt');
    expectError(await s.streetStaffB.post(`${API}/signups/${ra.id}/attendance`, { checkInAt: iso(start), checkOutAt: iso(start + hour) }), 404, 'NOT_FOUND');
    expectError(await s.resident.post(`${API}/signups/${ra.id}/attendance`, { checkInAt: iso(start), checkOutAt: iso(start + hour) }), 404, 'NOT_FOUND');
    // a: 2 h 10 min from the start → 2 h → 20 points; b: arrived 20 min early, 1 h 40 min in the window → 1.5 h → 15; c: never came.
    await s.communityWorker.post(`${API}/signups/${ra.id}/attendance`, { checkInAt: iso(start), checkOutAt: iso(start + 130 * 60_000) });
    const sh = await s.communityWorker.post(`${API}/signups/${rb.id}/attendance`, { checkInAt: iso(start - 20 * 60_000), checkOutAt: iso(start + 100 * 60_000) });
    expect(sh.statusCode, sh.body).toBe(200);
    expect(sh.json().items.map((i: { hours: number; previewPoints: number }) => [i.hours, i.previewPoints])).toEqual([[2, 20], [1.5, 15], [0, 0]]);
    expect(sh.json().totalPreviewPoints).toBe(35);
    expect(sh.json().items[0].checkInMethod).toBe('manual');
    const x = await readXlsx(await s.communityWorker.get(`${API}/activities/${id}/attendance.xlsx`));
    expect(x.rows.map((r) => r['积分'])).toEqual([20, 15, 0]);
    expectError(await s.streetStaffB.get(`${API}/activities/${id}/attendance.xlsx`), 404, 'NOT_FOUND');

    // The pool is empty: nothing is confirmed, nothing is paid.
    expect(await poolBalance(t, w.communityA.id)).toBe(0);
    expectError(await s.communityWorker.post(`${API}/activities/${id}/confirm`, {}), 409, 'INSUFFICIENT_POINTS');
    expect((await s.communityWorker.get(`${API}/activities/${id}`)).json().status).toBe('published');
    expect(await balanceOf(t, a.id)).toBe(0);

    await fundPool(t, w, w.communityA, 1000);
    const before = await lastAuditId(t);
    const all = await Promise.all(Array.from({ length: 5 }, () => s.communityWorker.post(`${API}/activities/${id}/confirm`, {})));
    expect(all.map((r) => r.statusCode)).toEqual(Array(5).fill(200));
    const first = all.filter((r) => !r.json().alreadyConfirmed);
    expect(first).toHaveLength(1);
    expect(first[0].json()).toMatchObject({ paidCount: 2, paidPoints: 35, activity: { status: 'finished' } });
    expect([await balanceOf(t, a.id), await balanceOf(t, b.id), await balanceOf(t, c.id)]).toEqual([20, 15, 0]);
    expect(await poolBalance(t, w.communityA.id)).toBe(965);
    const again = await s.communityWorker.post(`${API}/activities/${id}/confirm`, {});
    expect(again.json()).toMatchObject({ alreadyConfirmed: true, paidPoints: 0 });
    expect(await balanceOf(t, a.id)).toBe(20);
    const txns = await t.handle.db.selectFrom('point_txn').select(['idem_key', 'kind', 'amount', 'ref_type']).where('kind', '=', 'earn').where('idem_key', 'like', 'earn:attendance:%').execute();
    expect(txns.map((x) => x.idem_key).sort()).toEqual([`earn:attendance:${ra.id}`, `earn:attendance:${rb.id}`].sort());
    expect((await auditSince(t, before)).filter((e) => e.action === 'activity.confirm')).toHaveLength(1);
    // Confirmed: hours count toward the star level; the sheet is final.
    expect((await a.session.get(`${API}/volunteers/me`)).json()).toMatchObject({ hours: 2, activityCount: 1, hoursToNextStar: 98 });
    expectError(await s.communityWorker.post(`${API}/signups/${ra.id}/attendance`, { checkInAt: null, checkOutAt: null }), 409, 'ACTIVITY_STATUS');
    expect((await a.session.get(`${API}/volunteers/me/activities`)).json().items[0]).toMatchObject({ hours: 2, points: 20, activityStatus: 'finished' });
  });

  it('the day cap holds across activities on the same day; a future activity cannot be confirmed', async () => {
    await fundPool(t, w, w.communityA, 500);
    const v = await volunteerAt(t, w.communityA.code);
    const first = await publishedActivity(s.communityWorker, w.communityA.id, { pointsPerHour: 10, dayCap: 40 }, -2, 3);
    const second = await publishedActivity(s.communityWorker, w.communityA.id, { pointRule: 'perActivity', pointsFixed: 25, dayCap: 40 }, -2 + 1 / 60, 3);
    for (const id of [first, second]) {
      await v.session.post(`${API}/activities/${id}/signup`, {});
      const row = (await s.communityWorker.get(`${API}/activities/${id}/attendance`)).json().items[0];
      const act = (await s.communityWorker.get(`${API}/activities/${id}`)).json();
      await s.communityWorker.post(`${API}/signups/${row.id}/attendance`, { checkInAt: act.startsAt, checkOutAt: iso(Date.parse(act.startsAt) + 3 * hour) });
    }
    expect((await s.communityWorker.post(`${API}/activities/${first}/confirm`, {})).json().paidPoints).toBe(30);
    const preview = (await s.communityWorker.get(`${API}/activities/${second}/attendance`)).json().items[0].previewPoints;
    expect(preview).toBe(10);
    expect((await s.communityWorker.post(`${API}/activities/${second}/confirm`, {})).json().paidPoints).toBe(10);
    expect(await balanceOf(t, v.id)).toBe(40);
    const later = await publishedActivity(s.communityWorker, w.communityA.id, {}, 5, 2);
    expectError(await s.communityWorker.post(`${API}/activities/${later}/confirm`, {}), 409, 'ACTIVITY_NOT_STARTED');
    expectError(await s.streetStaffB.post(`${API}/activities/${later}/confirm`, {}), 404, 'NOT_FOUND');
  });

  it('a street\'s activity pays each volunteer from their own community\'s pool', async () => {
    const v = await volunteerAt(t, w.gridA.code);
    const id = await publishedActivity(s.streetStaff, w.streetA.id, { pointRule: 'perActivity', pointsFixed: 12, dayCap: 50 }, -2, 3);
    await v.session.post(`${API}/activities/${id}/signup`, {});
    const row = (await s.streetStaff.get(`${API}/activities/${id}/attendance`)).json().items[0];
    const act = (await s.streetStaff.get(`${API}/activities/${id}`)).json();
    await s.streetStaff.post(`${API}/signups/${row.id}/attendance`, { checkInAt: act.startsAt, checkOutAt: iso(Date.parse(act.startsAt) + hour) });
    const pool = await poolBalance(t, w.communityA.id);
    expectError(await s.communityWorker.post(`${API}/activities/${id}/confirm`, {}), 404, 'NOT_FOUND'); // the street's activity is above the community
    expect((await s.streetStaff.post(`${API}/activities/${id}/confirm`, {})).json()).toMatchObject({ paidCount: 1, paidPoints: 12 });
    expect(await balanceOf(t, v.id)).toBe(12);
    expect(await poolBalance(t, w.communityA.id)).toBe(pool - 12);
  });

  it('a reporting party member\'s confirmed hours count toward their annual score in the same step', async () => {
    const { user, session, member } = await memberResident(t, s.communityWorker, w, 'vol_party_member');
    expect((await session.post(`${API}/volunteers/me`, { skills: [], availability: [] })).statusCode).toBe(200);
    const id = await publishedActivity(s.communityWorker, w.communityA.id, { kind: 'party' }, -2, 3);
    await session.post(`${API}/activities/${id}/signup`, {});
    const row = (await s.communityWorker.get(`${API}/activities/${id}/attendance`)).json().items[0];
    const act = (await s.communityWorker.get(`${API}/activities/${id}`)).json();
    await s.communityWorker.post(`${API}/signups/${row.id}/attendance`, { checkInAt: act.startsAt, checkOutAt: iso(Date.parse(act.startsAt) + 2 * hour) });
    expect((await s.communityWorker.post(`${API}/activities/${id}/confirm`, {})).json().paidPoints).toBe(20);
    const year = Number(new Date(Date.now() + 8 * hour).toISOString().slice(0, 4));
    const score = await t.handle.db.selectFrom('partner_score').select('hours').where('subject_kind', '=', 'member').where('subject_id', '=', member.id).where('year', '=', year).executeTakeFirstOrThrow();
    expect(score.hours).toBe(2);
    expect(await balanceOf(t, user.id)).toBe(20);
  });

  it('the certificate is a PDF for the volunteer and for staff in scope only', async () => {
    const mine = await s.resident.get(`${API}/volunteers/me/certificate.pdf`);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.headers['content-type']).toMatch(/^application\/pdf/);
    expect(mine.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(mine.rawPayload.length).toBeLessThan(300_000); // the font is subset
    const me = (await s.resident.get(`${API}/volunteers/me`)).json();
    expect((await s.communityWorker.get(`${API}/volunteers/${me.id}/certificate.pdf`)).statusCode).toBe(200);
    expectError(await s.streetStaffB.get(`${API}/volunteers/${me.id}/certificate.pdf`), 404, 'NOT_FOUND');
    const u = await t.user('resident', w.communityA.code, 'no_cert');
    expectError(await (await t.login(u.username)).get(`${API}/volunteers/me/certificate.pdf`), 404, 'NOT_FOUND');
  });
});
