import type { LightMyRequestResponse } from 'fastify';
import { XMLParser } from 'fast-xml-parser';
import { expect } from 'vitest';
import type { RequestStatus } from '../../src/db/schema.js';
import type { TestApp } from '../helpers/app.js';
import type { World } from './fixtures.js';

export const BASE = '/open311/v2';
export const HOUR = 3600_000;
export const DAY = 24 * HOUR;
/** Whole seconds: the wire format carries no fractions. */
export const ago = (ms: number) => new Date(Math.floor((Date.now() - ms) / 1000) * 1000);

/** Categories: a public parent and child, a private one, a retired one. */
export async function insertCategories(t: TestApp) {
  const db = t.handle.db;
  const add = (v: { code: string; name: string; name_en?: string | null; description?: string | null; parent_id?: number | null; public: boolean; active?: boolean; sort?: number }) =>
    db.insertInto('request_category').values({ name_en: null, description: null, parent_id: null, ...v }).returning('id').executeTakeFirstOrThrow().then((r) => r.id);
  const roads = await add({ code: 'roads', name: '道路设施', name_en: 'Roads', description: '道路与人行道', public: true, sort: 1 });
  const pothole = await add({ code: 'road.pothole', name: '路面坑洼', name_en: 'Pothole', description: '路面破损、坑洼', parent_id: roads, public: true, sort: 2 });
  const noise = await add({ code: 'noise', name: '噪音扰民', public: false, sort: 3 });
  await add({ code: 'retired', name: '已停用分类', public: true, active: false, sort: 4 });
  t.deps.bus.emitLocal('catalogue', 'test');
  return { roads, pothole, noise };
}

export interface RequestSeed {
  categoryId: number; status: RequestStatus; createdAt: Date; description?: string; address?: string | null; lon?: number | null; lat?: number | null;
  handlerOrgId?: number | null; mediaUrl?: string | null; photoIds?: number[]; resolution?: string | null; resolvedAt?: Date | null; closedAt?: Date | null;
  channel?: 'app' | 'open311'; contactName?: string; contactPhone?: string;
}

/** A request row as the intake writes it, contact encrypted; `resolve_due_at` one week after creation. */
export async function insertRequest(t: TestApp, w: World, s: RequestSeed) {
  const cipher = t.deps.cipher;
  const handler = s.handlerOrgId ? await t.handle.db.selectFrom('org').select('path').where('id', '=', s.handlerOrgId).executeTakeFirstOrThrow() : null;
  const at = (h: number) => new Date(s.createdAt.getTime() + h * HOUR);
  const row = await t.handle.db.insertInto('request').values({
    org_id: w.gridA.id, org_path: w.gridA.path, handler_org_id: s.handlerOrgId ?? null, handler_path: handler?.path ?? null,
    category_id: s.categoryId, kind: 'problem', channel: s.channel ?? 'app', description: s.description ?? '井盖缺失，夜间危险',
    address: s.address ?? null, lon: s.lon ?? null, lat: s.lat ?? null, photo_ids: s.photoIds ?? [], media_url: s.mediaUrl ?? null,
    reporter_kind: s.channel === 'open311' ? 'open311' : 'hotline', reporter_user_id: null,
    contact_name_enc: s.contactName ? cipher.encrypt(s.contactName) : null, contact_name_masked: s.contactName ? '王*' : null,
    contact_phone_enc: s.contactPhone ? cipher.encrypt(s.contactPhone) : null, contact_phone_hash: s.contactPhone ? cipher.lookupHash(s.contactPhone) : null,
    contact_phone_masked: s.contactPhone ? '138****5678' : null,
    status: s.status, accept_due_at: at(2), respond_due_at: at(24), resolve_due_at: at(168), escalate_hours: 24,
    resolution: s.resolution ?? null, resolved_at: s.resolvedAt ?? null, closed_at: s.closedAt ?? null,
    idem_scope: 'test', client_key: `seed-${Math.random().toString(36).slice(2)}`, created_at: s.createdAt, updated_at: s.createdAt,
  }).returning(['id', 'open311_token', 'resolve_due_at', 'updated_at']).executeTakeFirstOrThrow();
  return row;
}

export async function insertEvent(t: TestApp, w: World, requestId: number, action: string, toStatus: string, note: string | null, at: Date) {
  await t.handle.db.insertInto('request_event').values({
    request_id: requestId, org_id: w.gridA.id, org_path: w.gridA.path, action, from_status: null, to_status: toStatus, note, at,
  }).execute();
}

/** An API key as the key service stores it: only the keyed hash and a prefix. */
export async function insertKey(t: TestApp, orgId: number, raw: string, revoked = false) {
  const org = await t.handle.db.selectFrom('org').select('path').where('id', '=', orgId).executeTakeFirstOrThrow();
  await t.handle.db.insertInto('open311_key').values({
    org_id: orgId, org_path: org.path, name: `key ${raw.slice(0, 6)}`, key_hash: t.deps.cipher.lookupHash(raw), key_prefix: raw.slice(0, 6),
    revoked_at: revoked ? new Date() : null,
  }).execute();
}

// ── Reading answers ──
const parser = new XMLParser({ parseTagValue: false, isArray: (name) => ['service', 'request', 'error', 'attribute'].includes(name) });

/** Parses an XML answer back (values stay text); checks the declaration and content type. */
export function xml(r: LightMyRequestResponse): Record<string, unknown> {
  expect(r.headers['content-type']).toBe('text/xml; charset=utf-8');
  expect(r.body.startsWith('<?xml version="1.0" encoding="utf-8"?>\n')).toBe(true);
  const doc = parser.parse(r.body) as Record<string, unknown>;
  delete doc['?xml'];
  return doc;
}

export function json(r: LightMyRequestResponse): unknown {
  expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
  return r.json();
}

/** The JSON items as their XML text: null → '', booleans and numbers → their text. */
export const asText = (rows: Record<string, unknown>[]) =>
  rows.map((o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v === null ? '' : String(v)])));

/** The spec's error list, in JSON or XML, with the given status as HTTP status and code. */
export function expectOpen311Error(r: LightMyRequestResponse, status: number, fmt: 'json' | 'xml' = 'json', says?: RegExp) {
  expect(r.statusCode, r.body).toBe(status);
  const rows = fmt === 'json' ? (json(r) as Record<string, unknown>[]) : ((xml(r).errors as { error: Record<string, unknown>[] }).error);
  expect(Array.isArray(rows) && rows.length > 0, r.body).toBe(true);
  for (const e of rows) {
    expect(Object.keys(e).sort()).toEqual(['code', 'description']);
    expect(String(e.code)).toBe(String(status));
    expect(String(e.description).length).toBeGreaterThan(0);
  }
  if (says) expect(rows.map((e) => e.description).join(' | ')).toMatch(says);
  return rows;
}
