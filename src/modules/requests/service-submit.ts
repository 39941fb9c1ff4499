import type { Transaction } from 'kysely';
import type { AuthedCtx, Ctx } from '../../core/context.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { errors, type FieldErrors } from '../../core/errors.js';
import { maskName, maskPhone } from '../../core/crypto.js';
import { pathInScope } from '../../core/scope.js';
import type { DB, ReporterKind, RequestChannel, RequestKind } from '../../db/schema.js';
import { ownAttachments } from '../gridwork/service-attachments.js';
import { catalogue, gridAt, orgsOnPath, routeFor, type Catalogue } from './catalogue.js';
import * as cfg from './repo-config.js';
import * as repo from './repo.js';
import * as policy from './policy.js';
import { degreesAround, distanceMeters, dueDates, DUPLICATE_HOURS, DUPLICATE_METERS } from './rules.js';
import { announceChange, deliver, notify, type Outgoing } from './notify.js';
import { detailOf, getRequest } from './service-view.js';

/**
 * Intake (受理): a report from a resident's phone, a grid worker, a hotline operator or an
 * Open311 client becomes one request, located (point → grid → community → street), routed
 * (category → responsible unit) and put on the clock, in one transaction with its first
 * timeline entries and audit record. The client's key makes a retry return the same request.
 */
export interface SubmitInput {
  clientKey: string; kind: RequestKind; categoryId: number; description: string;
  address?: string | null; lon?: number; lat?: number; orgId?: number; photoIds?: number[];
  channel?: 'app' | 'grid' | 'hotline' | 'web'; contactName?: string | null; contactPhone?: string | null; anonymous?: boolean;
}

interface Submitter {
  ctx: Ctx; idemScope: string; reporterKind: ReporterKind; reporterUserId: number | null; channel: RequestChannel;
  /** Where grids are searched for a point, and where a request without one lands. */
  searchRoot: string; fallbackOrg: { id: number; path: string };
  /** May the submitter place the request at an org of their choosing? */
  mayPlaceAt: (path: string) => boolean;
}

const PLACEABLE = ['street', 'community', 'grid'];

export function normalizeContactPhone(raw: string): string | null {
  const p = raw.replace(/[\s()-]/g, '').replace(/^\+?86(?=1)/, '');
  return /^1[3-9]\d{9}$/.test(p) || /^0\d{9,11}$/.test(p) ? p : null;
}

async function place(s: Submitter, input: { lon?: number; lat?: number; orgId?: number }, fields: FieldErrors) {
  const db = s.ctx.deps.db;
  if ((input.lon === undefined) !== (input.lat === undefined)) {
    fields[input.lon === undefined ? 'lon' : 'lat'] = { zh: '经度和纬度需同时提供', en: 'longitude and latitude go together' };
    return null;
  }
  if (input.lon !== undefined && input.lat !== undefined) {
    const grid = await gridAt(s.ctx.deps, s.searchRoot, { lon: input.lon, lat: input.lat });
    if (grid) return { id: grid.id, name: grid.name, path: grid.path, located: true };
  }
  if (input.orgId !== undefined) {
    const o = await cfg.orgById(db, input.orgId);
    if (!o || !s.mayPlaceAt(o.path) || !PLACEABLE.includes(o.level)) {
      fields.orgId = { zh: '须为您范围内的街道、社区或网格', en: 'must be a street, community or grid within your scope' };
      return null;
    }
    return { id: o.id, name: o.name, path: o.path, located: false };
  }
  const o = await cfg.orgById(db, s.fallbackOrg.id);
  if (!o || !PLACEABLE.includes(o.level)) {
    fields.orgId = { zh: '请指定诉求所在的街道、社区或网格，或提供位置', en: 'name the street, community or grid, or give a location' };
    return null;
  }
  return { id: o.id, name: o.name, path: o.path, located: false };
}

async function possibleDuplicate(ctx: Ctx, categoryId: number, p: { lon?: number; lat?: number }, now: Date): Promise<number | null> {
  if (p.lon === undefined || p.lat === undefined) return null;
  const pt = { lon: p.lon, lat: p.lat };
  // The few nearest in degrees; the nearest of them in metres within the limit wins.
  const near = await repo.nearbyOpen(ctx.deps.db, categoryId, pt, degreesAround(pt, DUPLICATE_METERS), new Date(now.getTime() - DUPLICATE_HOURS * 3600_000), 5);
  let best: { id: number; d: number } | null = null;
  for (const n of near) {
    const d = distanceMeters(pt, { lon: n.lon!, lat: n.lat! });
    if (d <= DUPLICATE_METERS && (!best || d < best.d)) best = { id: n.id, d };
  }
  return best?.id ?? null;
}

