import type { AuthedCtx } from '../../core/context.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import type { PageQuery } from '../../core/schemas.js';
import type { RequestKind, RequestStatus } from '../../db/schema.js';
import { getOrgInScope } from '../orgs/service.js';
import { attachmentData } from '../gridwork/service-attachments.js';
import * as cfg from './repo-config.js';
import * as repo from './repo.js';
import * as policy from './policy.js';
import { isStaff, loadVisible, presentRequest, targetOf } from './service-view.js';

/** The work board: queue pages with counters, exports, the map, dispatch targets, photos, contact reveal. */
export const COUNT_CAP = 10_000;

export interface ListInput {
  view?: repo.View; status?: RequestStatus; kind?: RequestKind; categoryId?: number; orgId?: number; handlerOrgId?: number;
  q?: string; from?: string; to?: string;
}

const CHINA = 8 * 3600_000;
const dayStart = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - CHINA);

async function filterOf(ctx: AuthedCtx, q: ListInput): Promise<repo.ListFilter> {
  const staff = isStaff(ctx.actor);
  const view = q.view ?? (staff ? 'open' : 'mine');
  if (!staff && view !== 'mine') throw errors.field('view', { zh: '居民只能查看自己的诉求', en: 'residents see their own requests only' });
  const f: repo.ListFilter = { view, status: q.status, kind: q.kind, categoryId: q.categoryId, handlerOrgId: q.handlerOrgId, q: q.q?.trim() || undefined };
  if (q.orgId) f.underPath = (await getOrgInScope(ctx, q.orgId)).path;
  if (q.from) f.from = dayStart(q.from);
  if (q.to) f.to = new Date(dayStart(q.to).getTime() + 86400_000);
  return f;
}

export async function listRequests(ctx: AuthedCtx, q: ListInput, page: PageQuery) {
  if (!policy.canReadRequests(ctx.actor) && !policy.canSubmit(ctx.actor)) throw errors.forbidden();
  const staff = isStaff(ctx.actor);
  const f = await filterOf(ctx, q);
  const db = ctx.deps.db;
  const [rows, counters] = await Promise.all([
    repo.listPage(db, ctx.actor, staff, f, page),
    staff ? repo.counters(db, ctx.actor, COUNT_CAP) : Promise.resolve({ open: 0, awaiting: 0, overdue: 0 }),
  ]);
  const more = rows.length > page.pageSize;
  const items = rows.slice(0, page.pageSize).map((r) => presentRequest(ctx, r));
  let total = (page.page - 1) * page.pageSize + items.length;
  let totalExact = !more;
  if (more) {
    const n = await repo.countUpTo(db, ctx.actor, staff, f, COUNT_CAP + 1);
    totalExact = n <= COUNT_CAP;
    total = Math.min(n, COUNT_CAP);
  }
  return { items, total, totalExact, page: page.page, pageSize: page.pageSize, counters };
}

export const EXPORT_COLUMNS = (en: boolean) => [
  { header: en ? 'No.' : '编号', key: 'id', width: 10 }, { header: en ? 'Kind' : '类型', key: 'kind', width: 10 },
  { header: en ? 'Category' : '分类', key: 'categoryName' }, { header: en ? 'Status' : '状态', key: 'status', width: 12 },
  { header: en ? 'Area' : '所在地', key: 'orgName' }, { header: en ? 'Handler' : '承办单位', key: 'handlerName' },
  { header: en ? 'Description' : '内容', key: 'description', width: 40 }, { header: en ? 'Address' : '地址', key: 'address', width: 30 },
  { header: en ? 'Submitted' : '提交时间', key: 'createdAt', width: 22 }, { header: en ? 'Due' : '办结时限', key: 'resolveDueAt', width: 22 },
  { header: en ? 'Resolved' : '办结时间', key: 'resolvedAt', width: 22 }, { header: en ? 'Overdue' : '超期', key: 'overdueLevel', width: 8 },
  { header: en ? 'Rating' : '评价', key: 'rating', width: 10 }, { header: en ? 'Contact (masked)' : '联系人（脱敏）', key: 'contact', width: 16 },
];

