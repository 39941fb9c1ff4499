import type { AuthedCtx } from '../../core/context.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import { pageTotal, type PageQuery } from '../../core/schemas.js';
import { pathInScope } from '../../core/scope.js';
import * as repo from './repo-estates.js';
import * as policy from './policy.js';
import { normalizePlaceName } from './rules.js';
import { communityPathOf } from './grid-assign.js';
import { mergedPoint, nameTaken, notEmpty, placeOrg, refusing } from './service-common.js';
import { getOrg } from './repo.js';
import { rewritePlaces } from './service.js';

/** Estates (小区), buildings (楼栋) and units (单元). */

const ESTATE = { zh: '小区', en: 'estate' };
const BUILDING = { zh: '楼栋', en: 'building' };
const UNIT = { zh: '单元', en: 'unit' };
const n = (count: number, zh: string, en: string) => ({ zh: `${count} ${zh}`, en: `${count} ${en}${count === 1 ? '' : 's'}` });

function mustRead(ctx: AuthedCtx) {
  if (!policy.canReadPlaces(ctx.actor)) throw errors.forbidden();
}
function mustWrite(ctx: AuthedCtx) {
  if (!policy.canWritePlaces(ctx.actor)) throw errors.forbidden();
}

// ── 小区 ──
export function presentEstate(ctx: AuthedCtx, e: repo.EstateRecord) {
  return {
    id: e.id, orgId: e.org_id, orgName: e.org_name, name: e.name, address: e.address, lon: e.lon, lat: e.lat,
    buildingCount: e.building_count, householdCount: e.household_count, actions: policy.placeActions(ctx.actor, e),
  };
}

export async function getEstateInScope(ctx: AuthedCtx, id: number) {
  mustRead(ctx);
  const e = await repo.getEstate(ctx.deps.db, ctx.actor, id);
  if (!e) throw errors.notFound('estate');
  return e;
}

/** An org filter names a subtree; an org outside the scope simply matches nothing the actor sees. */
async function underPath(ctx: AuthedCtx, orgId: number | undefined) {
  if (!orgId) return undefined;
  const o = await getOrg(ctx.deps.db, orgId);
  if (!o || !pathInScope(ctx.actor, o.path)) throw errors.field('orgId', { zh: '组织不存在或不在您的管辖范围内', en: 'is not an org within your scope' });
  return o.path;
}

export async function searchEstates(ctx: AuthedCtx, f: { q?: string; orgId?: number }, page: PageQuery) {
  mustRead(ctx);
  const filter = { q: f.q, underPath: await underPath(ctx, f.orgId) };
  const rows = await repo.searchEstates(ctx.deps.db, ctx.actor, filter, page);
  return { rows, total: await pageTotal(rows, page, () => repo.countEstates(ctx.deps.db, ctx.actor, filter)) };
}

export interface EstateInput { orgId: number; name: string; address?: string | null; lon?: number | null; lat?: number | null }

export async function createEstate(ctx: AuthedCtx, input: EstateInput) {
  mustWrite(ctx);
  const org = await placeOrg(ctx, input.orgId);
  const point = mergedPoint(input);
  const name = normalizePlaceName(input.name);
  const address = input.address?.trim() || null;
  const id = await refusing(inTransaction(ctx, async (trx) => {
    if (await repo.estateNameTaken(trx, org.id, name)) throw nameTaken(ESTATE);
    const id = await repo.insertEstate(trx, { orgId: org.id, orgPath: org.path, name, address, ...point });
    await recordAudit(trx, ctx, { action: 'estate.create', entityType: 'estate', entityId: id, orgPath: org.path, detail: { orgId: org.id, name } });
    return id;
  }), { unique: () => nameTaken(ESTATE) });
  return getEstateInScope(ctx, id);
}

export async function updateEstate(ctx: AuthedCtx, id: number, input: Partial<EstateInput>) {
  mustWrite(ctx);
  const e = await getEstateInScope(ctx, id);
  if (!policy.canWritePlace(ctx.actor, e)) throw errors.forbidden();
  const org = input.orgId !== undefined && input.orgId !== e.org_id ? await placeOrg(ctx, input.orgId) : null;
  const point = mergedPoint(input, e);
  const name = input.name !== undefined ? normalizePlaceName(input.name) : e.name;
  const address = input.address !== undefined ? input.address?.trim() || null : e.address;
  await refusing(inTransaction(ctx, async (trx) => {
    const orgId = org?.id ?? e.org_id;
    if ((name !== e.name || org) && await repo.estateNameTaken(trx, orgId, name, id)) throw nameTaken(ESTATE);
    if (org) {
      // Households keep their own (grid) org; the estate may change grid but not leave its households' community.
      const community = communityPathOf(org);
      const away = (await repo.householdCommunityPaths(trx, id)).filter((p) => !pathInScope({ orgPath: community }, p));
      if (away.length) throw errors.conflict('ESTATE_HOUSEHOLDS_ELSEWHERE', {
        zh: '小区内的户属于其他社区，不能把小区移到该组织下', en: 'Households of this estate belong to another community; the estate cannot move there',
      }, { orgId: { zh: '与小区内户所属社区不一致', en: 'is not the community of the estate\'s households' } });
      await repo.moveEstateChildren(trx, id, org.id, org.path);
    }
    await repo.updateEstate(trx, id, { orgId, orgPath: org?.path ?? e.org_path, name, address, ...point });
    if (name !== e.name) await rewritePlaces(ctx, trx, { estateId: id });
    await recordAudit(trx, ctx, {
      action: 'estate.update', entityType: 'estate', entityId: id, orgPath: org?.path ?? e.org_path,
      detail: { changed: Object.keys(input), ...(org ? { fromOrgId: e.org_id, toOrgId: org.id } : {}), ...(name !== e.name ? { from: e.name, to: name } : {}) },
    });
  }), { unique: () => nameTaken(ESTATE) });
  return getEstateInScope(ctx, id);
}

