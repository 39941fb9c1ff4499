import type { AuthedCtx } from '../../core/context.js';
import type { CertLevel } from '../../db/schema-workforce.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { errors, type Lang } from '../../core/errors.js';
import { pageTotal, type PageQuery } from '../../core/schemas.js';
import { msg, orgField, secretColumns, trimOrNull } from '../socialorgs/common.js';
import * as repo from './repo.js';
import * as policy from './policy.js';
import { chinaToday, chinaYear, gradeProblem } from './rules.js';
import { configCache, payOf, type ConfigAt } from './service-config.js';
import { certProblems, checkAccount } from './service-people.js';

/** 社区工作者: profiles on the ladder, training records, certificate bonuses, derived pay (managers only). */

export function presentProfile(ctx: AuthedCtx, p: repo.ProfileRow, c: ConfigAt, year: number) {
  const seePay = policy.canSeePay(ctx.actor, p.org_path);
  const pay = seePay ? payOf(c, year, p) : null;
  const lang: Lang = ctx.meta.lang;
  return {
    id: p.id, orgId: p.org_id, orgName: p.org_name, name: p.name, userId: p.user_id, phone: seePay ? p.phone_masked : null,
    post: p.post, postName: c.ladder.posts.find((x) => x.code === p.post)?.name ?? p.post, grade: p.grade, hiredOn: p.hired_on,
    certLevel: p.cert_level, certNo: p.cert_no, certOn: p.cert_on, status: p.status, trainingHours: Number(p.training_hours),
    pay: pay?.pay ?? null, payProblem: pay?.problem ? pay.problem[lang] : null, createdAt: p.created_at.toISOString(),
    actions: policy.recordActions(ctx.actor, p.org_path, ['training', ...(p.cert_level !== 'none' ? ['bonus'] : []), ...(p.phone_masked ? ['reveal'] : [])]),
  };
}

export interface ProfileListQuery { orgId?: number; q?: string; post?: string; grade?: number; certLevel?: CertLevel; status?: 'active' | 'left'; year?: number }
export async function profileFilter(ctx: AuthedCtx, q: ProfileListQuery): Promise<repo.ProfileFilter> {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const org = q.orgId ? await orgField(ctx, q.orgId, policy.FILTER_LEVELS) : null;
  return { orgPath: org?.path ?? ctx.actor.orgPath, q: q.q?.trim() || undefined, post: q.post, grade: q.grade, certLevel: q.certLevel, status: q.status };
}

export async function listProfiles(ctx: AuthedCtx, q: ProfileListQuery, page: PageQuery) {
  const f = await profileFilter(ctx, q);
  const year = q.year ?? chinaYear();
  const rows = await repo.profilesPage(ctx.deps.db, ctx.actor, f, page);
  const cfg = configCache(ctx, year);
  const items = await Promise.all(rows.map(async (r) => presentProfile(ctx, r, await cfg(r.org_path), year)));
  return { items, total: await pageTotal(rows, page, () => repo.countProfiles(ctx.deps.db, ctx.actor, f)) };
}

async function loadProfile(ctx: AuthedCtx, id: number) {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const p = await repo.getProfile(ctx.deps.db, ctx.actor, id);
  if (!p) throw errors.notFound('workerProfile');
  return p;
}

export async function getProfile(ctx: AuthedCtx, id: number, year = chinaYear()) {
  const p = await loadProfile(ctx, id);
  const seePay = policy.canSeePay(ctx.actor, p.org_path);
  const [c, trainings, bonuses] = await Promise.all([configCache(ctx, year)(p.org_path), repo.trainingsOf(ctx.deps.db, id), seePay ? repo.bonusesOf(ctx.deps.db, id) : []]);
  return {
    ...presentProfile(ctx, p, c, year),
    trainings: trainings.map((t) => ({ id: t.id, profileId: t.profile_id, heldOn: t.held_on, topic: t.topic, hours: t.hours, provider: t.provider, createdAt: t.created_at.toISOString() })),
    bonuses: bonuses.map((b) => ({ id: b.id, profileId: b.profile_id, certLevel: b.cert_level, amount: b.amount, awardedOn: b.awarded_on, note: b.note, createdAt: b.created_at.toISOString() })),
  };
}

