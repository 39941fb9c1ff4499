import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { PartyMemberStatus, PartnerUnitKind, ContractStatus } from '../../db/schema-partners.js';
import type { Actor } from '../../core/context.js';
import { inScope } from '../../core/scope.js';
import { registerOrgDependent } from '../../core/org-dependents.js';
import type { PageQuery } from '../../core/schemas.js';

/** SQL of party members, partner units, their contracts and duty lists. */
export type Q = Database | Transaction<DB>;

for (const [table, zh, en] of [
  ['party_member', '在职党员', 'party members'], ['partner_unit', '共建单位', 'partner units'], ['partner_contract', '共建协议', 'partnership contracts'],
  ['partner_duty', '责任清单', 'duty lists'],
] as const) registerOrgDependent({ table, orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh, en } });

/** `%q%` for ILIKE with the wildcards of q escaped. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

// ── Members ──
const memberCols = ['m.id', 'm.org_id', 'm.org_path', 'o.name as org_name', 'm.name', 'm.phone_masked', 'm.work_unit', 'm.party_org', 'm.user_id',
  'm.reported_on', 'm.status', 'm.created_at'] as const;

export interface MemberFilter { orgPath: string; q?: string; status?: PartyMemberStatus; phoneHash?: string }

function membersWhere(db: Q, actor: Actor, f: MemberFilter) {
  let qb = db.selectFrom('party_member as m').innerJoin('org as o', 'o.id', 'm.org_id')
    .where(inScope(actor, 'm.org_path')).where(inScope({ orgPath: f.orgPath }, 'm.org_path'));
  if (f.q) qb = qb.where((eb) => eb.or([eb('m.name', 'ilike', likePattern(f.q!)), eb('m.work_unit', 'ilike', likePattern(f.q!))]));
  if (f.status) qb = qb.where('m.status', '=', f.status);
  if (f.phoneHash) qb = qb.where('m.phone_hash', '=', f.phoneHash);
  return qb;
}

export function membersPage(db: Q, actor: Actor, f: MemberFilter, page: PageQuery) {
  return membersWhere(db, actor, f).select(memberCols).select(sql<number>`count(*) over()`.as('total'))
    .orderBy('m.id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
}
export async function countMembers(db: Q, actor: Actor, f: MemberFilter) {
  return (await membersWhere(db, actor, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n;
}
export function membersBatch(db: Q, actor: Actor, f: MemberFilter, afterId: number | null, limit: number) {
  let qb = membersWhere(db, actor, f).select(memberCols);
  if (afterId !== null) qb = qb.where('m.id', '<', afterId);
  return qb.orderBy('m.id', 'desc').limit(limit).execute();
}
export type MemberRow = Awaited<ReturnType<typeof membersBatch>>[number];

export function getMember(db: Q, actor: Actor, id: number) {
  return db.selectFrom('party_member as m').innerJoin('org as o', 'o.id', 'm.org_id').select(memberCols)
    .where('m.id', '=', id).where(inScope(actor, 'm.org_path')).executeTakeFirst();
}
/** The party-member record linked to a resident account (no scope: it is the caller's own). */
export function memberOfUser(db: Q, userId: number) {
  return db.selectFrom('party_member as m').innerJoin('org as o', 'o.id', 'm.org_id').select(memberCols).where('m.user_id', '=', userId).executeTakeFirst();
}
export function memberPhone(db: Q, id: number) {
  return db.selectFrom('party_member').select('phone_enc').where('id', '=', id).executeTakeFirstOrThrow();
}
export interface MemberValues {
  name?: string; phone_enc?: string | null; phone_hash?: string | null; phone_masked?: string | null; work_unit?: string; party_org?: string;
  user_id?: number | null; status?: PartyMemberStatus;
}
export async function insertMember(trx: Q, org: { id: number; path: string }, v: Required<Omit<MemberValues, 'status'>> & { status: PartyMemberStatus; reported_on: string; created_by: number }) {
  return (await trx.insertInto('party_member').values({ org_id: org.id, org_path: org.path, ...v }).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updateMember(trx: Q, id: number, v: MemberValues) {
  await trx.updateTable('party_member').set({ ...v, updated_at: new Date() }).where('id', '=', id).execute();
}
/** A resident account the actor may link (in scope); the caller checks the role. */
export function accountInScope(db: Q, actor: Actor, userId: number) {
  return db.selectFrom('app_user as u').select(['u.id', 'u.role', 'u.org_path']).where('u.id', '=', userId).where(inScope(actor, 'u.org_path')).executeTakeFirst();
}
export function memberLinkedTo(db: Q, userId: number) {
  return db.selectFrom('party_member').select('id').where('user_id', '=', userId).executeTakeFirst();
}

// ── Units ──
const activeContracts = sql<number>`(SELECT count(*)::int FROM partner_contract c WHERE c.unit_id = u.id AND c.status = 'active')`;
const unitCols = ['u.id', 'u.org_id', 'u.org_path', 'o.name as org_name', 'u.name', 'u.kind', 'u.contact_name', 'u.contact_phone_masked', 'u.address',
  'u.status', 'u.created_at'] as const;
export interface UnitFilter { orgPath: string; q?: string; kind?: PartnerUnitKind }

function unitsWhere(db: Q, actor: Actor, f: UnitFilter) {
  let qb = db.selectFrom('partner_unit as u').innerJoin('org as o', 'o.id', 'u.org_id')
    .where(inScope(actor, 'u.org_path')).where(inScope({ orgPath: f.orgPath }, 'u.org_path'));
  if (f.q) qb = qb.where('u.name', 'ilike', likePattern(f.q));
  if (f.kind) qb = qb.where('u.kind', '=', f.kind);
  return qb;
}
export function unitsPage(db: Q, actor: Actor, f: UnitFilter, page: PageQuery) {
  return unitsWhere(db, actor, f).select(unitCols).select(activeContracts.as('active_contracts')).select(sql<number>`count(*) over()`.as('total'))
    .orderBy('u.id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
}
export async function countUnits(db: Q, actor: Actor, f: UnitFilter) {
  return (await unitsWhere(db, actor, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n;
}
export function unitsBatch(db: Q, actor: Actor, f: UnitFilter, afterId: number | null, limit: number) {
  let qb = unitsWhere(db, actor, f).select(unitCols).select(activeContracts.as('active_contracts'));
  if (afterId !== null) qb = qb.where('u.id', '<', afterId);
  return qb.orderBy('u.id', 'desc').limit(limit).execute();
}
export type UnitRow = Awaited<ReturnType<typeof unitsBatch>>[number];
export function getUnit(db: Q, actor: Actor, id: number) {
  return db.selectFrom('partner_unit as u').innerJoin('org as o', 'o.id', 'u.org_id').select(unitCols).select(activeContracts.as('active_contracts'))
    .where('u.id', '=', id).where(inScope(actor, 'u.org_path')).executeTakeFirst();
}
export function unitPhone(db: Q, id: number) {
  return db.selectFrom('partner_unit').select('contact_phone_enc').where('id', '=', id).executeTakeFirstOrThrow();
}
export interface UnitValues {
  name?: string; kind?: PartnerUnitKind; contact_name?: string | null; contact_phone_enc?: string | null; contact_phone_hash?: string | null;
  contact_phone_masked?: string | null; address?: string | null; status?: 'active' | 'inactive';
}
export async function insertUnit(trx: Q, org: { id: number; path: string }, v: UnitValues & { name: string; kind: PartnerUnitKind; created_by: number }) {
  return (await trx.insertInto('partner_unit').values({ org_id: org.id, org_path: org.path, ...v }).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updateUnit(trx: Q, id: number, v: UnitValues) {
  await trx.updateTable('partner_unit').set({ ...v, updated_at: new Date() }).where('id', '=', id).execute();
}

// ── Contracts and duties ──
const dutyCounts = {
  total: sql<number>`(SELECT count(*)::int FROM partner_duty d WHERE d.contract_id = c.id)`,
  done: sql<number>`(SELECT count(*)::int FROM partner_duty d WHERE d.contract_id = c.id AND d.done_at IS NOT NULL)`,
};
const contractCols = ['c.id', 'c.org_id', 'c.org_path', 'o.name as org_name', 'c.unit_id', 'u.name as unit_name', 'c.title', 'c.starts_on', 'c.ends_on',
  'c.status', 'c.created_at'] as const;
export interface ContractFilter { orgPath: string; unitId?: number; status?: ContractStatus; q?: string }

function contractsWhere(db: Q, actor: Actor, f: ContractFilter) {
  let qb = db.selectFrom('partner_contract as c').innerJoin('org as o', 'o.id', 'c.org_id').innerJoin('partner_unit as u', 'u.id', 'c.unit_id')
    .where(inScope(actor, 'c.org_path')).where(inScope({ orgPath: f.orgPath }, 'c.org_path'));
  if (f.unitId) qb = qb.where('c.unit_id', '=', f.unitId);
  if (f.status) qb = qb.where('c.status', '=', f.status);
  if (f.q) qb = qb.where((eb) => eb.or([eb('c.title', 'ilike', likePattern(f.q!)), eb('u.name', 'ilike', likePattern(f.q!))]));
  return qb;
}
export function contractsPage(db: Q, actor: Actor, f: ContractFilter, page: PageQuery) {
  return contractsWhere(db, actor, f).select(contractCols).select([dutyCounts.total.as('duties_total'), dutyCounts.done.as('duties_done')])
    .select(sql<number>`count(*) over()`.as('total')).orderBy('c.id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
}
export async function countContracts(db: Q, actor: Actor, f: ContractFilter) {
  return (await contractsWhere(db, actor, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n;
}
export function contractsBatch(db: Q, actor: Actor, f: ContractFilter, afterId: number | null, limit: number) {
  let qb = contractsWhere(db, actor, f).select(contractCols).select([dutyCounts.total.as('duties_total'), dutyCounts.done.as('duties_done')]);
  if (afterId !== null) qb = qb.where('c.id', '<', afterId);
  return qb.orderBy('c.id', 'desc').limit(limit).execute();
}
export function getContract(db: Q, actor: Actor, id: number) {
  return contractsWhere(db, actor, { orgPath: actor.orgPath }).select(contractCols).select([dutyCounts.total.as('duties_total'), dutyCounts.done.as('duties_done')])
    .where('c.id', '=', id).executeTakeFirst();
}
export type ContractRow = NonNullable<Awaited<ReturnType<typeof getContract>>>;
export async function insertContract(trx: Q, org: { id: number; path: string }, v: { unit_id: number; title: string; starts_on: string; ends_on: string; created_by: number }) {
  return (await trx.insertInto('partner_contract').values({ org_id: org.id, org_path: org.path, ...v }).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updateContract(trx: Q, id: number, v: { title?: string; ends_on?: string; status?: ContractStatus }) {
  await trx.updateTable('partner_contract').set({ ...v, updated_at: new Date() }).where('id', '=', id).execute();
}
export function dutiesOf(db: Q, contractId: number) {
  return db.selectFrom('partner_duty').select(['id', 'contract_id', 'org_path', 'description', 'due_on', 'done_at', 'done_note'])
    .where('contract_id', '=', contractId).orderBy('id').execute();
}
export type DutyRow = Awaited<ReturnType<typeof dutiesOf>>[number];
export async function insertDuties(trx: Q, c: { id: number; org_id: number; org_path: string }, duties: { description: string; dueOn?: string | null }[]) {
  if (!duties.length) return [];
  return (await trx.insertInto('partner_duty').values(duties.map((d) => ({
    org_id: c.org_id, org_path: c.org_path, contract_id: c.id, description: d.description.trim(), due_on: d.dueOn ?? null,
  }))).returning('id').execute()).map((r) => r.id);
}
export function getDuty(db: Q, actor: Actor, id: number) {
  return db.selectFrom('partner_duty').select(['id', 'contract_id', 'org_path', 'description', 'due_on', 'done_at', 'done_note'])
    .where('id', '=', id).where(inScope(actor, 'org_path')).executeTakeFirst();
}
export async function setDutyDone(trx: Q, id: number, done: boolean, note: string | null | undefined) {
  await trx.updateTable('partner_duty').set({ done_at: done ? new Date() : null, ...(note !== undefined ? { done_note: note } : {}) }).where('id', '=', id).execute();
}
