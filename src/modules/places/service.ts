import type { Transaction } from 'kysely';
import type { DB, Tenure } from '../../db/schema.js';
import type { AuthedCtx } from '../../core/context.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import { maskName } from '../../core/crypto.js';
import { pageTotal, type PageQuery } from '../../core/schemas.js';
import { pathInScope } from '../../core/scope.js';
import { ageOn, ageTags } from '../residents/rules.js';
import { residentsFollowHousehold } from '../residents/follow.js';
import * as repo from './repo.js';
import * as estates from './repo-estates.js';
import * as policy from './policy.js';
import { exactAddress, householdKey, maskAddress, normalizePlaceName, placeText } from './rules.js';
import { assignGridForPoint, communityIdOf, communityPathOf, locatingPoint } from './grid-assign.js';
import { mergedPoint, placeOrg, refusing } from './service-common.js';

/** Households (户): the place part in clear, the exact address encrypted; owned by the grid that contains them. */

export interface HouseholdRecord {
  id: number; org_id: number; org_path: string; estate_id: number | null; building_id: number | null; unit_id: number | null;
  place: string; address_masked: string; status: 'active' | 'inactive'; head_resident_id: number | null;
}

/** The household if the actor may read it (place, resident or grid-work reader); 404 otherwise. */
export async function getHouseholdInScope(ctx: AuthedCtx, id: number): Promise<HouseholdRecord> {
  if (!policy.canReadHouseholds(ctx.actor)) throw errors.forbidden();
  const h = await repo.getHouseholdInScope(ctx.deps.db, ctx.actor, id);
  if (!h) throw errors.notFound('household');
  return h;
}

export function presentHousehold(ctx: AuthedCtx, h: repo.HouseholdRow) {
  return {
    id: h.id, orgId: h.org_id, orgName: h.org_name, estateId: h.estate_id, buildingId: h.building_id, unitId: h.unit_id,
    place: h.place, addressMasked: h.address_masked, areaSqm: h.area_sqm, tenure: h.tenure, lon: h.lon, lat: h.lat,
    status: h.status, headResidentId: h.head_resident_id, headNameMasked: h.head_name ? maskName(h.head_name) : null,
    memberCount: h.member_count, actions: policy.householdActions(ctx.actor, h),
  };
}

type Member = Awaited<ReturnType<typeof repo.members>>[number];
function presentMember(m: Member) {
  return {
    id: m.id, nameMasked: maskName(m.name), relation: m.relation, gender: m.gender,
    age: m.birth_date ? ageOn(m.birth_date) : null, tags: [...m.tags, ...ageTags(m.birth_date)], status: m.status,
  };
}

export async function getHouseholdDetail(ctx: AuthedCtx, id: number) {
  if (!policy.canReadHouseholds(ctx.actor)) throw errors.forbidden();
  const h = await repo.getHouseholdFull(ctx.deps.db, ctx.actor, id);
  if (!h) throw errors.notFound('household');
  return { ...presentHousehold(ctx, h), members: (await repo.members(ctx.deps.db, id)).map(presentMember) };
}

export interface HouseholdQuery { q?: string; orgId?: number; estateId?: number; buildingId?: number; unitId?: number; status?: 'active' | 'inactive' }

/** The repository filter for a list or export; an org filter outside the scope is refused. */
export async function householdFilter(ctx: AuthedCtx, f: HouseholdQuery): Promise<repo.HouseholdFilter> {
  if (!policy.canReadHouseholds(ctx.actor)) throw errors.forbidden();
  let underPath: string | undefined;
  if (f.orgId) {
    const o = await repo.getOrg(ctx.deps.db, f.orgId);
    if (!o || !pathInScope(ctx.actor, o.path)) throw errors.field('orgId', { zh: '组织不存在或不在您的管辖范围内', en: 'is not an org within your scope' });
    underPath = o.path;
  }
  return { q: f.q, underPath, estateId: f.estateId, buildingId: f.buildingId, unitId: f.unitId, status: f.status };
}

export async function searchHouseholds(ctx: AuthedCtx, q: HouseholdQuery, page: PageQuery) {
  const f = await householdFilter(ctx, q);
  const rows = await repo.searchHouseholds(ctx.deps.db, ctx.actor, f, page);
  return { rows, total: await pageTotal(rows, page, () => repo.countHouseholds(ctx.deps.db, ctx.actor, f)) };
}

export interface HouseholdInput {
  orgId?: number; estateId?: number | null; buildingId?: number | null; unitId?: number | null;
  street?: string | null; room?: string | null; areaSqm?: number | null; tenure?: Tenure | null;
  lon?: number | null; lat?: number | null; status?: 'active' | 'inactive';
}

const outOfScope = (field: string, what: string, en: string) => errors.field(field, { zh: `${what}不存在或无权访问`, en: `is not ${en} within your scope` });

