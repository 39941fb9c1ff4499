import crypto from 'node:crypto';
import type { AuthedCtx } from '../../core/context.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import type { PageQuery } from '../../core/schemas.js';
import type { RequestKind } from '../../db/schema.js';
import { getOrgInScope } from '../orgs/service.js';
import { announceCatalogueChange, catalogue, forgetCatalogue } from './catalogue.js';
import * as cfg from './repo-config.js';
import * as policy from './policy.js';
import { effectiveDeadlines } from './rules.js';

/** Configuration: the category catalogue (诉求分类), routing rules (派单规则) and Open311 keys. */
export interface CategoryInput {
  parentId?: number | null; code?: string; name?: string; nameEn?: string | null; description?: string | null; kinds?: RequestKind[];
  acceptHours?: number | null; respondHours?: number | null; resolveHours?: number | null; escalateHours?: number | null; checkinHours?: number | null;
  public?: boolean; active?: boolean; sort?: number;
}

function presentCategory(ctx: AuthedCtx, c: cfg.CategoryRow, chain: cfg.CategoryRow[]) {
  return {
    id: c.id, parentId: c.parent_id, code: c.code, name: c.name, nameEn: c.name_en, description: c.description, kinds: c.kinds as RequestKind[],
    acceptHours: c.accept_hours, respondHours: c.respond_hours, resolveHours: c.resolve_hours, escalateHours: c.escalate_hours, checkinHours: c.checkin_hours,
    effective: effectiveDeadlines(chain), public: c.public, active: c.active, sort: c.sort,
    actions: policy.canConfigureCategories(ctx.actor) ? ['update'] : [],
  };
}

/** Anyone signed in reads the catalogue (residents choose from it); inactive ones only for configurers. */
export async function listCategories(ctx: AuthedCtx, all: boolean) {
  const cat = await catalogue(ctx.deps);
  const showAll = all && policy.canConfigureCategories(ctx.actor);
  return [...cat.byId.values()].filter((c) => showAll || c.active).map((c) => presentCategory(ctx, c, cat.chain(c.id)));
}

const columnsOf = (b: CategoryInput) => ({
  ...(b.parentId !== undefined ? { parent_id: b.parentId } : {}), ...(b.name !== undefined ? { name: b.name.trim() } : {}),
  ...(b.nameEn !== undefined ? { name_en: b.nameEn?.trim() || null } : {}), ...(b.description !== undefined ? { description: b.description?.trim() || null } : {}),
  ...(b.kinds !== undefined ? { kinds: b.kinds } : {}), ...(b.acceptHours !== undefined ? { accept_hours: b.acceptHours } : {}),
  ...(b.respondHours !== undefined ? { respond_hours: b.respondHours } : {}), ...(b.resolveHours !== undefined ? { resolve_hours: b.resolveHours } : {}),
  ...(b.escalateHours !== undefined ? { escalate_hours: b.escalateHours } : {}), ...(b.checkinHours !== undefined ? { checkin_hours: b.checkinHours } : {}),
  ...(b.public !== undefined ? { public: b.public } : {}), ...(b.active !== undefined ? { active: b.active } : {}), ...(b.sort !== undefined ? { sort: b.sort } : {}),
});

async function checkParent(ctx: AuthedCtx, id: number | null, parentId: number | null | undefined) {
  if (parentId === undefined || parentId === null) return;
  const cat = await catalogue(ctx.deps);
  if (!cat.byId.has(parentId)) throw errors.field('parentId', { zh: '上级分类不存在', en: 'is not a category' });
  if (id !== null && cat.chain(parentId).some((c) => c.id === id)) throw errors.field('parentId', { zh: '不能把分类放到自己或下级之下', en: 'would make a cycle' });
}

async function afterCatalogueWrite(ctx: AuthedCtx, write: () => Promise<number>) {
  const id = await write();
  forgetCatalogue(ctx.deps);
  const cat = await catalogue(ctx.deps);
  return presentCategory(ctx, cat.byId.get(id)!, cat.chain(id));
}