/** Streams the filtered list (newest first), masked, and audits the export. */
export async function* exportRows(ctx: AuthedCtx, q: ListInput): AsyncIterable<Record<string, unknown>> {
  if (!policy.canReadRequests(ctx.actor)) throw errors.forbidden();
  const f = await filterOf(ctx, q);
  let before: number | null = null;
  let n = 0;
  for (;;) {
    const rows = await repo.exportBatch(ctx.deps.db, ctx.actor, true, f, before, 1000);
    for (const r of rows) {
      const v = presentRequest(ctx, r);
      n++;
      yield { ...v, contact: [v.contactName, v.contactPhone].filter(Boolean).join(' ') };
    }
    if (rows.length < 1000) break;
    before = rows[rows.length - 1].id;
  }
  await inTransaction(ctx, (trx) => recordAudit(trx, ctx, { action: 'request.export', entityType: 'request', detail: { filter: q, rows: n } }));
}

export async function mapData(ctx: AuthedCtx, orgId?: number) {
  if (!policy.canReadRequests(ctx.actor)) throw errors.forbidden();
  const root = orgId ? (await getOrgInScope(ctx, orgId)).path : ctx.actor.orgPath;
  const [grids, points] = await Promise.all([cfg.gridsUnder(ctx.deps.db, root), repo.mapPoints(ctx.deps.db, ctx.actor, orgId ? root : null, 2000)]);
  const names = grids.length ? await ctx.deps.db.selectFrom('org').select(['id', 'name']).where('id', 'in', grids.slice(0, 2000).map((g) => g.id)).execute() : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  return {
    tileUrl: ctx.deps.config.requests.mapTileUrl,
    grids: grids.slice(0, 2000).map((g) => ({ id: g.id, name: nameOf.get(g.id) ?? '', boundary: g.boundary })),
    requests: points.map((p) => ({ id: p.id, lon: p.lon!, lat: p.lat!, status: p.status, overdueLevel: p.overdue_level, categoryName: p.category_name })),
  };
}

/** Where the request may be sent: departments above its area, and communities/grids in the dispatcher's scope around it. */
export async function dispatchTargets(ctx: AuthedCtx, id: number) {
  const r = await loadVisible(ctx, id);
  if (!policy.canDispatchArea(ctx.actor, { orgPath: r.org_path }) && !policy.canSupervise(ctx.actor, targetOf(r))) return [];
  const street = r.org_path.split('/').filter(Boolean).slice(0, -1);
  const areaRoot = ctx.actor.orgPath.length > r.org_path.length ? ctx.actor.orgPath : `/${street.join('/')}/`;
  const [depts, units] = await Promise.all([cfg.departmentsAbove(ctx.deps.db, r.org_path), cfg.unitsInScope(ctx.deps.db, ctx.actor, areaRoot)]);
  return [...depts, ...units].map((o) => ({ id: o.id, name: o.name, level: o.level, path: o.path }));
}

export async function requestPhoto(ctx: AuthedCtx, id: number, photoId: number) {
  const r = await loadVisible(ctx, id);
  if (!r.photo_ids.includes(photoId)) throw errors.notFound('attachment');
  return attachmentData(ctx, photoId);
}

/** The caller's name or phone recorded with the request: permission, scope and a reason; audited, refusals too. */
export async function revealContact(ctx: AuthedCtx, id: number, field: 'contactName' | 'contactPhone', reason: string) {
  const r = await loadVisible(ctx, id);
  const allowed = policy.canRevealContact(ctx.actor, targetOf(r));
  await inTransaction(ctx, (trx) => recordAudit(trx, ctx, {
    action: 'request.reveal', entityType: 'request', entityId: id, orgPath: r.org_path, outcome: allowed ? 'success' : 'denied', detail: { field, reason },
  }));
  if (!allowed) throw errors.forbidden();
  const c = await repo.contactCiphertext(ctx.deps.db, id);
  const enc = field === 'contactName' ? c.contact_name_enc : c.contact_phone_enc;
  return { value: enc ? ctx.deps.cipher.decrypt(enc) : null };
}