/** Estate ⊃ building ⊃ unit: the innermost id given decides the outer ones; a mismatch names the inner field. */
async function resolveLocation(ctx: AuthedCtx, ids: { estateId: number | null; buildingId: number | null; unitId: number | null }) {
  const db = ctx.deps.db;
  let { estateId, buildingId } = ids;
  let unit: estates.UnitRecord | null = null;
  let building: estates.BuildingRecord | null = null;
  let estate: estates.EstateRecord | null = null;
  if (ids.unitId) {
    unit = (await estates.getUnit(db, ctx.actor, ids.unitId)) ?? null;
    if (!unit) throw outOfScope('unitId', '单元', 'a unit');
    if (buildingId && buildingId !== unit.building_id) throw errors.field('unitId', { zh: '该单元不属于所选楼栋', en: 'does not belong to the chosen building' });
    buildingId = unit.building_id;
  }
  if (buildingId) {
    building = (await estates.getBuilding(db, ctx.actor, buildingId)) ?? null;
    if (!building) throw outOfScope('buildingId', '楼栋', 'a building');
    if (estateId && estateId !== building.estate_id) throw errors.field('buildingId', { zh: '该楼栋不属于所选小区', en: 'does not belong to the chosen estate' });
    estateId = building.estate_id;
  }
  if (estateId) {
    estate = (await estates.getEstate(db, ctx.actor, estateId)) ?? null;
    if (!estate) throw outOfScope('estateId', '小区', 'an estate');
  }
  return { estate, building, unit };
}

/**
 * Everything stored about a household's place, derived from the chosen org, the location
 * and the door/room: checks, place text, encrypted exact address, identity hash, owner grid.
 */
async function derive(ctx: AuthedCtx, chosen: repo.OrgRow, ids: { estateId: number | null; buildingId: number | null; unitId: number | null },
  streetIn: string | null, roomIn: string | null, point: { lon: number | null; lat: number | null }) {
  const { estate, building, unit } = await resolveLocation(ctx, ids);
  const communityPath = communityPathOf(chosen);
  if (estate && !pathInScope({ orgPath: communityPath }, estate.org_path))
    throw errors.field('estateId', { zh: '小区不属于所选网格或社区所在的社区', en: 'is not in the community of the chosen org' });
  const street = streetIn ? normalizePlaceName(streetIn) : null;
  if (estate && street) throw errors.field('street', { zh: '小区内的户不填街路（门牌请填在 room）', en: 'is only for households outside an estate (put the door number in room)' });
  if (!estate && !street) throw errors.field('street', { zh: '不在小区内的户须填写街路或村组', en: 'is required for a household outside an estate' });
  const room = roomIn ? normalizePlaceName(roomIn) : null;
  const place = placeText({ estateName: estate?.name, buildingName: building?.name, unitName: unit?.name, street });
  if (place.length > 200) throw errors.field('street', { zh: '地址过长', en: 'makes the address too long' });
  const cipher = ctx.deps.cipher;
  // Outside an estate the identity keys on the community, so a later grid re-assignment keeps it.
  const key = householdKey({ orgId: communityIdOf(chosen), estateId: estate?.id, buildingId: building?.id, unitId: unit?.id, street, room });
  const owner = await assignGridForPoint(ctx.deps.db, chosen, locatingPoint(point, building, estate));
  return {
    owner,
    values: {
      orgId: owner.id, orgPath: owner.path, estateId: estate?.id ?? null, buildingId: building?.id ?? null, unitId: unit?.id ?? null,
      place, roomEnc: room ? cipher.encrypt(room) : null, addressEnc: cipher.encrypt(exactAddress(place, room)),
      addressMasked: maskAddress(place, room), addressHash: cipher.lookupHash(key), ...point,
    },
  };
}

const duplicate = () => errors.conflict('HOUSEHOLD_EXISTS', { zh: '该地址的户已存在', en: 'A household with this address already exists' },
  { room: { zh: '该门牌/房号的户已存在', en: 'a household with this door/room number already exists here' } });

/** After a write the row is shown to its writer even when boundary assignment moved it out of their scope. */
async function presentWritten(ctx: AuthedCtx, id: number) {
  return presentHousehold(ctx, (await repo.getHouseholdFull(ctx.deps.db, null, id))!);
}

export async function createHousehold(ctx: AuthedCtx, input: HouseholdInput & { orgId: number }) {
  if (!policy.canWritePlaces(ctx.actor)) throw errors.forbidden();
  const chosen = await placeOrg(ctx, input.orgId);
  const point = mergedPoint(input);
  const { owner, values } = await derive(ctx, chosen, { estateId: input.estateId ?? null, buildingId: input.buildingId ?? null, unitId: input.unitId ?? null },
    input.street ?? null, input.room ?? null, point);
  const id = await refusing(inTransaction(ctx, async (trx) => {
    if (await repo.addressHashTaken(trx, values.addressHash)) throw duplicate();
    const id = await repo.insertHousehold(trx, { ...values, areaSqm: input.areaSqm ?? null, tenure: input.tenure ?? null });
    await recordAudit(trx, ctx, {
      action: 'household.create', entityType: 'household', entityId: id, orgPath: owner.path,
      detail: { orgId: owner.id, chosenOrgId: chosen.id, assignedByBoundary: owner.assigned, place: values.place },
    });
    return id;
  }), { unique: duplicate });
  return presentWritten(ctx, id);
}