export async function deleteEstate(ctx: AuthedCtx, id: number) {
  mustWrite(ctx);
  const e = await getEstateInScope(ctx, id);
  if (!policy.canWritePlace(ctx.actor, e)) throw errors.forbidden();
  const refuse = (b: number, h: number) => notEmpty('ESTATE_NOT_EMPTY', ESTATE, [
    ...(b ? [n(b, '个楼栋', 'building')] : []), ...(h ? [n(h, '户', 'household')] : []),
  ]);
  await refusing(inTransaction(ctx, async (trx) => {
    const now = await repo.getEstate(trx, ctx.actor, id);
    if (!now) throw errors.notFound('estate');
    if (now.building_count || now.household_count) throw refuse(now.building_count, now.household_count);
    await repo.deleteEstate(trx, id);
    await recordAudit(trx, ctx, { action: 'estate.delete', entityType: 'estate', entityId: id, orgPath: e.org_path, detail: { name: e.name, orgId: e.org_id } });
  }), { foreignKey: () => refuse(1, 0) });
}

// ── 楼栋 ──
export function presentBuilding(ctx: AuthedCtx, b: repo.BuildingRecord) {
  return {
    id: b.id, estateId: b.estate_id, estateName: b.estate_name, orgId: b.org_id, name: b.name, floors: b.floors, lon: b.lon, lat: b.lat,
    unitCount: b.unit_count, householdCount: b.household_count, actions: policy.placeActions(ctx.actor, b),
  };
}

export async function getBuildingInScope(ctx: AuthedCtx, id: number) {
  mustRead(ctx);
  const b = await repo.getBuilding(ctx.deps.db, ctx.actor, id);
  if (!b) throw errors.notFound('building');
  return b;
}

export async function searchBuildings(ctx: AuthedCtx, f: repo.BuildingFilter, page: PageQuery) {
  mustRead(ctx);
  const rows = await repo.searchBuildings(ctx.deps.db, ctx.actor, f, page);
  return { rows, total: await pageTotal(rows, page, () => repo.countBuildings(ctx.deps.db, ctx.actor, f)) };
}

export interface BuildingInput { estateId: number; name: string; floors?: number | null; lon?: number | null; lat?: number | null }

export async function createBuilding(ctx: AuthedCtx, input: BuildingInput) {
  mustWrite(ctx);
  const e = await repo.getEstate(ctx.deps.db, ctx.actor, input.estateId);
  if (!e || !policy.canWritePlace(ctx.actor, e)) throw errors.field('estateId', { zh: '小区不存在或无权访问', en: 'is not an estate within your scope' });
  const point = mergedPoint(input);
  const name = normalizePlaceName(input.name);
  const id = await refusing(inTransaction(ctx, async (trx) => {
    if (await repo.buildingNameTaken(trx, e.id, name)) throw nameTaken(BUILDING);
    const id = await repo.insertBuilding(trx, { estateId: e.id, orgId: e.org_id, orgPath: e.org_path, name, floors: input.floors ?? null, ...point });
    await recordAudit(trx, ctx, { action: 'building.create', entityType: 'building', entityId: id, orgPath: e.org_path, detail: { estateId: e.id, name } });
    return id;
  }), { unique: () => nameTaken(BUILDING), foreignKey: () => errors.field('estateId', { zh: '小区已被删除', en: 'the estate was deleted' }) });
  return getBuildingInScope(ctx, id);
}

export async function updateBuilding(ctx: AuthedCtx, id: number, input: Partial<Omit<BuildingInput, 'estateId'>>) {
  mustWrite(ctx);
  const b = await getBuildingInScope(ctx, id);
  if (!policy.canWritePlace(ctx.actor, b)) throw errors.forbidden();
  const point = mergedPoint(input, b);
  const name = input.name !== undefined ? normalizePlaceName(input.name) : b.name;
  await refusing(inTransaction(ctx, async (trx) => {
    if (name !== b.name && await repo.buildingNameTaken(trx, b.estate_id, name, id)) throw nameTaken(BUILDING);
    await repo.updateBuilding(trx, id, { name, floors: input.floors !== undefined ? input.floors : b.floors, ...point });
    if (name !== b.name) await rewritePlaces(ctx, trx, { buildingId: id });
    await recordAudit(trx, ctx, {
      action: 'building.update', entityType: 'building', entityId: id, orgPath: b.org_path,
      detail: { changed: Object.keys(input), ...(name !== b.name ? { from: b.name, to: name } : {}) },
    });
  }), { unique: () => nameTaken(BUILDING) });
  return getBuildingInScope(ctx, id);
}

