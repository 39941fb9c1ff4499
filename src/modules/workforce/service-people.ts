import type { AuthedCtx } from '../../core/context.js';
import type { CertLevel } from '../../db/schema-workforce.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { errors, type FieldErrors } from '../../core/errors.js';
import { pageTotal, type PageQuery } from '../../core/schemas.js';
import { msg, orgField, secretColumns, trimOrNull } from '../socialorgs/common.js';
import * as repo from './repo.js';
import * as policy from './policy.js';
import { chinaToday } from './rules.js';

/** 社工站 and 专业社工: register, change, list, reveal a phone. */

// ── Stations ──
export function presentStation(ctx: AuthedCtx, s: repo.StationRow) {
  return {
    id: s.id, orgId: s.org_id, orgName: s.org_name, level: s.level, name: s.name, address: s.address, openedOn: s.opened_on, status: s.status,
    workers: s.workers, createdAt: s.created_at.toISOString(), actions: policy.recordActions(ctx.actor, s.org_path),
  };
}
export interface StationListQuery { orgId?: number; q?: string; status?: 'active' | 'closed' }
export async function stationFilter(ctx: AuthedCtx, q: StationListQuery): Promise<repo.StationFilter> {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const org = q.orgId ? await orgField(ctx, q.orgId, policy.FILTER_LEVELS) : null;
  return { orgPath: org?.path ?? ctx.actor.orgPath, q: q.q?.trim() || undefined, status: q.status };
}
export async function listStations(ctx: AuthedCtx, q: StationListQuery, page: PageQuery) {
  const f = await stationFilter(ctx, q);
  const rows = await repo.stationsPage(ctx.deps.db, ctx.actor, f, page);
  return { items: rows.map((r) => presentStation(ctx, r)), total: await pageTotal(rows, page, () => repo.countStations(ctx.deps.db, ctx.actor, f)) };
}
async function loadStation(ctx: AuthedCtx, id: number) {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const s = await repo.getStation(ctx.deps.db, ctx.actor, id);
  if (!s) throw errors.notFound('station');
  return s;
}
export async function getStation(ctx: AuthedCtx, id: number) {
  return presentStation(ctx, await loadStation(ctx, id));
}
const notFuture = (field: string, day: string | null | undefined) => {
  if (day && day > chinaToday()) throw errors.field(field, msg('不能晚于今天', 'cannot be in the future'));
};
export async function createStation(ctx: AuthedCtx, input: { orgId: number; name: string; address?: string | null; openedOn?: string | null }) {
  if (!policy.canManage(ctx.actor)) throw errors.forbidden();
  const org = await orgField(ctx, input.orgId, policy.STATION_LEVELS);
  notFuture('openedOn', input.openedOn);
  const id = await inTransaction(ctx, async (trx) => {
    const id = await repo.insertStation(trx, org, {
      level: org.level as 'street' | 'community', name: input.name.trim(), address: trimOrNull(input.address) ?? null, opened_on: input.openedOn ?? null, created_by: ctx.actor.userId,
    });
    await recordAudit(trx, ctx, { action: 'station.create', entityType: 'station', entityId: id, orgPath: org.path, detail: { orgId: org.id } });
    return id;
  });
  return getStation(ctx, id);
}
export async function updateStation(ctx: AuthedCtx, id: number, input: { name?: string; address?: string | null; openedOn?: string | null; status?: 'active' | 'closed' }) {
  const s = await loadStation(ctx, id);
  if (!policy.canManageAt(ctx.actor, s.org_path)) throw errors.forbidden();
  notFuture('openedOn', input.openedOn);
  await inTransaction(ctx, async (trx) => {
    await repo.updateStation(trx, id, { name: input.name?.trim(), address: trimOrNull(input.address), opened_on: input.openedOn, status: input.status });
    await recordAudit(trx, ctx, { action: 'station.update', entityType: 'station', entityId: id, orgPath: s.org_path, detail: { changed: Object.keys(input), status: input.status } });
  });
  return getStation(ctx, id);
}

