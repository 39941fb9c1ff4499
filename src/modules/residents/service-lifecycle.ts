import type { AuthedCtx } from '../../core/context.js';
import type { Relation } from '../../db/schema.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { errors, type FieldErrors } from '../../core/errors.js';
import { pathInScope } from '../../core/scope.js';
import { afterAccountChange, insertResidentAccount, moveResidentAccount, prepareResidentAccount, retireResidentAccount } from '../accounts/service-resident.js';
import * as repo from './repo.js';
import * as corrections from './repo-corrections.js';
import * as policy from './policy.js';
import { getResident, loadView, targetOrg } from './service.js';
import { lockForWrite } from './service-update.js';
import { ANONYMIZED_NAME } from './present.js';
import { anonymizedBirthDate } from './rules.js';

export interface MoveInput { householdId: number | null; relation?: Relation | null; orgId?: number }

/**
 * Moves a resident into another household (or out of any, filed under a grid/community):
 * the current membership ends, a new one starts, and the record, its open correction
 * requests and its login follow the new org.
 */
export async function moveResident(ctx: AuthedCtx, id: number, input: MoveInput) {
  if (!policy.canWriteResidents(ctx.actor)) throw errors.forbidden();
  const current = await loadView(ctx, id);
  const fields: FieldErrors = {};
  if (input.householdId && !input.relation) fields.relation = { zh: '请填写与户主关系', en: 'is required for a member of a household' };
  if (!input.householdId && input.relation) fields.relation = { zh: '不属于任何户时不填', en: 'only applies to a member of a household' };
  // Leaving a household without naming an org keeps the resident where they are filed.
  const orgId = input.orgId ?? (input.householdId ? undefined : current.org_id);
  const org = await targetOrg(ctx, input.householdId, orgId, fields);
  if (Object.keys(fields).length || !org) throw errors.validation(fields);
  const relation = input.householdId ? input.relation! : null;
  const account = await inTransaction(ctx, async (trx) => {
    const row = await lockForWrite(trx, ctx, id);
    const sameHousehold = row.household_id === org.householdId;
    if (!sameHousehold) {
      await repo.endMembership(trx, id);
      if (org.householdId) await repo.startMembership(trx, { residentId: id, householdId: org.householdId, orgId: org.id, orgPath: org.path, relation });
    } else if (relation !== row.relation) await repo.setMembershipRelation(trx, id, relation);
    await repo.updateResident(trx, id, { household_id: org.householdId, relation, org_id: org.id, org_path: org.path });
    await repo.syncHead(trx, id, org.householdId, relation);
    const orgChanged = org.id !== row.org_id;
    if (orgChanged) await corrections.followResident(trx, id, org);
    if (orgChanged && row.user_id) await moveResidentAccount(trx, row.user_id, org);
    const detail = {
      fields: [...(sameHousehold ? [] : ['householdId']), ...(relation !== row.relation ? ['relation'] : []), ...(orgChanged ? ['orgId'] : [])],
      fromHouseholdId: row.household_id, toHouseholdId: org.householdId, fromOrgId: row.org_id, toOrgId: org.id,
    };
    await repo.addChange(trx, ctx.actor, { residentId: id, orgId: org.id, orgPath: org.path, kind: 'move', changes: detail });
    await recordAudit(trx, ctx, { action: 'resident.move', entityType: 'resident', entityId: id, orgPath: org.path, detail });
    return orgChanged ? row.user_id : null;
  });
  if (account) afterAccountChange(ctx.deps, account);
  return getResident(ctx, id);
}

const statusConflict = (zh: string, en: string) => errors.conflict('RESIDENT_STATUS', { zh, en });

export async function deactivateResident(ctx: AuthedCtx, id: number, reason: string) {
  return setStatus(ctx, id, 'deactivate', reason);
}

export async function reactivateResident(ctx: AuthedCtx, id: number, reason: string) {
  return setStatus(ctx, id, 'reactivate', reason);
}

/** Deactivation (moved away, deceased) keeps everything; reactivation undoes it. Both name a reason. */
async function setStatus(ctx: AuthedCtx, id: number, kind: 'deactivate' | 'reactivate', reason: string) {
  if (!policy.canReadResidents(ctx.actor)) throw errors.forbidden();
  await inTransaction(ctx, async (trx) => {
    const row = await lockForWrite(trx, ctx, id);
    if (kind === 'deactivate' && row.status !== 'active') throw statusConflict('该居民已是注销状态', 'The resident is already inactive');
    if (kind === 'reactivate' && row.status !== 'inactive') throw statusConflict('该居民当前有效，无需恢复', 'The resident is already active');
    await repo.updateResident(trx, id, { status: kind === 'deactivate' ? 'inactive' : 'active', status_reason: reason });
    await repo.addChange(trx, ctx.actor, { residentId: id, orgId: row.org_id, orgPath: row.org_path, kind, changes: { fields: ['status'], reason } });
    await recordAudit(trx, ctx, { action: `resident.${kind}`, entityType: 'resident', entityId: id, orgPath: row.org_path, detail: { reason } });
  });
  return getResident(ctx, id);
}

