import type { AuthedCtx } from '../../core/context.js';
import type { ContractStatus } from '../../db/schema-partners.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import { pageTotal, type PageQuery } from '../../core/schemas.js';
import * as repo from './repo-people.js';
import * as policy from './policy.js';
import { loadUnit } from './service-people.js';
import { fieldMsg, iso, orgField, trimOrNull } from './common.js';

/** 共建协议 with a community for a period, and its 责任清单 (duty list). */

export function presentContract(ctx: AuthedCtx, c: repo.ContractRow) {
  return {
    id: c.id, orgId: c.org_id, orgName: c.org_name, unitId: c.unit_id, unitName: c.unit_name, title: c.title, startsOn: c.starts_on, endsOn: c.ends_on,
    status: c.status, dutiesTotal: c.duties_total, dutiesDone: c.duties_done, createdAt: c.created_at.toISOString(),
    actions: policy.canManageAt(ctx.actor, c.org_path) ? (c.status === 'active' ? ['update', 'add_duty'] : ['update']) : [],
  };
}
function presentDuty(ctx: AuthedCtx, d: repo.DutyRow) {
  return {
    id: d.id, contractId: d.contract_id, description: d.description, dueOn: d.due_on, doneAt: iso(d.done_at), doneNote: d.done_note,
    actions: policy.canManageAt(ctx.actor, d.org_path) ? [d.done_at ? 'reopen' : 'complete'] : [],
  };
}

export interface ContractListQuery { orgId?: number; unitId?: number; status?: ContractStatus; q?: string }
export async function contractFilter(ctx: AuthedCtx, q: ContractListQuery): Promise<repo.ContractFilter> {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const org = q.orgId ? await orgField(ctx, q.orgId, policy.RANKING_LEVELS) : null;
  return { orgPath: org?.path ?? ctx.actor.orgPath, unitId: q.unitId, status: q.status, q: q.q?.trim() || undefined };
}
export async function listContracts(ctx: AuthedCtx, q: ContractListQuery, page: PageQuery) {
  const f = await contractFilter(ctx, q);
  const rows = await repo.contractsPage(ctx.deps.db, ctx.actor, f, page);
  return { items: rows.map((r) => presentContract(ctx, r)), total: await pageTotal(rows, page, () => repo.countContracts(ctx.deps.db, ctx.actor, f)) };
}

async function loadContract(ctx: AuthedCtx, id: number) {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const c = await repo.getContract(ctx.deps.db, ctx.actor, id);
  if (!c) throw errors.notFound('contract');
  return c;
}
export async function getContract(ctx: AuthedCtx, id: number) {
  const c = await loadContract(ctx, id);
  return { contract: presentContract(ctx, c), duties: (await repo.dutiesOf(ctx.deps.db, id)).map((d) => presentDuty(ctx, d)) };
}

export interface CreateContractInput { orgId: number; unitId: number; title: string; startsOn: string; endsOn: string; duties?: { description: string; dueOn?: string | null }[] }
export async function createContract(ctx: AuthedCtx, input: CreateContractInput) {
  if (!policy.canManage(ctx.actor)) throw errors.forbidden();
  const org = await orgField(ctx, input.orgId, policy.HOME_LEVELS);
  const unit = await loadUnit(ctx, input.unitId, 'unitId');
  if (unit.status !== 'active') throw errors.field('unitId', fieldMsg('共建单位已停用', 'is an inactive unit'));
  if (input.endsOn < input.startsOn) throw errors.field('endsOn', fieldMsg('不能早于开始日期', 'cannot be before startsOn'));
  const id = await inTransaction(ctx, async (trx) => {
    const id = await repo.insertContract(trx, org, { unit_id: unit.id, title: input.title.trim(), starts_on: input.startsOn, ends_on: input.endsOn, created_by: ctx.actor.userId });
    await repo.insertDuties(trx, { id, org_id: org.id, org_path: org.path }, input.duties ?? []);
    await recordAudit(trx, ctx, {
      action: 'contract.create', entityType: 'contract', entityId: id, orgPath: org.path,
      detail: { orgId: org.id, unitId: unit.id, startsOn: input.startsOn, endsOn: input.endsOn, duties: input.duties?.length ?? 0 },
    });
    return id;
  });
  return getContract(ctx, id);
}

export async function updateContract(ctx: AuthedCtx, id: number, input: { title?: string; endsOn?: string; status?: ContractStatus }) {
  const c = await loadContract(ctx, id);
  if (!policy.canManageAt(ctx.actor, c.org_path)) throw errors.forbidden();
  if (input.endsOn && input.endsOn < c.starts_on) throw errors.field('endsOn', fieldMsg('不能早于开始日期', 'cannot be before startsOn'));
  await inTransaction(ctx, async (trx) => {
    await repo.updateContract(trx, id, { title: input.title?.trim(), ends_on: input.endsOn, status: input.status });
    await recordAudit(trx, ctx, { action: 'contract.update', entityType: 'contract', entityId: id, orgPath: c.org_path, detail: { changed: Object.keys(input), status: input.status } });
  });
  return getContract(ctx, id);
}

export async function addDuty(ctx: AuthedCtx, contractId: number, input: { description: string; dueOn?: string | null }) {
  const c = await loadContract(ctx, contractId);
  if (!policy.canManageAt(ctx.actor, c.org_path)) throw errors.forbidden();
  if (c.status !== 'active') throw errors.conflict('CONTRACT_NOT_ACTIVE', fieldMsg('协议已结束，不能再添加责任', 'the contract is no longer active'));
  await inTransaction(ctx, async (trx) => {
    const [dutyId] = await repo.insertDuties(trx, { id: c.id, org_id: c.org_id, org_path: c.org_path }, [input]);
    await recordAudit(trx, ctx, { action: 'contract.duty.create', entityType: 'contract', entityId: contractId, orgPath: c.org_path, detail: { dutyId } });
  });
  return getContract(ctx, contractId);
}

export async function setDuty(ctx: AuthedCtx, dutyId: number, input: { done: boolean; doneNote?: string | null }) {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const d = await repo.getDuty(ctx.deps.db, ctx.actor, dutyId);
  if (!d) throw errors.notFound('contract');
  if (!policy.canManageAt(ctx.actor, d.org_path)) throw errors.forbidden();
  await inTransaction(ctx, async (trx) => {
    await repo.setDutyDone(trx, dutyId, input.done, trimOrNull(input.doneNote));
    await recordAudit(trx, ctx, { action: input.done ? 'contract.duty.complete' : 'contract.duty.reopen', entityType: 'contract', entityId: d.contract_id, orgPath: d.org_path, detail: { dutyId } });
  });
  return getContract(ctx, d.contract_id);
}