function checkCategory(cat: Catalogue, categoryId: number, kind: RequestKind, fields: FieldErrors) {
  const c = cat.byId.get(categoryId);
  if (!c || !c.active) { fields.categoryId = { zh: '分类不存在或已停用', en: 'is not an active category' }; return null; }
  if (c.kinds.length && !c.kinds.includes(kind)) fields.kind = { zh: `该分类不受理此类诉求（可选：${c.kinds.join('、')}）`, en: `is not accepted by this category (allowed: ${c.kinds.join(', ')})` };
  return c;
}

/** The shared intake; returns the new request's id, or the earlier one's for a repeated key. */
async function intake(s: Submitter, input: SubmitInput & { mediaUrl?: string | null; email?: string | null }): Promise<{ created: boolean; id: number; token: string; fresh?: { row: repo.RequestRow; events: repo.InsertedEvent[] } }> {
  const { ctx } = s;
  // No lookup of the key first: the INSERT below skips a repeated key, and only then is
  // the earlier request read (a retry is rare; a first submission is the common case).
  const fields: FieldErrors = {};
  const cat = await catalogue(ctx.deps);
  const category = checkCategory(cat, input.categoryId, input.kind, fields);
  const at = await place(s, input, fields);
  let phone: string | null = null;
  if (input.contactPhone) {
    phone = normalizeContactPhone(input.contactPhone);
    if (!phone) fields.contactPhone = { zh: '不是有效的手机或固话号码', en: 'is not a valid mobile or landline number' };
  }
  const photoIds = input.photoIds ?? [];
  if (photoIds.length && ctx.actor) {
    const own = await ownAttachments(ctx as AuthedCtx, photoIds);
    const missing = photoIds.filter((id) => !own.has(id));
    if (missing.length) fields.photoIds = { zh: `照片不存在或不是您上传的：${missing.join('、')}`, en: `not images you uploaded: ${missing.join(', ')}` };
  }
  if (Object.keys(fields).length || !category || !at) throw errors.validation(fields);

  const now = new Date();
  const d = cat.deadlines(category.id);
  const due = dueDates(now, d);
  const route = routeFor(cat, category.id, at.path);
  const duplicateOf = await possibleDuplicate(ctx, category.id, input, now);
  const name = input.contactName?.trim() || null;
  const cipher = ctx.deps.cipher;
  let out: Outgoing[] = [];
  const result = await inTransaction(ctx, async (trx) => {
    const row = await trx.insertInto('request').values({
      org_id: at.id, org_path: at.path, handler_org_id: route?.handlerOrgId ?? null, handler_path: route?.handlerPath ?? null,
      category_id: category.id, kind: input.kind, channel: s.channel, description: input.description.trim(),
      address: input.address?.trim() || null, lon: input.lon ?? null, lat: input.lat ?? null, photo_ids: photoIds, media_url: input.mediaUrl ?? null,
      reporter_kind: s.reporterKind, reporter_user_id: s.reporterUserId,
      contact_name_enc: name ? cipher.encrypt(name) : null, contact_name_masked: name ? maskName(name) : null,
      contact_phone_enc: phone ? cipher.encrypt(phone) : null, contact_phone_hash: phone ? cipher.lookupHash(phone) : null,
      contact_phone_masked: phone ? maskPhone(phone) : null,
      status: route ? 'dispatched' : 'submitted', routed_auto: !!route,
      accept_due_at: due.acceptDueAt, respond_due_at: due.respondDueAt, resolve_due_at: due.resolveDueAt, escalate_hours: d.escalateHours,
      accepted_at: route ? now : null, dispatched_at: route ? now : null, possible_duplicate_of: duplicateOf,
      idem_scope: s.idemScope, client_key: input.clientKey, created_at: now, updated_at: now,
    }).onConflict((oc) => oc.columns(['idem_scope', 'client_key']).doNothing()).returningAll().executeTakeFirst();
    // A twin with the same key committed first: this one writes nothing and answers with it.
    if (!row) return null;
    const actorName = ctx.actor?.displayName ?? null;
    const base = { requestId: row.id, orgId: at.id, orgPath: at.path, actorId: ctx.actor?.userId ?? null, actorOrgId: ctx.actor?.orgId ?? null };
    const events = await repo.insertEvents(trx, [
      { ...base, action: 'submit', fromStatus: null, toStatus: 'submitted', actorName, note: null, at: now },
      ...(route ? [{ ...base, actorId: null, actorOrgId: null, actorName: null, action: 'dispatch', fromStatus: 'submitted' as const, toStatus: 'dispatched' as const, targetOrgId: route.handlerOrgId, note: 'auto', at: now }] : []),
    ]);
    out = await notifyIntake(trx, row.id, at, route?.handlerOrgId ?? null, ctx.actor?.userId ?? null);
    await recordAudit(trx, ctx, {
      action: 'request.submit', entityType: 'request', entityId: row.id, orgPath: at.path,
      detail: { categoryId: category.id, kind: input.kind, channel: s.channel, routedAuto: !!route, handlerOrgId: route?.handlerOrgId ?? null, possibleDuplicateOf: duplicateOf, photos: photoIds.length, contact: !!(name || phone) },
    });
    // The new request as a list row, from what was just written and the cached names (no read-back).
    const view: repo.RequestRow = { ...row, org_name: at.name, handler_name: route?.handlerName ?? null, category_name: category.name, category_name_en: category.name_en };
    return { ...row, events, view };
  });
  if (!result) {
    const twin = await repo.findByClientKey(ctx.deps.db, s.idemScope, input.clientKey);
    return { created: false, id: twin!.id, token: twin!.open311_token };
  }
  announceChange(ctx.deps, { id: result.id, status: route ? 'dispatched' : 'submitted', orgPath: at.path, handlerPath: route?.handlerPath ?? null, summoned: [], reporterUserId: s.reporterUserId });
  void deliver(ctx.deps, out);
  return { created: true, id: result.id, token: result.open311_token, fresh: { row: result.view, events: result.events } };
}