/**
 * Irreversible erasure of the person (PIPL): name, ID, phone, note, exact birth day and the
 * household link go; gender, birth year, tags and registration stay for statistics, and the
 * record's history (which never held values) stays. A linked login is disabled.
 */
export async function anonymizeResident(ctx: AuthedCtx, id: number, reason: string) {
  if (!policy.canReadResidents(ctx.actor)) throw errors.forbidden();
  const account = await inTransaction(ctx, async (trx) => {
    const row = await lockForWrite(trx, ctx, id);
    await repo.endMembership(trx, id);
    await repo.syncHead(trx, id, null, null);
    await repo.updateResident(trx, id, {
      name: ANONYMIZED_NAME, id_enc: null, id_hash: null, id_masked: null, phone_enc: null, phone_hash: null, phone_masked: null,
      note: null, birth_date: anonymizedBirthDate(row.birth_date), household_id: null, relation: null,
      status: 'anonymized', status_reason: reason,
    });
    await corrections.anonymizeFor(trx, id);
    if (row.user_id) await retireResidentAccount(trx, ctx.deps, row.user_id, ANONYMIZED_NAME);
    const fields = ['name', 'idNumber', 'phone', 'note', 'birthDate', 'householdId', 'status'];
    await repo.addChange(trx, ctx.actor, { residentId: id, orgId: row.org_id, orgPath: row.org_path, kind: 'anonymize', changes: { fields, reason } });
    await recordAudit(trx, ctx, { action: 'resident.anonymize', entityType: 'resident', entityId: id, orgPath: row.org_path, detail: { reason } });
    return row.user_id;
  });
  if (account) afterAccountChange(ctx.deps, account);
  return getResident(ctx, id);
}

export async function residentHistory(ctx: AuthedCtx, id: number) {
  await loadView(ctx, id);
  const [changes, memberships] = await Promise.all([
    repo.changesOf(ctx.deps.db, ctx.actor, id), repo.membershipsOf(ctx.deps.db, ctx.actor, id),
  ]);
  return {
    changes: changes.map((c) => {
      const d = (c.changes ?? {}) as { fields?: unknown; reason?: unknown };
      return {
        id: c.id, at: c.at.toISOString(), kind: c.kind, actorName: c.actor_name,
        fields: Array.isArray(d.fields) ? d.fields.map(String) : [], reason: typeof d.reason === 'string' ? d.reason : null,
      };
    }),
    // A household elsewhere (before a move into the actor's area) is shown without its place.
    memberships: memberships.map((m) => ({
      id: m.id, householdId: m.household_id, place: pathInScope(ctx.actor, m.household_org_path) ? m.place : null,
      relation: m.relation, startedAt: m.started_at.toISOString(), endedAt: m.ended_at?.toISOString() ?? null,
    })),
  };
}

/** Opens a resident login linked to the record (PIPL self-service), in the record's org. */
export async function openAccount(ctx: AuthedCtx, id: number, input: { username: string; password: string }) {
  if (!policy.canWriteResidents(ctx.actor)) throw errors.forbidden();
  const v = await loadView(ctx, id);
  if (v.status === 'anonymized') throw errors.conflict('RESIDENT_ANONYMIZED', { zh: '该居民信息已匿名化', en: 'This resident has been anonymized' });
  if (v.user_id) throw errors.conflict('RESIDENT_HAS_ACCOUNT', { zh: '该居民已开通账号', en: 'This resident already has a login' });
  if (v.status !== 'active') throw statusConflict('已注销的居民不能开通账号', 'An inactive resident cannot get a login');
  const prepared = await prepareResidentAccount(ctx, input);
  const userId = await inTransaction(ctx, async (trx) => {
    const row = await lockForWrite(trx, ctx, id);
    if (row.user_id) throw errors.conflict('RESIDENT_HAS_ACCOUNT', { zh: '该居民已开通账号', en: 'This resident already has a login' });
    const userId = await insertResidentAccount(trx, { ...prepared, displayName: row.name, org: { id: row.org_id, path: row.org_path } });
    await repo.updateResident(trx, id, { user_id: userId });
    await repo.addChange(trx, ctx.actor, { residentId: id, orgId: row.org_id, orgPath: row.org_path, kind: 'update', changes: { fields: ['account'] } });
    await recordAudit(trx, ctx, {
      action: 'resident.account.open', entityType: 'resident', entityId: id, orgPath: row.org_path, detail: { userId, username: input.username },
    });
    return userId;
  });
  return { residentId: id, userId, username: input.username, mustChangePassword: true };
}
