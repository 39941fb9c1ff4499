import type { AuthedCtx } from '../../core/context.js';
import { inTransaction, recordAudit } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import { maskPhone } from '../../core/crypto.js';
import { scopePattern } from '../../core/scope.js';
import { pageTotal, paged, type PageQuery } from '../../core/schemas.js';
import { normalizeContactPhone } from '../requests/service-submit.js';
import * as repo from './repo.js';
import * as policy from './policy.js';
import { presentVolunteer } from './present.js';
import { hoursOf, starLevel } from './rules.js';

/** Volunteers (志愿者): a resident registers; staff in scope search, export and reveal the phone. */
export interface RegisterInput { skills: string[]; skillNote?: string | null; availability: string[]; phone?: string | null }

export async function registerVolunteer(ctx: AuthedCtx, input: RegisterInput) {
  const a = ctx.actor;
  if (!policy.canSelf(a)) throw errors.forbidden();
  let phone: string | null = null;
  if (input.phone) {
    phone = normalizeContactPhone(input.phone);
    if (!phone) throw errors.field('phone', { zh: '不是有效的手机或固话号码', en: 'is not a valid mobile or landline number' });
  }
  const cipher = ctx.deps.cipher;
  const values = {
    skills: input.skills, skill_note: input.skillNote?.trim() || null, availability: input.availability,
    phone_enc: phone ? cipher.encrypt(phone) : null, phone_hash: phone ? cipher.lookupHash(phone) : null, phone_masked: phone ? maskPhone(phone) : null,
  };
  const id = await inTransaction(ctx, async (trx) => {
    const row = await trx.insertInto('volunteer')
      .values({ user_id: a.userId, org_id: a.orgId, org_path: a.orgPath, name: a.displayName, ...values })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ ...values, name: a.displayName, updated_at: new Date() }))
      .returning(['id', 'created_at', 'updated_at']).executeTakeFirstOrThrow();
    const created = row.created_at.getTime() === row.updated_at.getTime();
    await recordAudit(trx, ctx, {
      action: created ? 'volunteer.register' : 'volunteer.update', entityType: 'volunteer', entityId: row.id, orgPath: a.orgPath,
      detail: { skills: input.skills, availability: input.availability, phone: phone ? 'set' : 'none' },
    });
    return row.id;
  });
  return myVolunteer(ctx, id);
}

async function myVolunteer(ctx: AuthedCtx, _id?: number) {
  const v = await repo.volunteerByUser(ctx.deps.db, ctx.actor.userId);
  return v ? presentVolunteer(ctx.actor, v) : null;
}

export async function getMyVolunteer(ctx: AuthedCtx) {
  if (!policy.canSelf(ctx.actor)) throw errors.forbidden();
  return myVolunteer(ctx);
}

/** The volunteer behind the signed-in resident; 404 when not registered yet. */
export async function requireMyVolunteer(ctx: AuthedCtx) {
  if (!policy.canSelf(ctx.actor)) throw errors.forbidden();
  const v = await repo.volunteerByUser(ctx.deps.db, ctx.actor.userId);
  if (!v) throw errors.conflict('NOT_A_VOLUNTEER', { zh: '请先登记为志愿者', en: 'Register as a volunteer first' });
  return v;
}

async function underPathOf(ctx: AuthedCtx, orgId: number | undefined) {
  if (orgId === undefined) return null;
  const o = await repo.orgById(ctx.deps.db, orgId);
  if (!o || !o.path.startsWith(ctx.actor.orgPath)) throw errors.field('orgId', { zh: '不在您的管辖范围内', en: 'is not within your scope' });
  scopePattern(o.path);
  return o.path;
}

export async function listVolunteers(ctx: AuthedCtx, f: repo.VolunteerFilter, page: PageQuery) {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const under = await underPathOf(ctx, f.orgId);
  const rows = await repo.listVolunteers(ctx.deps.db, ctx.actor, f, under, page);
  const total = await pageTotal(rows, page, () => repo.countVolunteers(ctx.deps.db, ctx.actor, f, under));
  return paged(rows.map((v) => presentVolunteer(ctx.actor, v)), total, page);
}

export async function getVolunteer(ctx: AuthedCtx, id: number) {
  if (!policy.canRead(ctx.actor)) throw errors.notFound('volunteer');
  const v = await repo.volunteerById(ctx.deps.db, ctx.actor, id);
  if (!v) throw errors.notFound('volunteer');
  return presentVolunteer(ctx.actor, v);
}

export const VOLUNTEER_COLUMNS = (en: boolean) => [
  { header: en ? 'ID' : '编号', key: 'id', width: 8 },
  { header: en ? 'Name' : '姓名', key: 'name' },
  { header: en ? 'Org' : '所属组织', key: 'orgName', width: 22 },
  { header: en ? 'Phone (masked)' : '电话（脱敏）', key: 'phone' },
  { header: en ? 'Skills' : '技能', key: 'skills', width: 30 },
  { header: en ? 'Availability' : '可服务时间', key: 'availability', width: 30 },
  { header: en ? 'Hours' : '累计时长（小时）', key: 'hours' },
  { header: en ? 'Stars' : '星级', key: 'stars', width: 8 },
  { header: en ? 'Registered' : '登记时间', key: 'createdAt', width: 22 },
];

/** Export is masked (no reveal); it is itself audited. */
export async function* exportVolunteers(ctx: AuthedCtx, f: repo.VolunteerFilter): AsyncGenerator<Record<string, unknown>> {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const under = await underPathOf(ctx, f.orgId);
  await inTransaction(ctx, (trx) => recordAudit(trx, ctx, { action: 'volunteer.export', entityType: 'volunteer', detail: { ...f } }));
  for await (const v of repo.batches((after) => repo.volunteerBatch(ctx.deps.db, ctx.actor, f, under, after, 1000), 1000)) {
    yield {
      id: v.id, name: v.name, orgName: v.org_name, phone: v.phone_masked ?? '', skills: v.skills.join('、'), availability: v.availability.join('、'),
      hours: hoursOf(v.confirmed_minutes), stars: starLevel(v.confirmed_minutes), createdAt: v.created_at.toISOString(),
    };
  }
}

/** The phone in full, for staff allowed to reveal, with a reason; refusals are audited too. */
export async function revealPhone(ctx: AuthedCtx, id: number, reason: string) {
  if (!policy.canRead(ctx.actor)) throw errors.notFound('volunteer');
  const v = await ctx.deps.db.selectFrom('volunteer').select(['id', 'org_path', 'phone_enc']).where('id', '=', id).executeTakeFirst();
  if (!v || !v.org_path.startsWith(ctx.actor.orgPath)) throw errors.notFound('volunteer');
  const allowed = policy.canRevealPhone(ctx.actor, v.org_path);
  await inTransaction(ctx, (trx) => recordAudit(trx, ctx, {
    action: 'volunteer.reveal', entityType: 'volunteer', entityId: id, orgPath: v.org_path, outcome: allowed ? 'success' : 'denied', detail: { field: 'phone', reason },
  }));
  if (!allowed) throw errors.forbidden();
  return { value: v.phone_enc ? ctx.deps.cipher.decrypt(v.phone_enc) : null };
}