export async function createCategory(ctx: AuthedCtx, b: CategoryInput & { code: string; name: string }) {
  if (!policy.canConfigureCategories(ctx.actor)) throw errors.forbidden();
  await checkParent(ctx, null, b.parentId);
  if ((await catalogue(ctx.deps)).byCode.has(b.code)) throw errors.conflict('DUPLICATE_CODE', { zh: '分类编码已存在', en: 'the category code is taken' }, { code: { zh: '已存在', en: 'is taken' } });
  return afterCatalogueWrite(ctx, () => inTransaction(ctx, async (trx) => {
    const id = await cfg.insertCategory(trx, { parent_id: null, name_en: null, description: null, kinds: [], accept_hours: null, respond_hours: null, resolve_hours: null, escalate_hours: null, checkin_hours: null, public: false, active: true, sort: 0, ...columnsOf(b), code: b.code, name: b.name.trim() });
    await announceCatalogueChange(trx, 'category');
    await recordAudit(trx, ctx, { action: 'requestCategory.create', entityType: 'requestCategory', entityId: id, detail: { code: b.code } });
    return id;
  }));
}

export async function updateCategory(ctx: AuthedCtx, id: number, b: CategoryInput) {
  if (!policy.canConfigureCategories(ctx.actor)) throw errors.forbidden();
  if (!(await catalogue(ctx.deps)).byId.has(id)) throw errors.notFound('requestCategory');
  await checkParent(ctx, id, b.parentId);
  return afterCatalogueWrite(ctx, () => inTransaction(ctx, async (trx) => {
    await cfg.updateCategory(trx, id, columnsOf(b));
    await announceCatalogueChange(trx, 'category');
    await recordAudit(trx, ctx, { action: 'requestCategory.update', entityType: 'requestCategory', entityId: id, detail: { fields: Object.keys(b) } });
    return id;
  }));
}

// ── Routing rules ──
function presentRoute(ctx: AuthedCtx, r: Awaited<ReturnType<typeof cfg.listRoutes>>[number]) {
  return {
    id: r.id, orgId: r.org_id, orgName: r.org_name, categoryId: r.category_id, categoryName: r.category_name,
    handlerOrgId: r.handler_org_id, handlerName: r.handler_name, createdAt: r.created_at.toISOString(),
    actions: policy.canConfigureArea(ctx.actor, r.org_path) ? ['delete'] : [],
  };
}

export async function listRoutes(ctx: AuthedCtx, f: { orgId?: number; categoryId?: number }, page: PageQuery) {
  if (!policy.canReadRequests(ctx.actor) && !policy.canConfigureCategories(ctx.actor)) throw errors.forbidden();
  const underPath = f.orgId ? (await getOrgInScope(ctx, f.orgId)).path : undefined;
  const rows = await cfg.listRoutes(ctx.deps.db, ctx.actor, { underPath, categoryId: f.categoryId }, page);
  return { items: rows.map((r) => presentRoute(ctx, r)), total: rows[0]?.total ?? 0 };
}

/** A rule says: in this area (district, street or community), this category goes to that unit. */
export async function createRoute(ctx: AuthedCtx, b: { orgId: number; categoryId: number; handlerOrgId: number }) {
  const area = await getOrgInScope(ctx, b.orgId);
  if (!policy.canConfigureArea(ctx.actor, area.path)) throw errors.forbidden();
  if (!['district', 'street', 'community'].includes(area.level)) throw errors.field('orgId', { zh: '须为区、街道或社区', en: 'must be a district, street or community' });
  if (!(await catalogue(ctx.deps)).byId.has(b.categoryId)) throw errors.field('categoryId', { zh: '分类不存在', en: 'is not a category' });
  const h = await cfg.orgById(ctx.deps.db, b.handlerOrgId);
  const hParent = h?.path.replace(/\d+\/$/, '') ?? '';
  const ok = h && ((h.level === 'department' && area.path.startsWith(hParent)) || ((h.level === 'community' || h.level === 'grid') && h.path.startsWith(area.path)));
  if (!ok) throw errors.field('handlerOrgId', { zh: '须为该区域上级的职能部门，或区域内的社区、网格', en: 'must be a department above the area, or a community or grid inside it' });
  const id = await inTransaction(ctx, async (trx) => {
    const id = await cfg.insertRoute(trx, { orgId: area.id, orgPath: area.path, categoryId: b.categoryId, handlerOrgId: h.id, createdBy: ctx.actor.userId });
    await announceCatalogueChange(trx, 'route');
    await recordAudit(trx, ctx, { action: 'routeRule.create', entityType: 'routeRule', entityId: id, orgPath: area.path, detail: b });
    return id;
  }).catch((e: { code?: string }) => {
    if (e.code === '23505') throw errors.conflict('DUPLICATE_RULE', { zh: '该区域已有此分类的派单规则', en: 'this area already has a rule for the category' });
    throw e;
  });
  forgetCatalogue(ctx.deps);
  const rows = await cfg.listRoutes(ctx.deps.db, ctx.actor, { underPath: area.path, categoryId: b.categoryId }, { page: 1, pageSize: 200 });
  return presentRoute(ctx, rows.find((r) => r.id === id)!);
}