interface ProfileFields {
  name?: string; userId?: number | null; phone?: string | null; post?: string; grade?: number; hiredOn?: string | null;
  certLevel?: CertLevel; certNo?: string | null; certOn?: string | null; status?: 'active' | 'left';
}

async function profileValues(ctx: AuthedCtx, input: ProfileFields, cur: { id: number | null; path: string; post: string; grade: number; cert_level: CertLevel; cert_no: string | null; cert_on: string | null }) {
  const level = input.certLevel ?? cur.cert_level;
  const none = level === 'none';
  const no = none ? null : input.certNo !== undefined ? trimOrNull(input.certNo) ?? null : cur.cert_no;
  const on = none ? null : input.certOn !== undefined ? input.certOn : cur.cert_on;
  const problems = certProblems(level, no, on);
  if (input.hiredOn && input.hiredOn > chinaToday()) problems.hiredOn = msg('不能晚于今天', 'cannot be in the future');
  if (input.post !== undefined || input.grade !== undefined) {
    const c = await configCache(ctx, chinaYear())(cur.path);
    const g = gradeProblem(c.ladder.posts, input.post ?? cur.post, input.grade ?? cur.grade);
    if (g) problems[g.field] = g.msg;
  }
  if (Object.keys(problems).length) throw errors.validation(problems);
  if (input.userId) await checkAccount(ctx, 'worker_profile', input.userId, cur.id, ['communityWorker', 'gridWorker']);
  const v: repo.ProfileValues = { cert_level: level, cert_no: no, cert_on: on };
  if (input.name !== undefined) v.name = input.name.trim();
  if (input.userId !== undefined) v.user_id = input.userId;
  if (input.post !== undefined) v.post = input.post;
  if (input.grade !== undefined) v.grade = input.grade;
  if (input.hiredOn !== undefined) v.hired_on = input.hiredOn;
  if (input.status !== undefined) v.status = input.status;
  if (input.phone !== undefined) {
    const c = secretColumns(ctx, input.phone, 'phone');
    Object.assign(v, { phone_enc: c.enc, phone_hash: c.hash, phone_masked: c.masked });
  }
  return v;
}

export async function createProfile(ctx: AuthedCtx, input: ProfileFields & { orgId: number; name: string; post: string; grade: number }) {
  if (!policy.canManage(ctx.actor)) throw errors.forbidden();
  const org = await orgField(ctx, input.orgId, policy.HOME_LEVELS);
  const v = await profileValues(ctx, input, { id: null, path: org.path, post: input.post, grade: input.grade, cert_level: 'none', cert_no: null, cert_on: null });
  const id = await inTransaction(ctx, async (trx) => {
    const id = await repo.insertProfile(trx, org, { ...v, name: input.name.trim(), post: input.post, grade: input.grade, created_by: ctx.actor.userId });
    await recordAudit(trx, ctx, { action: 'workerProfile.create', entityType: 'workerProfile', entityId: id, orgPath: org.path, detail: { orgId: org.id, post: input.post, grade: input.grade, certLevel: v.cert_level } });
    return id;
  });
  return getProfile(ctx, id);
}