export async function deleteBuilding(ctx: AuthedCtx, id: number) {
  mustWrite(ctx);
  const b = await getBuildingInScope(ctx, id);
  if (!policy.canWritePlace(ctx.actor, b)) throw errors.forbidden();
  const refuse = (u: number, h: number) => notEmpty('BUILDING_NOT_EMPTY', BUILDING, [
    ...(u ? [n(u, '个单元', 'unit')] : []), ...(h ? [n(h, '户', 'household')] : []),
  ]);
  await refusing(inTransaction(ctx, async (trx) => {
    const now = await repo.getBuilding(trx, ctx.actor, id);
    if (!now) throw errors.notFound('building');
    if (now.unit_count || now.household_count) throw refuse(now.unit_count, now.household_count);
    await repo.deleteBuilding(trx, id);
    await recordAudit(trx, ctx, { action: 'building.delete', entityType: 'building', entityId: id, orgPath: b.org_path, detail: { name: b.name, estateId: b.estate_id } });
  }), { foreignKey: () => refuse(1, 0) });
}

// ── 单元 ──
export function presentUnit(ctx: AuthedCtx, u: repo.UnitRecord) {
  return { id: u.id, buildingId: u.building_id, orgId: u.org_id, name: u.name, householdCount: u.household_count, actions: policy.placeActions(ctx.actor, u) };
}

async function getUnitInScope(ctx: AuthedCtx, id: number) {
  mustRead(ctx);
  const u = await repo.getUnit(ctx.deps.db, ctx.actor, id);
  if (!u) throw errors.notFound('unit');
  return u;
}

export async function searchUnits(ctx: AuthedCtx, f: repo.UnitFilter, page: PageQuery) {
  mustRead(ctx);
  const rows = await repo.searchUnits(ctx.deps.db, ctx.actor, f, page);
  return { rows, total: await pageTotal(rows, page, () => repo.countUnits(ctx.deps.db, ctx.actor, f)) };
}

export async function createUnit(ctx: AuthedCtx, input: { buildingId: number; name: string }) {
  mustWrite(ctx);
  const b = await repo.getBuilding(ctx.deps.db, ctx.actor, input.buildingId);
  if (!b || !policy.canWritePlace(ctx.actor, b)) throw errors.field('buildingId', { zh: '楼栋不存在或无权访问', en: 'is not a building within your scope' });
  const name = normalizePlaceName(input.name);
  const id = await refusing(inTransaction(ctx, async (trx) => {
    if (await repo.unitNameTaken(trx, b.id, name)) throw nameTaken(UNIT);
    const id = await repo.insertUnit(trx, { buildingId: b.id, orgId: b.org_id, orgPath: b.org_path, name });
    await recordAudit(trx, ctx, { action: 'unit.create', entityType: 'unit', entityId: id, orgPath: b.org_path, detail: { buildingId: b.id, name } });
    return id;
  }), { unique: () => nameTaken(UNIT), foreignKey: () => errors.field('buildingId', { zh: '楼栋已被删除', en: 'the building was deleted' }) });
  return getUnitInScope(ctx, id);
}

export async function renameUnit(ctx: AuthedCtx, id: number, input: { name: string }) {
  mustWrite(ctx);
  const u = await getUnitInScope(ctx, id);
  if (!policy.canWritePlace(ctx.actor, u)) throw errors.forbidden();
  const name = normalizePlaceName(input.name);
  await refusing(inTransaction(ctx, async (trx) => {
    if (name !== u.name && await repo.unitNameTaken(trx, u.building_id, name, id)) throw nameTaken(UNIT);
    await repo.renameUnit(trx, id, name);
    if (name !== u.name) await rewritePlaces(ctx, trx, { unitId: id });
    await recordAudit(trx, ctx, { action: 'unit.update', entityType: 'unit', entityId: id, orgPath: u.org_path, detail: { from: u.name, to: name } });
  }), { unique: () => nameTaken(UNIT) });
  return getUnitInScope(ctx, id);
}

export async function deleteUnit(ctx: AuthedCtx, id: number) {
  mustWrite(ctx);
  const u = await getUnitInScope(ctx, id);
  if (!policy.canWritePlace(ctx.actor, u)) throw errors.forbidden();
  const refuse = (h: number) => notEmpty('UNIT_NOT_EMPTY', UNIT, [n(h, '户', 'household')]);
  await refusing(inTransaction(ctx, async (trx) => {
    const now = await repo.getUnit(trx, ctx.actor, id);
    if (!now) throw errors.notFound('unit');
    if (now.household_count) throw refuse(now.household_count);
    await repo.deleteUnit(trx, id);
    await recordAudit(trx, ctx, { action: 'unit.delete', entityType: 'unit', entityId: id, orgPath: u.org_path, detail: { name: u.name, buildingId: u.building_id } });
  }), { foreignKey: () => refuse(1) });
}
