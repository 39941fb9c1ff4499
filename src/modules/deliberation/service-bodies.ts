import type { AuthedCtx } from '../../core/context.js';
import type { BodyKind, BodyStatus, MemberKind, MemberStatus } from '../../db/schema-deliberation.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import { pageTotal, type PageQuery } from '../../core/schemas.js';
import { pathInScope } from '../../core/scope.js';
import * as repo from './repo-bodies.js';
import { accountInScope } from './repo-topics.js';
import * as policy from './policy.js';
import { listRoot, msg, orgField, trimOrNull } from './common.js';

/** 议事会 / 组团 and their representatives (the contract tables voting reads), and the 6+X forms. */

export function presentBody(ctx: AuthedCtx, b: repo.BodyRow) {
  const manage = policy.canManageAt(ctx.actor, b.org_path);
  return {
    id: b.id, orgId: b.org_id, orgName: b.org_name, name: b.name, kind: b.kind, estateId: b.estate_id, estateName: b.estate_name, description: b.description,
    status: b.status, members: b.members, membersWithAccount: b.members_with_account, createdAt: b.created_at.toISOString(),
    actions: manage ? (b.status === 'active' ? ['update', 'addMember', 'meeting', 'dissolve'] : ['update']) : [],
  };
}
function presentMember(ctx: AuthedCtx, m: repo.MemberRow, bodyActive: boolean) {
  return {
    id: m.id, bodyId: m.body_id, userId: m.user_id, userName: m.user_name, name: m.name, memberKind: m.member_kind, status: m.status, note: m.note,
    joinedOn: m.joined_on, leftOn: m.left_on, actions: bodyActive && policy.canManageAt(ctx.actor, m.org_path) ? (m.status === 'active' ? ['update', 'leave'] : ['update']) : [],
  };
}

export interface BodyListQuery { orgId?: number; q?: string; status?: BodyStatus }
export async function bodyFilter(ctx: AuthedCtx, q: BodyListQuery): Promise<repo.BodyFilter> {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  return { orgPath: await listRoot(ctx, q.orgId), q: q.q?.trim() || undefined, status: q.status };
}
export async function listBodies(ctx: AuthedCtx, q: BodyListQuery, page: PageQuery) {
  const f = await bodyFilter(ctx, q);
  const rows = await repo.bodiesPage(ctx.deps.db, ctx.actor, f, page);
  return { items: rows.map((r) => presentBody(ctx, r)), total: await pageTotal(rows, page, () => repo.countBodies(ctx.deps.db, ctx.actor, f)) };
}

export async function loadBody(ctx: AuthedCtx, id: number, field?: string) {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const b = await repo.getBody(ctx.deps.db, ctx.actor, id);
  if (!b) throw field ? errors.field(field, msg('议事机构不存在或无权访问', 'is not a body you can see')) : errors.notFound('deliberationBody');
  return b;
}
export async function getBody(ctx: AuthedCtx, id: number) {
  const b = await loadBody(ctx, id);
  const members = await repo.membersOf(ctx.deps.db, id);
  return { body: presentBody(ctx, b), members: members.map((m) => presentMember(ctx, m, b.status === 'active')) };
}

export async function createBody(ctx: AuthedCtx, input: { orgId: number; name: string; kind?: BodyKind; estateId?: number | null; description?: string | null }) {
  if (!policy.canManage(ctx.actor)) throw errors.forbidden();
  const org = await orgField(ctx, input.orgId, ['community']);
  if (input.estateId) {
    const e = await repo.estateOf(ctx.deps.db, input.estateId);
    if (!e || !e.org_path.startsWith(org.path)) throw errors.field('estateId', msg('小区不在该社区内', 'is not an estate of this community'));
  }
  const id = await inTransaction(ctx, async (trx) => {
    const id = await repo.insertBody(trx, org, {
      name: input.name.trim(), kind: input.kind ?? 'council', estate_id: input.estateId ?? null, description: trimOrNull(input.description) ?? null, created_by: ctx.actor.userId,
    });
    await recordAudit(trx, ctx, { action: 'deliberationBody.create', entityType: 'deliberationBody', entityId: id, orgPath: org.path, detail: { kind: input.kind ?? 'council', estateId: input.estateId ?? null } });
    return id;
  });
  return getBody(ctx, id);
}