// ── Social workers ──
export function presentWorker(ctx: AuthedCtx, w: repo.WorkerRow) {
  const manage = policy.canManageAt(ctx.actor, w.org_path);
  return {
    id: w.id, orgId: w.org_id, orgName: w.org_name, name: w.name, userId: w.user_id, stationId: w.station_id, stationName: w.station_name, employer: w.employer,
    phone: manage ? w.phone_masked : null, certLevel: w.cert_level, certNo: w.cert_no, certOn: w.cert_on, status: w.status, createdAt: w.created_at.toISOString(),
    actions: policy.recordActions(ctx.actor, w.org_path, w.phone_masked ? ['reveal'] : []),
  };
}
export interface WorkerListQuery { orgId?: number; q?: string; stationId?: number; certLevel?: CertLevel; status?: 'active' | 'left' }
export async function workerFilter(ctx: AuthedCtx, q: WorkerListQuery): Promise<repo.WorkerFilter> {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const org = q.orgId ? await orgField(ctx, q.orgId, policy.FILTER_LEVELS) : null;
  return { orgPath: org?.path ?? ctx.actor.orgPath, q: q.q?.trim() || undefined, stationId: q.stationId, certLevel: q.certLevel, status: q.status };
}
export async function listWorkers(ctx: AuthedCtx, q: WorkerListQuery, page: PageQuery) {
  const f = await workerFilter(ctx, q);
  const rows = await repo.workersPage(ctx.deps.db, ctx.actor, f, page);
  return { items: rows.map((r) => presentWorker(ctx, r)), total: await pageTotal(rows, page, () => repo.countWorkers(ctx.deps.db, ctx.actor, f)) };
}
async function loadWorker(ctx: AuthedCtx, id: number) {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const w = await repo.getWorker(ctx.deps.db, ctx.actor, id);
  if (!w) throw errors.notFound('socialWorker');
  return w;
}
export async function getWorker(ctx: AuthedCtx, id: number) {
  return presentWorker(ctx, await loadWorker(ctx, id));
}

interface WorkerFields {
  name?: string; userId?: number | null; stationId?: number | null; employer?: string | null; phone?: string | null;
  certLevel?: CertLevel; certNo?: string | null; certOn?: string | null; status?: 'active' | 'left';
}

/** A certificate needs its number and date; no certificate, neither. Collects every problem. */
export function certProblems(level: CertLevel, no: string | null, on: string | null): FieldErrors {
  const p: FieldErrors = {};
  if (level !== 'none') {
    if (!no) p.certNo = msg('持证时必须填写证书编号', 'is required with a certificate');
    if (!on) p.certOn = msg('持证时必须填写取证日期', 'is required with a certificate');
  }
  if (on && on > chinaToday()) p.certOn = msg('不能晚于今天', 'cannot be in the future');
  return p;
}

/** The account to link: in scope, of the role, not linked to another record of the table. */
export async function checkAccount(ctx: AuthedCtx, table: 'social_worker' | 'worker_profile', userId: number, selfId: number | null, roles: readonly string[]) {
  const u = await repo.accountInScope(ctx.deps.db, ctx.actor, userId);
  if (!u || !roles.includes(u.role)) throw errors.field('userId', msg(`必须是本辖区的账号（角色：${roles.join('、')}）`, `must be an account within your scope with the role ${roles.join(' or ')}`));
  const other = await repo.linkedTo(ctx.deps.db, table, userId);
  if (other && other.id !== selfId) throw errors.conflict('ACCOUNT_LINKED', msg('该账号已关联其他档案', 'the account is linked to another record'), { userId: msg('已关联其他档案', 'is linked to another record') });
}

