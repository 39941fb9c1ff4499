import { sql } from 'kysely';
import type { AuthedCtx } from '../../core/context.js';
import type { OrgLevel } from '../../db/schema.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { errors, type FieldErrors } from '../../core/errors.js';
import { paged, pageTotal, type PageQuery } from '../../core/schemas.js';
import * as repo from './repo.js';
import * as policy from './policy.js';
import { boundaryProblem, codeProblem, divisionCode, levelProblem } from './rules.js';
import { orgCache } from './cache.js';

export function presentOrg(ctx: AuthedCtx, o: repo.OrgRecord) {
  return {
    id: o.id, parentId: o.parent_id, level: o.level, code: o.code, divisionCode: divisionCode(o.level, o.code),
    name: o.name, path: o.path, childCount: o.child_count, householdsTarget: o.households_target,
    boundary: (o.boundary ?? null) as object | null,
    actions: policy.orgActions(ctx.actor, { level: o.level, path: o.path }),
    creatableChildLevels: policy.creatableChildLevels(ctx.actor, { level: o.level, path: o.path }),
  };
}

async function record(ctx: AuthedCtx, id: number): Promise<repo.OrgRecord | undefined> {
  const cache = orgCache(ctx.deps);
  let r = cache.records.get(id);
  if (!r) {
    r = await repo.getById(ctx.deps.db, id);
    if (r) cache.putRecord(r);
  }
  return r;
}

/** The org if the actor may read it; "not found" otherwise (existence is not revealed). */
export async function getOrgInScope(ctx: AuthedCtx, id: number): Promise<repo.OrgRecord> {
  if (!policy.canReadOrgs(ctx.actor)) throw errors.forbidden();
  const r = await record(ctx, id);
  if (!r || !policy.canReadOrg(ctx.actor, r)) throw errors.notFound('org');
  return r;
}

export async function getScopeRoots(ctx: AuthedCtx) {
  return [await getOrgInScope(ctx, ctx.actor.orgId)];
}

export async function listChildren(ctx: AuthedCtx, id: number, page: PageQuery) {
  const parent = await getOrgInScope(ctx, id);
  const cache = orgCache(ctx.deps);
  const key = `${id}:${page.page}:${page.pageSize}`;
  let hit = cache.children.get(key);
  if (!hit) {
    const rows = await repo.listChildren(ctx.deps.db, id, page);
    hit = { rows, total: rows[0]?.total ?? parent.child_count };
    cache.putChildren(key, hit);
  }
  return hit;
}

export type ChildrenPage = ReturnType<typeof paged<ReturnType<typeof presentOrg>>>;

/**
 * The children page as the UTF-8 JSON the route sends. `render` is the route's own
 * response serializer; its output is cached (encoded, so sending it costs no encoding or
 * length computation) per page and policy view and dropped with the rest of the org
 * cache on any org change. The scope check runs on every call.
 */
export async function renderChildren(ctx: AuthedCtx, id: number, page: PageQuery, render: (body: ChildrenPage) => string): Promise<Buffer> {
  const hit = await listChildren(ctx, id, page);
  const cache = orgCache(ctx.deps);
  const key = `${id}:${page.page}:${page.pageSize}\n${policy.actionsView(ctx.actor)}`;
  let json = cache.rendered.get(key);
  if (json === undefined) {
    json = Buffer.from(render(paged(hit.rows.map((o) => presentOrg(ctx, o)), hit.total, page)));
    cache.putRendered(key, json);
  }
  return json;
}

export async function ancestors(ctx: AuthedCtx, id: number) {
  const o = await getOrgInScope(ctx, id);
  return repo.ancestorsInScope(ctx.deps.db, ctx.actor, o.path);
}