/** The unit now holding it hears at once; an unrouted request goes to its community's (or street's) dispatchers. */
async function notifyIntake(trx: Transaction<DB>, id: number, at: { id: number; path: string }, handlerOrgId: number | null, except: number | null) {
  const ids = at.path.split('/').filter(Boolean).map(Number);
  const orgIds = handlerOrgId ? [handlerOrgId] : ids.slice(-2);
  return notify(trx, { kind: handlerOrgId ? 'dispatched' : 'submitted', requestId: id, orgIds, title: handlerOrgId ? `新派单诉求 #${id}` : `新诉求待受理 #${id}`, body: '请及时处理' }, except);
}

export async function submitRequest(ctx: AuthedCtx, input: SubmitInput) {
  const a = ctx.actor;
  if (!policy.canSubmit(a)) throw errors.forbidden();
  const staff = policy.canReadRequests(a);
  const resident = !staff;
  if (resident && (input.contactName || input.contactPhone)) throw errors.field('contactName', { zh: '居民本人上报无需填写联系人', en: 'is for staff recording a caller' });
  if (resident && input.channel && input.channel !== 'app') throw errors.field('channel', { zh: '居民只能通过 app 上报', en: 'residents report through the app' });
  const onPath = await orgsOnPath(ctx.deps, a.orgPath);
  const district = onPath.find((o) => o.level === 'district');
  const anonymous = input.anonymous === true && ctx.deps.config.requests.allowAnonymous;
  if (input.anonymous && !ctx.deps.config.requests.allowAnonymous) throw errors.field('anonymous', { zh: '本地未开放匿名反映', en: 'anonymous reports are not enabled here' });
  const channel: RequestChannel = input.channel ?? (resident ? 'app' : a.role === 'gridWorker' ? 'grid' : 'web');
  const reporterKind: ReporterKind = anonymous ? 'anonymous' : channel === 'hotline' ? 'hotline' : resident ? 'resident' : a.role === 'gridWorker' ? 'gridWorker' : 'staff';
  const r = await intake({
    ctx, idemScope: `u:${a.userId}`, reporterKind, reporterUserId: anonymous ? null : a.userId, channel,
    searchRoot: district && a.orgPath.startsWith(district.path) ? district.path : a.orgPath,
    fallbackOrg: { id: a.orgId, path: a.orgPath },
    mayPlaceAt: (p) => pathInScope(a, p),
  }, input);
  // An anonymous reporter cannot see the request afterwards; they get what was filed.
  const request = anonymous ? null : r.fresh ? detailOf(ctx, r.fresh.row, r.fresh.events, []) : await getRequest(ctx, r.id);
  return { created: r.created, request, id: r.id };
}

export interface Open311Submit {
  categoryCode: string; description: string; lon?: number; lat?: number; address?: string | null;
  contactName?: string | null; contactPhone?: string | null; email?: string | null; mediaUrl?: string | null; clientKey: string;
}

/** Open311 POST requests: the API key's org is the intake area; no user session. */
export async function submitViaOpen311(ctx: Ctx, key: { id: number; orgId: number; orgPath: string }, input: Open311Submit) {
  const cat = await catalogue(ctx.deps);
  const c = cat.byCode.get(input.categoryCode);
  if (!c || !c.active) throw errors.notFound('requestCategory');
  const kind = (c.kinds[0] as RequestKind | undefined) ?? 'problem';
  return intake({
    ctx, idemScope: `k:${key.id}`, reporterKind: 'open311', reporterUserId: null, channel: 'open311',
    searchRoot: key.orgPath, fallbackOrg: { id: key.orgId, path: key.orgPath }, mayPlaceAt: () => false,
  }, { ...input, kind, categoryId: c.id, description: input.description?.trim() || c.name });
}
