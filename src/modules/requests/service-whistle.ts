import type { AuthedCtx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { pathInScope } from '../../core/scope.js';
import * as cfg from './repo-config.js';
import * as policy from './policy.js';
import { addHours } from './rules.js';
import { catalogue } from './catalogue.js';
import { transit, targetOfLocked } from './transit.js';
import { loadVisible } from './service-view.js';

/**
 * 吹哨报到: a community that cannot solve a request alone summons departments; each must
 * check in (报到) within the category's check-in hours and report what it did. Late
 * check-ins are supervised by the street (the sweeper marks them; streets press by hand).
 */
export async function whistle(ctx: AuthedCtx, id: number, b: { departmentIds: number[]; reason: string; version?: number }) {
  const seen = await loadVisible(ctx, id);
  const allowed = new Map((await cfg.departmentsAbove(ctx.deps.db, seen.org_path)).map((d) => [d.id, d]));
  const bad = b.departmentIds.filter((d) => !allowed.has(d));
  if (bad.length) throw errors.field('departmentIds', { zh: `不是诉求所在地上级的职能部门：${bad.join('、')}`, en: `not departments above the request’s area: ${bad.join(', ')}` });
  const hours = (await catalogue(ctx.deps)).deadlines(seen.category_id).checkinHours;
  const reason = b.reason.trim();
  return transit(ctx, id, {
    action: 'whistle', expectVersion: b.version, note: reason, detail: { departmentIds: b.departmentIds },
    also: async (trx, _r, now) => {
      const rows = await trx.insertInto('request_summons').values(b.departmentIds.map((d) => ({
        request_id: id, org_id: d, org_path: allowed.get(d)!.path, whistled_by: ctx.actor.userId, whistled_at: now, reason, due_at: addHours(now, hours),
      }))).onConflict((oc) => oc.columns(['request_id', 'org_id']).doNothing()).returning('id').execute();
      if (rows.length < b.departmentIds.length) throw errors.field('departmentIds', { zh: '其中有部门已被召集', en: 'includes a department already summoned' });
    },
    notice: () => ({ kind: 'whistle', orgIds: b.departmentIds, title: `吹哨报到：诉求 #${id}`, body: `${reason}（${hours} 小时内报到）` }),
  });
}

/** The request a summons belongs to, if the actor's unit is the one summoned. */
export async function requestOfSummons(ctx: AuthedCtx, summonsId: number): Promise<number> {
  const s = await ctx.deps.db.selectFrom('request_summons').select(['request_id', 'org_path']).where('id', '=', summonsId).executeTakeFirst();
  if (!s || !pathInScope(ctx.actor, s.org_path)) throw errors.notFound('summons');
  return s.request_id;
}

async function summonsOf(ctx: AuthedCtx, requestId: number, summonsId: number) {
  const s = await ctx.deps.db.selectFrom('request_summons').selectAll().where('id', '=', summonsId).where('request_id', '=', requestId).executeTakeFirst();
  if (!s || !pathInScope(ctx.actor, s.org_path)) throw errors.notFound('summons');
  return s;
}

export async function checkIn(ctx: AuthedCtx, id: number, summonsId: number) {
  await loadVisible(ctx, id);
  const s = await summonsOf(ctx, id, summonsId);
  return transit(ctx, id, {
    action: 'checkIn', targetOrgId: s.org_id, detail: { summonsId },
    check: (r) => {
      if (!policy.summonsActions(ctx.actor, targetOfLocked(r), { orgPath: s.org_path, checkedIn: false, reported: false }).includes('check_in')) throw errors.forbidden();
    },
    also: async (trx, _r, now) => {
      const u = await trx.updateTable('request_summons').set({ checked_in_at: now, checked_in_by: ctx.actor.userId, late: now > s.due_at ? true : s.late })
        .where('id', '=', summonsId).where('checked_in_at', 'is', null).executeTakeFirst();
      if (u.numUpdatedRows === 0n) throw errors.conflict('ALREADY_CHECKED_IN', { zh: '已报到', en: 'already checked in' });
    },
    notice: (r) => ({ kind: 'checkIn', orgIds: r.org_path.split('/').filter(Boolean).map(Number).slice(-2), title: `部门已报到：诉求 #${id}`, body: '' }),
  });
}

export async function reportSummons(ctx: AuthedCtx, id: number, summonsId: number, b: { report: string }) {
  await loadVisible(ctx, id);
  const s = await summonsOf(ctx, id, summonsId);
  if (!s.checked_in_at) throw errors.conflict('NOT_CHECKED_IN', { zh: '请先报到再反馈', en: 'check in before reporting' });
  const report = b.report.trim();
  return transit(ctx, id, {
    action: 'report', targetOrgId: s.org_id, note: report, detail: { summonsId },
    also: async (trx, _r, now) => {
      const u = await trx.updateTable('request_summons').set({ report, reported_at: now }).where('id', '=', summonsId).where('reported_at', 'is', null).executeTakeFirst();
      if (u.numUpdatedRows === 0n) throw errors.conflict('ALREADY_REPORTED', { zh: '已反馈', en: 'already reported' });
    },
    notice: (r) => ({ kind: 'report', orgIds: r.org_path.split('/').filter(Boolean).map(Number).slice(-2), title: `部门反馈：诉求 #${id}`, body: report }),
  });
}