export async function searchOrgs(ctx: AuthedCtx, f: repo.OrgFilter, page: PageQuery) {
  if (!policy.canReadOrgs(ctx.actor)) throw errors.forbidden();
  const rows = await repo.search(ctx.deps.db, ctx.actor, f, page);
  return { rows, total: await pageTotal(rows, page, () => repo.countSearch(ctx.deps.db, ctx.actor, f)) };
}

export async function subtreeStats(ctx: AuthedCtx, id: number) {
  const o = await getOrgInScope(ctx, id);
  const rows = await repo.subtreeCounts(ctx.deps.db, o.path);
  return Object.fromEntries(rows.map((r) => [r.level, r.n])) as Partial<Record<OrgLevel, number>>;
}

export interface CreateOrgInput { parentId: number; level: OrgLevel; code: string; name: string; householdsTarget?: number | null; boundary?: unknown }

function checkGridFields(level: OrgLevel, input: { householdsTarget?: number | null; boundary?: unknown }, fields: FieldErrors) {
  if (input.boundary !== undefined && input.boundary !== null) {
    if (level !== 'grid') fields.boundary = { zh: '只有网格可以设置边界', en: 'only grids have a boundary' };
    else {
      const p = boundaryProblem(input.boundary);
      if (p) fields.boundary = p;
    }
  }
  if (input.householdsTarget !== undefined && input.householdsTarget !== null && level !== 'grid')
    fields.householdsTarget = { zh: '只有网格可以设置户数目标', en: 'only grids have a households target' };
}

function afterOrgWrite(ctx: AuthedCtx) {
  ctx.deps.bus.emitLocal('org', 'changed');
}

export async function createOrg(ctx: AuthedCtx, input: CreateOrgInput) {
  const parent = await getOrgInScope(ctx, input.parentId).catch(() => {
    throw errors.field('parentId', { zh: '上级组织不存在或无权访问', en: 'is not an org within your scope' });
  });
  if (!policy.roleWritesLevel(ctx.actor, input.level)) throw errors.forbidden();
  const lp = levelProblem(input.level, parent.level);
  if (lp) throw errors.field('level', lp);
  if (!policy.canCreateUnder(ctx.actor, parent, input.level)) throw errors.forbidden();
  const fields: FieldErrors = {};
  const cp = codeProblem(input.level, input.code, parent.level, parent.code);
  if (cp) fields.code = cp;
  checkGridFields(input.level, input, fields);
  if (Object.keys(fields).length) throw errors.validation(fields);
  const id = await inTransaction(ctx, async (trx) => {
    if (await repo.getByCode(trx, input.code)) throw duplicateCode();
    const id = await repo.insertOrg(trx, {
      parentId: parent.id, parentPath: parent.path, level: input.level, code: input.code, name: input.name,
      householdsTarget: input.level === 'grid' ? input.householdsTarget ?? 500 : null, boundary: input.boundary ?? null,
    });
    await repo.notifyOrgChange(trx, `create:${id}`);
    await recordAudit(trx, ctx, {
      action: 'org.create', entityType: 'org', entityId: id, orgPath: `${parent.path}${id}/`,
      detail: { level: input.level, code: input.code, name: input.name, parentId: parent.id },
    });
    return id;
  });
  afterOrgWrite(ctx);
  return getOrgInScope(ctx, id);
}

const duplicateCode = () =>
  errors.conflict('ORG_CODE_TAKEN', { zh: '组织代码已存在', en: 'That org code is already used' }, { code: { zh: '已被使用', en: 'is already used' } });

export interface UpdateOrgInput { name?: string; code?: string; parentId?: number; householdsTarget?: number | null; boundary?: unknown }