export async function deleteRoute(ctx: AuthedCtx, id: number) {
  const r = await cfg.getRoute(ctx.deps.db, ctx.actor, id);
  if (!r) throw errors.notFound('routeRule');
  if (!policy.canConfigureArea(ctx.actor, r.org_path)) throw errors.forbidden();
  await inTransaction(ctx, async (trx) => {
    await cfg.deleteRoute(trx, id);
    await announceCatalogueChange(trx, 'route');
    await recordAudit(trx, ctx, { action: 'routeRule.delete', entityType: 'routeRule', entityId: id, orgPath: r.org_path, detail: { categoryId: r.category_id, handlerOrgId: r.handler_org_id } });
  });
  forgetCatalogue(ctx.deps);
}

// ── Open311 keys ──
const presentKey = (k: cfg.KeyRow) => ({
  id: k.id, orgId: k.org_id, orgName: k.org_name, name: k.name, keyPrefix: k.key_prefix, createdAt: k.created_at.toISOString(), revokedAt: k.revoked_at?.toISOString() ?? null,
});

export async function listKeys(ctx: AuthedCtx, page: PageQuery) {
  if (!policy.canConfigureArea(ctx.actor, ctx.actor.orgPath)) throw errors.forbidden();
  const rows = await cfg.listKeys(ctx.deps.db, ctx.actor, page);
  return { items: rows.map(presentKey), total: rows[0]?.total ?? 0 };
}

/** The key is shown once; only its keyed hash is stored. Requests without a point land at the key's org. */
export async function createKey(ctx: AuthedCtx, b: { orgId: number; name: string }) {
  const o = await getOrgInScope(ctx, b.orgId);
  if (!policy.canConfigureArea(ctx.actor, o.path)) throw errors.forbidden();
  if (!['street', 'community', 'grid'].includes(o.level)) throw errors.field('orgId', { zh: '须为街道、社区或网格（无定位的诉求落在此处）', en: 'must be a street, community or grid (where requests without a point land)' });
  const apiKey = `gz311_${crypto.randomBytes(24).toString('base64url')}`;
  const id = await inTransaction(ctx, async (trx) => {
    const id = await cfg.insertKey(trx, { orgId: o.id, orgPath: o.path, name: b.name.trim(), keyHash: ctx.deps.cipher.lookupHash(apiKey), keyPrefix: apiKey.slice(0, 10), createdBy: ctx.actor.userId });
    await recordAudit(trx, ctx, { action: 'apiKey.create', entityType: 'apiKey', entityId: id, orgPath: o.path, detail: { name: b.name.trim() } });
    return id;
  });
  const rows = await cfg.listKeys(ctx.deps.db, ctx.actor, { page: 1, pageSize: 200 });
  return { ...presentKey(rows.find((k) => k.id === id)!), apiKey };
}

export async function revokeKey(ctx: AuthedCtx, id: number) {
  const k = await cfg.getKey(ctx.deps.db, ctx.actor, id);
  if (!k) throw errors.notFound('apiKey');
  if (!policy.canConfigureArea(ctx.actor, k.org_path)) throw errors.forbidden();
  await inTransaction(ctx, async (trx) => {
    await cfg.revokeKey(trx, id);
    await recordAudit(trx, ctx, { action: 'apiKey.revoke', entityType: 'apiKey', entityId: id, orgPath: k.org_path });
  });
}