export async function updateBody(ctx: AuthedCtx, id: number, input: { name?: string; kind?: BodyKind; description?: string | null; status?: BodyStatus }) {
  const b = await loadBody(ctx, id);
  if (!policy.canManageAt(ctx.actor, b.org_path)) throw errors.forbidden();
  await inTransaction(ctx, async (trx) => {
    await repo.updateBody(trx, id, { name: input.name?.trim(), kind: input.kind, description: trimOrNull(input.description), status: input.status });
    await recordAudit(trx, ctx, { action: 'deliberationBody.update', entityType: 'deliberationBody', entityId: id, orgPath: b.org_path, detail: { changed: Object.keys(input), status: input.status } });
  });
  return getBody(ctx, id);
}

/** An account to link: in the actor's scope and in the body's community, active. */
async function linkable(ctx: AuthedCtx, b: { id: number; org_path: string }, userId: number, exceptMember = 0) {
  const u = await accountInScope(ctx.deps.db, ctx.actor, userId);
  if (!u || u.status !== 'active' || !pathInScope({ orgPath: b.org_path }, u.org_path)) {
    throw errors.field('userId', msg('账号不存在、已停用或不属于该社区', 'is not an active account of this community'));
  }
  if (await repo.activeSeatOf(ctx.deps.db, b.id, userId, exceptMember)) throw errors.field('userId', msg('该账号已是本机构的代表', 'already holds a seat in this body'));
  return u;
}

export async function addMember(ctx: AuthedCtx, bodyId: number, input: { name?: string; memberKind: MemberKind; userId?: number | null; note?: string | null }) {
  const b = await loadBody(ctx, bodyId);
  if (!policy.canManageAt(ctx.actor, b.org_path)) throw errors.forbidden();
  if (b.status !== 'active') throw errors.conflict('BODY_DISSOLVED', msg('议事机构已撤销', 'the body is dissolved'));
  const u = input.userId ? await linkable(ctx, b, input.userId) : null;
  const name = input.name?.trim() || u?.display_name;
  if (!name) throw errors.field('name', msg('请填写代表姓名或关联账号', 'is required when no account is linked'));
  await inTransaction(ctx, async (trx) => {
    const id = await repo.insertMember(trx, b, { user_id: u?.id ?? null, name, member_kind: input.memberKind, note: trimOrNull(input.note) ?? null });
    await recordAudit(trx, ctx, { action: 'representative.create', entityType: 'representative', entityId: id, orgPath: b.org_path, detail: { bodyId, memberKind: input.memberKind, linked: !!u } });
  }).catch(uniqueSeat);
  return getBody(ctx, bodyId);
}

export async function updateMember(ctx: AuthedCtx, id: number, input: { name?: string; memberKind?: MemberKind; userId?: number | null; note?: string | null; status?: MemberStatus }) {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const m = await repo.getMember(ctx.deps.db, ctx.actor, id);
  if (!m) throw errors.notFound('representative');
  const b = await loadBody(ctx, m.body_id);
  if (!policy.canManageAt(ctx.actor, m.org_path)) throw errors.forbidden();
  if (b.status !== 'active') throw errors.conflict('BODY_DISSOLVED', msg('议事机构已撤销', 'the body is dissolved'));
  const rejoin = input.status === 'active' && m.status === 'left';
  const userId = input.userId === undefined ? m.user_id : input.userId;
  if (userId && (input.userId !== undefined || rejoin)) await linkable(ctx, b, userId, id);
  await inTransaction(ctx, async (trx) => {
    await repo.updateMember(trx, id, {
      name: input.name?.trim(), member_kind: input.memberKind, user_id: input.userId, note: trimOrNull(input.note), status: input.status,
      left_on: input.status === 'left' ? policy.chinaToday() : input.status === 'active' ? null : undefined,
    });
    await recordAudit(trx, ctx, { action: 'representative.update', entityType: 'representative', entityId: id, orgPath: m.org_path, detail: { changed: Object.keys(input), status: input.status } });
  }).catch(uniqueSeat);
  return getBody(ctx, m.body_id);
}