export async function updateOrg(ctx: AuthedCtx, id: number, input: UpdateOrgInput) {
  const o = await getOrgInScope(ctx, id);
  if (!policy.canWriteAt(ctx.actor, o.level, o.path)) throw errors.forbidden();
  const fields: FieldErrors = {};
  let parent = o.parent_id ? await repo.getById(ctx.deps.db, o.parent_id) : undefined;
  if (input.parentId !== undefined && input.parentId !== o.parent_id) {
    const np = await getOrgInScope(ctx, input.parentId).catch(() => undefined);
    if (!np) fields.parentId = { zh: '上级组织不存在或无权访问', en: 'is not an org within your scope' };
    else if (np.path.startsWith(o.path)) fields.parentId = { zh: '不能移动到自身或下级之下（会形成环）', en: 'cannot be the org itself or one of its descendants (that would make a cycle)' };
    else if (!policy.canCreateUnder(ctx.actor, np, o.level)) fields.parentId = levelProblem(o.level, np.level) ?? { zh: '无权移动到该组织下', en: 'you may not move orgs there' };
    parent = np;
  }
  const code = input.code ?? o.code;
  if (parent && !fields.parentId) {
    const cp = codeProblem(o.level, code, parent.level, parent.code);
    if (cp) fields.code = cp;
  }
  checkGridFields(o.level, input, fields);
  if (Object.keys(fields).length) throw errors.validation(fields);
  const moved = parent && parent.id !== o.parent_id;
  if (moved && o.child_count > 0 && code !== o.code)
    throw errors.field('code', { zh: '有下级的组织移动时不能改代码（下级代码以它为前缀）', en: 'cannot change while the org has children (their codes extend it)' });
  await inTransaction(ctx, async (trx) => {
    if (code !== o.code && (await repo.getByCode(trx, code))) throw duplicateCode();
    if (moved) {
      await repo.rewritePaths(trx, o.path, `${parent!.path}${o.id}/`);
      // Signed-in users below the moved org carry its old path in their cached sessions.
      await sql`SELECT pg_notify('gongzhi_session', 'all')`.execute(trx);
    }
    await trx.updateTable('org').set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(code !== o.code ? { code } : {}),
      ...(moved ? { parent_id: parent!.id } : {}),
      ...(input.householdsTarget !== undefined ? { households_target: input.householdsTarget } : {}),
      ...(input.boundary !== undefined ? { boundary: input.boundary === null ? null : JSON.stringify(input.boundary) } : {}),
      updated_at: new Date(),
    }).where('id', '=', id).execute();
    await repo.notifyOrgChange(trx, `update:${id}`);
    await recordAudit(trx, ctx, {
      action: moved ? 'org.move' : 'org.update', entityType: 'org', entityId: id, orgPath: moved ? `${parent!.path}${o.id}/` : o.path,
      detail: { changed: Object.keys(input), ...(moved ? { from: o.parent_id, to: parent!.id } : {}), ...(code !== o.code ? { code } : {}) },
    });
  });
  afterOrgWrite(ctx);
  if (moved) ctx.deps.bus.emitLocal('session', 'all');
  return getOrgInScope(ctx, id);
}

export async function deleteOrg(ctx: AuthedCtx, id: number) {
  const o = await getOrgInScope(ctx, id);
  if (!policy.canWriteAt(ctx.actor, o.level, o.path)) throw errors.forbidden();
  if (o.child_count > 0)
    throw errors.conflict('ORG_HAS_CHILDREN', { zh: `该组织还有 ${o.child_count} 个下级，不能删除`, en: `The org still has ${o.child_count} children` });
  await inTransaction(ctx, async (trx) => {
    const deps = await repo.dependentsOf(trx, id);
    if (deps.length)
      throw errors.conflict('ORG_IN_USE', {
        zh: `该组织仍有关联数据（${deps.map((d) => d.zh).join('、')}），不能删除`,
        en: `The org still owns data (${deps.map((d) => d.en).join(', ')})`,
      });
    await trx.deleteFrom('org').where('id', '=', id).execute();
    await repo.notifyOrgChange(trx, `delete:${id}`);
    await recordAudit(trx, ctx, { action: 'org.delete', entityType: 'org', entityId: id, orgPath: o.path, detail: { code: o.code, name: o.name } });
  });
  afterOrgWrite(ctx);
}