async function workerValues(ctx: AuthedCtx, input: WorkerFields, cur: { id: number | null; org_path: string; cert_level: CertLevel; cert_no: string | null; cert_on: string | null }) {
  const level = input.certLevel ?? cur.cert_level;
  const none = level === 'none';
  const no = none ? null : input.certNo !== undefined ? trimOrNull(input.certNo) ?? null : cur.cert_no;
  const on = none ? null : input.certOn !== undefined ? input.certOn : cur.cert_on;
  const problems = certProblems(level, no, on);
  if (Object.keys(problems).length) throw errors.validation(problems);
  if (input.userId) await checkAccount(ctx, 'social_worker', input.userId, cur.id, ['socialOrgStaff']);
  if (input.stationId) {
    const st = await repo.getStation(ctx.deps.db, ctx.actor, input.stationId);
    if (!st || st.status !== 'active' || !cur.org_path.startsWith(st.org_path) && !st.org_path.startsWith(cur.org_path)) {
      throw errors.field('stationId', msg('社工站不存在、已关闭或不在该社工所在地区', 'is not an open station of the worker’s area'));
    }
  }
  const v: repo.WorkerValues = { cert_level: level, cert_no: no, cert_on: on };
  if (input.name !== undefined) v.name = input.name.trim();
  if (input.userId !== undefined) v.user_id = input.userId;
  if (input.stationId !== undefined) v.station_id = input.stationId;
  if (input.employer !== undefined) v.employer = trimOrNull(input.employer);
  if (input.status !== undefined) v.status = input.status;
  if (input.phone !== undefined) {
    const c = secretColumns(ctx, input.phone, 'phone');
    Object.assign(v, { phone_enc: c.enc, phone_hash: c.hash, phone_masked: c.masked });
  }
  return v;
}

export async function createWorker(ctx: AuthedCtx, input: WorkerFields & { orgId: number; name: string }) {
  if (!policy.canManage(ctx.actor)) throw errors.forbidden();
  const org = await orgField(ctx, input.orgId, policy.HOME_LEVELS);
  const v = await workerValues(ctx, input, { id: null, org_path: org.path, cert_level: 'none', cert_no: null, cert_on: null });
  const id = await inTransaction(ctx, async (trx) => {
    const id = await repo.insertWorker(trx, org, { ...v, name: input.name.trim(), created_by: ctx.actor.userId });
    await recordAudit(trx, ctx, { action: 'socialWorker.create', entityType: 'socialWorker', entityId: id, orgPath: org.path, detail: { orgId: org.id, certLevel: v.cert_level, linkedUser: input.userId ?? null } });
    return id;
  });
  return getWorker(ctx, id);
}

export async function updateWorker(ctx: AuthedCtx, id: number, input: WorkerFields) {
  const w = await loadWorker(ctx, id);
  if (!policy.canManageAt(ctx.actor, w.org_path)) throw errors.forbidden();
  const v = await workerValues(ctx, input, w);
  await inTransaction(ctx, async (trx) => {
    await repo.updateWorker(trx, id, v);
    await recordAudit(trx, ctx, { action: 'socialWorker.update', entityType: 'socialWorker', entityId: id, orgPath: w.org_path, detail: { changed: Object.keys(input), certLevel: input.certLevel, linkedUser: input.userId } });
  });
  return getWorker(ctx, id);
}

export async function revealWorkerPhone(ctx: AuthedCtx, id: number, reason: string) {
  const w = await loadWorker(ctx, id);
  const allowed = policy.canManageAt(ctx.actor, w.org_path);
  await inTransaction(ctx, (trx) => recordAudit(trx, ctx, {
    action: 'socialWorker.reveal', entityType: 'socialWorker', entityId: id, orgPath: w.org_path, outcome: allowed ? 'success' : 'denied', detail: { field: 'phone', reason: reason.trim() },
  }));
  if (!allowed) throw errors.forbidden();
  const enc = (await repo.workerPhone(ctx.deps.db, id)).phone_enc;
  return { value: enc ? ctx.deps.cipher.decrypt(enc) : null };
}
