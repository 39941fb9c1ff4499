import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { buildWorld, type World } from './fixtures.js';
import { BASE, DAY, ago, asText, expectOpen311Error as fails, insertCategories, insertEvent, insertKey, insertRequest, json, xml } from './open311-fixtures.js';
import { POST_LIMIT_PER_MINUTE } from '../../src/modules/requests/open311/routes.js';

/** Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2), each endpoint in JSON and XML, as in the spec's examples. */
const W3 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;
const KEY = 'gz311-live-key-0001';
const REQUEST_FIELDS = ['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice',
  'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url'];

describe('Open311 GeoReport v2', () => {
  let t: TestApp;
  let w: World;
  let c: Awaited<ReturnType<typeof insertCategories>>;
  const r: Record<string, Awaited<ReturnType<typeof insertRequest>>> = {};
  const resolvedAt = ago(3 * DAY);
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url: `${BASE}/${url}`, headers });
  const post = (fmt: string, fields: Record<string, string>, headers: Record<string, string> = {}) => t.app.inject({
    method: 'POST', url: `${BASE}/requests.${fmt}`, payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers },
  });
  const ids = async (query: string) => (json(await get(`requests.json${query}`)) as { service_request_id: number }[]).map((x) => x.service_request_id);

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t, []);
    c = await insertCategories(t);
    const p = c.pothole;
    r.working = await insertRequest(t, w, { categoryId: p, status: 'inProgress', createdAt: ago(2 * DAY), handlerOrgId: w.deptA.id, address: '肃州区富康路 12 号', lon: 98.4938, lat: 39.7325, contactName: '王小明', contactPhone: '13812345678', photoIds: [42] });
    r.resolved = await insertRequest(t, w, { categoryId: p, status: 'resolved', createdAt: ago(5 * DAY), resolvedAt, resolution: '已修补', handlerOrgId: w.deptA.id, mediaUrl: 'https://img.example.org/p/1.jpg', photoIds: [43] });
    await insertEvent(t, w, r.resolved.id, 'resolve', 'resolved', '坑洼已用沥青修补', ago(3 * DAY));
    r.closed = await insertRequest(t, w, { categoryId: p, status: 'closed', createdAt: ago(6 * DAY), closedAt: ago(4 * DAY) });
    await insertEvent(t, w, r.closed.id, 'close', 'closed', '与 #1 重复', ago(4 * DAY));
    r.returned = await insertRequest(t, w, { categoryId: c.roads, status: 'returned', createdAt: ago(7 * DAY), description: 'A<b> & "c" \'d\' \u0001end' });
    await insertEvent(t, w, r.returned.id, 'return', 'returned', '非本部门职责，退回重新派单', ago(6 * DAY));
    r.merged = await insertRequest(t, w, { categoryId: p, status: 'merged', createdAt: ago(8 * DAY) });
    r.private = await insertRequest(t, w, { categoryId: c.noise, status: 'submitted', createdAt: ago(1 * DAY) });
    r.old = await insertRequest(t, w, { categoryId: p, status: 'submitted', createdAt: ago(100 * DAY) });
    r.viaOpen311 = await insertRequest(t, w, { categoryId: p, status: 'submitted', createdAt: ago(9 * DAY), channel: 'open311' });
    await insertKey(t, w.streetA.id, KEY);
    await insertKey(t, w.streetA.id, 'gz311-revoked-key-01', true);
  });
  afterAll(async () => { await t?.close(); });

  it('GET services: one service per active category, in JSON and XML', async () => {
    const list = json(await get('services.json')) as Record<string, unknown>[];
    expect(list).toEqual([
      { service_code: 'roads', service_name: '道路设施', description: '道路与人行道', metadata: false, type: 'realtime', keywords: 'Roads', group: null },
      { service_code: 'road.pothole', service_name: '路面坑洼', description: '路面破损、坑洼', metadata: false, type: 'realtime', keywords: 'Pothole, Roads', group: '道路设施' },
      { service_code: 'noise', service_name: '噪音扰民', description: null, metadata: false, type: 'realtime', keywords: null, group: null },
    ]);
    expect(xml(await get('services.xml'))).toEqual({ services: { service: asText(list) } });
  });

  it('GET services/{service_code}: the definition, without attributes; 404 for an unknown or retired code', async () => {
    expect(json(await get('services/road.pothole.json'))).toEqual({ service_code: 'road.pothole', attributes: [] });
    expect(xml(await get('services/road.pothole.xml'))).toEqual({ service_definition: { service_code: 'road.pothole', attributes: '' } });
    fails(await get('services/nope.json'), 404, 'json', /nope/);
    fails(await get('services/retired.xml'), 404, 'xml', /retired/);
  });

  it('GET requests: public categories of the last 90 days, newest first, every spec field, no contact', async () => {
    const res = await get('requests.json');
    const list = json(res) as Record<string, unknown>[];
    expect(list.map((x) => x.service_request_id)).toEqual([r.working, r.resolved, r.closed, r.returned, r.merged, r.viaOpen311].map((x) => x.id));
    for (const x of list) expect(Object.keys(x)).toEqual(REQUEST_FIELDS);
    expect(list[0]).toEqual({
      service_request_id: r.working.id, status: 'open', status_notes: null, service_name: '路面坑洼', service_code: 'road.pothole',
      description: '井盖缺失，夜间危险', agency_responsible: '民政办', service_notice: expect.stringContaining('前办结'),
      requested_datetime: expect.stringMatching(W3), updated_datetime: expect.stringMatching(W3), expected_datetime: expect.stringMatching(W3),
      address: '肃州区富康路 12 号', address_id: null, zipcode: null, lat: 39.7325, long: 98.4938, media_url: 'http://localhost:80/api/v1/attachments/42',
    });
    expect(new Date(list[0].requested_datetime as string)).toEqual(r.working.updated_at);
    expect(new Date(list[0].expected_datetime as string).getTime()).toBe(r.working.resolve_due_at.getTime());
    for (const secret of ['王小明', '13812345678', '138****5678', '王*']) expect(res.body).not.toContain(secret);
    expect(xml(await get('requests.xml'))).toEqual({ service_requests: { request: asText(list).map((x) => ({ ...x, description: x.description.replace('\u0001', '') })) } });
  });

  it('maps our statuses onto open/closed, with the status notes and the closing date', async () => {
    const one = async (id: number) => (json(await get(`requests/${id}.json`)) as Record<string, unknown>[])[0];
    expect(await one(r.resolved.id)).toMatchObject({ status: 'closed', status_notes: '坑洼已用沥青修补', service_notice: null, media_url: 'https://img.example.org/p/1.jpg' });
    expect(new Date((await one(r.resolved.id)).updated_datetime as string)).toEqual(resolvedAt);
    expect(await one(r.closed.id)).toMatchObject({ status: 'closed', status_notes: '与 #1 重复' });
    expect(await one(r.returned.id)).toMatchObject({ status: 'open', status_notes: '非本部门职责，退回重新派单', agency_responsible: null });
    expect(await one(r.merged.id)).toMatchObject({ status: 'closed', status_notes: null });
  });

  it('filters: status, service_code, dates; service_request_id overrides the rest but not the public rule', async () => {
    expect(await ids('?status=open')).toEqual([r.working, r.returned, r.viaOpen311].map((x) => x.id));
    expect(await ids('?status=closed')).toEqual([r.resolved, r.closed, r.merged].map((x) => x.id));
    for (const both of ['?status=open,closed', '?status=open&status=closed']) expect(await ids(both)).toEqual(await ids(''));
    expect(await ids('?service_code=roads')).toEqual([r.returned.id]);
    expect(await ids('?service_code=roads,noise&status=open')).toEqual([r.returned.id]);
    const day = (d: number) => encodeURIComponent(ago(d * DAY).toISOString());
    expect(await ids(`?start_date=${day(6.5)}&end_date=${day(4.5)}`)).toEqual([r.resolved, r.closed].map((x) => x.id));
    expect(await ids(`?end_date=${day(95)}`)).toEqual([r.old.id]);
    expect(await ids(`?start_date=${day(101)}`)).toEqual([r.old.id]);
    expect(await ids(`?service_request_id=${r.old.id},${r.private.id},${r.working.id}&status=closed&service_code=x`)).toEqual([r.working, r.old].map((x) => x.id));
    expect(await ids('?jurisdiction_id=jiuquan.gov.cn&service_code=')).toEqual(await ids(''));
  });

  it('400 in the requested format for bad arguments', async () => {
    fails(await get('requests.json?start_date=yesterday'), 400, 'json', /start_date/);
    fails(await get('requests.xml?end_date=2026-02-30T00:00:00Z'), 400, 'xml', /end_date/);
    fails(await get('requests.json?start_date=2026-01-01T00:00:00'), 400, 'json', /时区/);
    fails(await get('requests.xml?start_date=2026-01-01T00:00:00Z&end_date=2026-05-01T00:00:00Z'), 400, 'xml', /90/);
    fails(await get('requests.json?start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z'), 400);
    fails(await get('requests.json?status=pending'), 400, 'json', /pending/);
    fails(await get('requests.xml?service_request_id=1,abc'), 400, 'xml', /abc/);
    const en = fails(await get('requests.json?status=x', { 'accept-language': 'en' }), 400);
    expect(en[0].description).toBe("status must be open or closed; got 'x'");
  });

  it('GET requests/{id}: a list of one; 404 when missing, private or malformed; unknown formats 404 in JSON', async () => {
    const one = json(await get(`requests/${r.working.id}.json`)) as Record<string, unknown>[];
    expect(one).toEqual([(json(await get('requests.json')) as Record<string, unknown>[])[0]]);
    expect(xml(await get(`requests/${r.working.id}.xml`))).toEqual({ service_requests: { request: asText(one) } });
    fails(await get(`requests/${r.private.id}.json`), 404);
    fails(await get('requests/999999.xml'), 404, 'xml', /999999/);
    for (const url of ['requests/abc.json', 'services.yaml', 'requests.txt', `requests/${r.working.id}.html`, 'services/roads', 'tokens/x.csv', 'nothing', 'services'])
      fails(await get(url), 404);
  });

  it('GET tokens/{token}: the request id of a token handed out by POST', async () => {
    const token = r.viaOpen311.open311_token;
    expect(json(await get(`tokens/${token}.json`))).toEqual([{ service_request_id: r.viaOpen311.id, token }]);
    expect(xml(await get(`tokens/${token}.xml`))).toEqual({ service_requests: { request: [{ service_request_id: String(r.viaOpen311.id), token }] } });
    fails(await get(`tokens/${r.working.open311_token}.json`), 404);
    fails(await get('tokens/00000000-0000-4000-8000-000000000000.xml'), 404, 'xml');
    fails(await get('tokens/12345.json'), 404);
  });

  const report = { api_key: KEY, service_code: 'road.pothole', lat: '39.7401', long: '98.5102', address_string: '肃州区东北街 3 号',
    email: 'li@example.org', device_id: 'tt222111', account_id: '123456', first_name: '小红', last_name: '李', phone: '13987654321',
    description: '人行道砖块松动', media_url: 'https://img.example.org/r/2.jpg', 'attribute[WHISPAWN]': '123456', jurisdiction_id: 'jiuquan.gov.cn' };

  it('POST requests: api_key, service_code and a location are required', async () => {
    fails(await post('json', { ...report, api_key: '' }), 403, 'json', /api_key/);
    fails(await post('xml', { ...report, api_key: 'not-a-key' }), 403, 'xml', /api_key/);
    fails(await post('json', { ...report, api_key: 'gz311-revoked-key-01' }), 403);
    fails(await post('json', { ...report, service_code: '' }), 400, 'json', /service_code/);
    fails(await post('xml', { ...report, service_code: 'nope' }), 404, 'xml', /nope/);
    // An empty argument is the same as one not sent.
    const nowhere = { ...report, lat: '', long: '', address_string: '' };
    fails(await post('json', nowhere), 400, 'json', /address_string/);
    fails(await post('json', { ...nowhere, lat: '39.7' }), 400, 'json', /long/);
    fails(await post('json', { ...report, lat: '91' }), 400, 'json', /lat/);
    fails(await post('json', { ...report, media_url: 'javascript:alert(1)' }), 400, 'json', /media_url/);
    fails(await post('json', { ...report, phone: '12' }), 400, 'json', /phone/);
    fails(await t.app.inject({ method: 'POST', url: `${BASE}/requests.xml`, payload: 'x', headers: { 'content-type': 'text/plain' } }), 415, 'xml');
  });

  it('POST requests: 201 with the new id; the request is public, its contact is not; a repeated Idempotency-Key returns it', async () => {
    const res = await post('json', report, { 'idempotency-key': 'partner-report-0001' });
    expect(res.statusCode, res.body).toBe(201);
    const [made] = json(res) as Record<string, unknown>[];
    expect(Object.keys(made)).toEqual(['service_request_id', 'token', 'service_notice', 'account_id']);
    expect(made).toMatchObject({ service_request_id: expect.any(Number), token: expect.any(String), service_notice: expect.stringContaining('前办结'), account_id: null });
    const row = await t.handle.db.selectFrom('request').selectAll().where('id', '=', made.service_request_id as number).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: 'open311', reporter_kind: 'open311', org_id: w.streetA.id, lat: 39.7401, lon: 98.5102, address: '肃州区东北街 3 号', media_url: report.media_url });
    expect(t.deps.cipher.decrypt(row.contact_name_enc!)).toBe('李小红');
    const [shown] = json(await get(`requests/${made.service_request_id}.json`)) as Record<string, unknown>[];
    expect(shown).toMatchObject({ status: 'open', service_code: 'road.pothole', description: '人行道砖块松动', lat: 39.7401, long: 98.5102, media_url: report.media_url });
    expect(JSON.stringify(shown)).not.toMatch(/李|13987654321|li@example/);
    expect(json(await get(`tokens/${made.token}.json`))).toEqual([{ service_request_id: made.service_request_id, token: made.token }]);
    const again = await post('xml', report, { 'idempotency-key': 'partner-report-0001' });
    expect(again.statusCode).toBe(200);
    expect(xml(again)).toEqual({ service_requests: { request: [asText([made])[0]] } });
    fails(await post('json', report, { 'idempotency-key': 'no spaces allowed' }), 400, 'json', /Idempotency-Key/);
  });

  it('POST requests also takes JSON; a description is optional', async () => {
    const res = await t.app.inject({ method: 'POST', url: `${BASE}/requests.xml`, payload: { api_key: KEY, service_code: 'roads', lat: 39.73, long: 98.49 } });
    expect(res.statusCode, res.body).toBe(201);
    expect((xml(res).service_requests as { request: Record<string, string>[] }).request[0]).toMatchObject({ service_request_id: expect.stringMatching(/^\d+$/), account_id: '' });
  });

  it('never answers 5xx to garbage, and every error keeps the spec shape', async () => {
    const urls = ['requests.json?start_date=%00', 'requests.json?service_request_id=99999999999999999999', 'requests.json?status[]=open',
      'requests.xml?service_code=' + 'x'.repeat(3000), 'services/%E4%B8%AD.json', 'requests/0.json', 'requests/-1.xml', 'tokens/..%2F.json', 'services/.json'];
    for (const u of urls) {
      const res = await get(u);
      expect(res.statusCode, `${u} → ${res.body}`).toBeLessThan(500);
      if (res.statusCode >= 400) fails(res, res.statusCode, u.includes('.xml') ? 'xml' : 'json');
    }
    for (const body of ['{', '[]', 'null', '"x"', '{"api_key":{"a":1}}', '{"api_key":["a","b"]}'])
      expect((await t.app.inject({ method: 'POST', url: `${BASE}/requests.json`, payload: body, headers: { 'content-type': 'application/json' } })).statusCode).toBeLessThan(500);
  });

  it('rate-limits POST lightly, answering 429 in the spec format', async () => {
    let last = await post('json', { service_code: 'roads' });
    for (let i = 0; i < POST_LIMIT_PER_MINUTE + 1 && last.statusCode !== 429; i++) last = await post('json', { service_code: 'roads' });
    fails(last, 429);
    expect((await get('services.json')).statusCode).toBe(200);
  });
});