export async function updateProfile(ctx: AuthedCtx, id: number, input: ProfileFields) {
  const p = await loadProfile(ctx, id);
  if (!policy.canManageAt(ctx.actor, p.org_path)) throw errors.forbidden();
  const v = await profileValues(ctx, input, { ...p, path: p.org_path });
  await inTransaction(ctx, async (trx) => {
    await repo.lockProfile(trx, id);
    await repo.updateProfile(trx, id, v);
    await recordAudit(trx, ctx, {
      action: 'workerProfile.update', entityType: 'workerProfile', entityId: id, orgPath: p.org_path,
      detail: { changed: Object.keys(input), ...(input.grade !== undefined || input.post !== undefined ? { from: { post: p.post, grade: p.grade }, to: { post: v.post ?? p.post, grade: v.grade ?? p.grade } } : {}) },
    });
  });
  return getProfile(ctx, id);
}

export async function addTraining(ctx: AuthedCtx, id: number, input: { heldOn: string; topic: string; hours: number; provider?: string | null }) {
  const p = await loadProfile(ctx, id);
  if (!policy.canManageAt(ctx.actor, p.org_path)) throw errors.forbidden();
  if (input.heldOn > chinaToday()) throw errors.field('heldOn', msg('不能晚于今天', 'cannot be in the future'));
  await inTransaction(ctx, async (trx) => {
    const tid = await repo.insertTraining(trx, p, { held_on: input.heldOn, topic: input.topic.trim(), hours: Math.round(input.hours * 10) / 10, provider: trimOrNull(input.provider) ?? null, created_by: ctx.actor.userId });
    await recordAudit(trx, ctx, { action: 'training.create', entityType: 'training', entityId: tid, orgPath: p.org_path, detail: { profileId: id, hours: input.hours } });
  });
  return getProfile(ctx, id);
}

/** The one-off certificate award for the level the worker holds, at the amount of the rule in force; once per level. */
export async function awardBonus(ctx: AuthedCtx, id: number, input: { awardedOn: string; note?: string | null }) {
  const p = await loadProfile(ctx, id);
  if (!policy.canManageAt(ctx.actor, p.org_path)) throw errors.forbidden();
  if (input.awardedOn > chinaToday()) throw errors.field('awardedOn', msg('不能晚于今天', 'cannot be in the future'));
  if (p.cert_level === 'none') throw errors.conflict('NO_CERTIFICATE', msg('该社区工作者未登记社工证书', 'the worker holds no social-work certificate'));
  if (p.cert_on && input.awardedOn < p.cert_on) throw errors.field('awardedOn', msg('不能早于取证日期', 'cannot be before the certificate date'));
  const c = await configCache(ctx, chinaYear())(p.org_path);
  const rule = c.bonuses.find((b) => b.cert_level === p.cert_level);
  const level = p.cert_level;
  await inTransaction(ctx, async (trx) => {
    const bid = await repo.insertBonus(trx, p, { cert_level: level, amount: rule?.one_time_bonus ?? 0, awarded_on: input.awardedOn, note: trimOrNull(input.note) ?? null, created_by: ctx.actor.userId });
    if (bid === null) throw errors.conflict('BONUS_AWARDED', msg('该等级的持证奖励已发放', 'the award for this certificate level was already given'));
    await recordAudit(trx, ctx, { action: 'workerBonus.create', entityType: 'workerProfile', entityId: id, orgPath: p.org_path, detail: { bonusId: bid, certLevel: level, amount: rule?.one_time_bonus ?? 0 } });
  });
  return getProfile(ctx, id);
}

export async function revealProfilePhone(ctx: AuthedCtx, id: number, reason: string) {
  const p = await loadProfile(ctx, id);
  const allowed = policy.canManageAt(ctx.actor, p.org_path);
  await inTransaction(ctx, (trx) => recordAudit(trx, ctx, {
    action: 'workerProfile.reveal', entityType: 'workerProfile', entityId: id, orgPath: p.org_path, outcome: allowed ? 'success' : 'denied', detail: { field: 'phone', reason: reason.trim() },
  }));
  if (!allowed) throw errors.forbidden();
  const row = await repo.profilePhone(ctx.deps.db, id);
  return { value: row.phone_enc ? ctx.deps.cipher.decrypt(row.phone_enc) : null };
}