/** Two concurrent adds of one account: the partial unique index decides. */
function uniqueSeat(e: unknown): never {
  if ((e as { code?: string }).code === '23505') throw errors.field('userId', msg('该账号已是本机构的代表', 'already holds a seat in this body'));
  throw e;
}

export async function candidates(ctx: AuthedCtx, q: { orgId: number; q?: string }) {
  if (!policy.canManage(ctx.actor)) throw errors.forbidden();
  const org = await orgField(ctx, q.orgId, ['community']);
  const rows = await repo.candidates(ctx.deps.db, ctx.actor, org.path, q.q?.trim() || undefined);
  return { items: rows.map((r) => ({ id: r.id, displayName: r.display_name, username: r.username, orgName: r.org_name })) };
}

// ── Forms (6+X) ──
const FORM_NAMES: Record<string, { zh: string; en: string }> = {
  committee: msg('议事协商委员会', 'Deliberation committee'), discussion: msg('民主议事', 'Democratic discussion'), dialogue: msg('民主恳谈', 'Democratic dialogue'),
  hearing: msg('民主听证', 'Public hearing'), review: msg('民主评议', 'Democratic review'), consultation: msg('民主咨询', 'Democratic consultation'),
};
export const formName = (ctx: { meta: { lang: 'zh' | 'en' } }, key: string) => FORM_NAMES[key]?.[ctx.meta.lang] ?? key;

export async function listForms(ctx: AuthedCtx, q: { orgId?: number }) {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const root = await listRoot(ctx, q.orgId);
  const custom = await repo.formsOf(ctx.deps.db, ctx.actor, root);
  return {
    items: [
      ...policy.DEFAULT_FORMS.map((k) => ({ key: k, id: null, orgId: null, name: formName(ctx, k), description: null, builtin: true, status: 'active' as const, actions: [] })),
      ...custom.map((f) => ({
        key: 'custom', id: f.id, orgId: f.org_id, name: f.name, description: f.description, builtin: false, status: f.status,
        actions: policy.canManageAt(ctx.actor, f.org_path) ? ['update'] : [],
      })),
    ],
  };
}

export async function createForm(ctx: AuthedCtx, input: { orgId: number; name: string; description?: string | null }) {
  if (!policy.canManage(ctx.actor)) throw errors.forbidden();
  const org = await orgField(ctx, input.orgId, ['street', 'community']);
  const name = input.name.trim();
  if (Object.values(FORM_NAMES).some((m) => m.zh === name) || await repo.formNameTaken(ctx.deps.db, org.id, name)) throw errors.field('name', msg('已有同名议事形式', 'is already a form'));
  await inTransaction(ctx, async (trx) => {
    const id = await repo.insertForm(trx, org, { name, description: trimOrNull(input.description) ?? null, created_by: ctx.actor.userId });
    await recordAudit(trx, ctx, { action: 'deliberationForm.create', entityType: 'deliberationForm', entityId: id, orgPath: org.path, detail: { name } });
  }).catch((e) => { if ((e as { code?: string }).code === '23505') throw errors.field('name', msg('已有同名议事形式', 'is already a form')); throw e; });
  return listForms(ctx, { orgId: input.orgId });
}

export async function updateForm(ctx: AuthedCtx, id: number, input: { name?: string; description?: string | null; status?: 'active' | 'retired' }) {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const f = await repo.getForm(ctx.deps.db, ctx.actor, id);
  if (!f) throw errors.notFound('deliberationForm');
  if (!policy.canManageAt(ctx.actor, f.org_path)) throw errors.forbidden();
  const name = input.name?.trim();
  if (name && await repo.formNameTaken(ctx.deps.db, f.org_id, name, id)) throw errors.field('name', msg('已有同名议事形式', 'is already a form'));
  await inTransaction(ctx, async (trx) => {
    await repo.updateForm(trx, id, { name, description: trimOrNull(input.description), status: input.status });
    await recordAudit(trx, ctx, { action: 'deliberationForm.update', entityType: 'deliberationForm', entityId: id, orgPath: f.org_path, detail: { changed: Object.keys(input) } });
  });
  return listForms(ctx, { orgId: f.org_id });
}