const LOCATION = ['orgId', 'estateId', 'buildingId', 'unitId', 'street', 'room', 'lon', 'lat'] as const;

export async function updateHousehold(ctx: AuthedCtx, id: number, input: HouseholdInput) {
  if (!policy.canWritePlaces(ctx.actor)) throw errors.forbidden();
  const cur = await repo.getHouseholdFull(ctx.deps.db, ctx.actor, id);
  if (!cur) throw errors.notFound('household');
  if (!policy.canWritePlace(ctx.actor, cur)) throw errors.forbidden();
  const point = mergedPoint(input, cur);
  let values: repo.HouseholdValues & { status: 'active' | 'inactive' } = {
    orgId: cur.org_id, orgPath: cur.org_path, estateId: cur.estate_id, buildingId: cur.building_id, unitId: cur.unit_id,
    place: cur.place, roomEnc: cur.room_enc, addressEnc: '', addressMasked: cur.address_masked, addressHash: '',
    areaSqm: input.areaSqm !== undefined ? input.areaSqm : cur.area_sqm, tenure: input.tenure !== undefined ? input.tenure : cur.tenure,
    ...point, status: input.status ?? cur.status,
  };
  const relocated = LOCATION.some((k) => input[k] !== undefined);
  if (relocated) {
    const chosen = input.orgId !== undefined ? await placeOrg(ctx, input.orgId) : (await repo.getOrg(ctx.deps.db, cur.org_id))!;
    // Naming any of estate/building/unit replaces the whole location (the innermost decides the rest).
    const touched = input.estateId !== undefined || input.buildingId !== undefined || input.unitId !== undefined;
    const ids = touched
      ? { estateId: input.estateId ?? null, buildingId: input.buildingId ?? null, unitId: input.unitId ?? null }
      : { estateId: cur.estate_id, buildingId: cur.building_id, unitId: cur.unit_id };
    // Outside an estate the place text is the street itself.
    const street = input.street !== undefined ? input.street : !touched && !cur.estate_id ? cur.place : null;
    const room = input.room !== undefined ? input.room : cur.room_enc ? ctx.deps.cipher.decrypt(cur.room_enc) : null;
    values = { ...values, ...(await derive(ctx, chosen, ids, street, room, point)).values };
  }
  const moved = values.orgId !== cur.org_id;
  let afterCommit = (): void => {};
  await refusing(inTransaction(ctx, async (trx) => {
    if (relocated) {
      if (await repo.addressHashTaken(trx, values.addressHash, id)) throw duplicate();
      await repo.updateHousehold(trx, id, values);
    } else {
      await repo.updateHouseholdFacts(trx, id, values);
    }
    // Residents carry their household's org: they, their memberships, open corrections and logins follow.
    if (moved) afterCommit = await residentsFollowHousehold(trx, ctx.deps, id, { id: values.orgId, path: values.orgPath });
    await recordAudit(trx, ctx, {
      action: 'household.update', entityType: 'household', entityId: id, orgPath: values.orgPath,
      detail: { changed: Object.keys(input), ...(moved ? { fromOrgId: cur.org_id, toOrgId: values.orgId } : {}), place: values.place },
    });
  }), { unique: duplicate });
  afterCommit();
  return presentWritten(ctx, id);
}

/** After an estate, building or unit is renamed, the place text and exact addresses of its households follow. */
export async function rewritePlaces(ctx: AuthedCtx, trx: Transaction<DB>, where: { estateId?: number; buildingId?: number; unitId?: number }) {
  const cipher = ctx.deps.cipher;
  for (const h of await repo.householdsIn(trx, where)) {
    const place = placeText({ estateName: h.estate_name, buildingName: h.building_name, unitName: h.unit_name });
    const room = h.room_enc ? cipher.decrypt(h.room_enc) : null;
    await repo.setHouseholdPlace(trx, h.id, { place, addressEnc: cipher.encrypt(exactAddress(place, room)), addressMasked: maskAddress(place, room) });
  }
}

/** The exact address in clear: resident.reveal + scope, with a reason; every attempt is audited. */
export async function revealAddress(ctx: AuthedCtx, id: number, reason: string) {
  const deny = (orgPath?: string) => inTransaction(ctx, (trx) => recordAudit(trx, ctx, {
    action: 'household.reveal', entityType: 'household', entityId: id, orgPath, outcome: 'denied', detail: { field: 'address', reason },
  }));
  if (!policy.canRevealAddresses(ctx.actor)) {
    await deny();
    throw errors.forbidden();
  }
  const h = await getHouseholdInScope(ctx, id);
  if (!policy.canRevealAddress(ctx.actor, h)) {
    await deny(h.org_path);
    throw errors.forbidden();
  }
  return inTransaction(ctx, async (trx) => {
    const enc = await repo.getAddressEnc(trx, id);
    if (!enc) throw errors.notFound('household');
    await recordAudit(trx, ctx, { action: 'household.reveal', entityType: 'household', entityId: id, orgPath: h.org_path, detail: { field: 'address', reason } });
    return ctx.deps.cipher.decrypt(enc);
  });
}
