import type { AuthedCtx } from '../../core/context.js';
import { AppError, errors } from '../../core/errors.js';
import { pathInScope } from '../../core/scope.js';
import * as policy from './policy.js';
import * as repo from './repo.js';

/** Helpers every micro-project service uses. */

/** Staff (microproject.read) read by scope; residents (deliberation.self) read their community; others are refused. */
export function viewerKind(ctx: AuthedCtx): boolean {
  const staff = policy.canRead(ctx.actor);
  if (!staff && !policy.canSelf(ctx.actor)) throw errors.forbidden();
  return staff;
}

/** An orgId filter: an org within the staff member's scope (400 naming orgId otherwise). */
export async function underPathOf(ctx: AuthedCtx, orgId: number | undefined, staff: boolean) {
  if (orgId === undefined) return null;
  const o = await repo.orgById(ctx.deps.db, orgId);
  if (!o || (staff && !pathInScope(ctx.actor, o.path)))
    throw errors.field('orgId', { zh: '须为您范围内的组织', en: 'must be an org within your scope' });
  return o.path;
}

const STATUS_ZH: Record<string, string> = {
  submitted: '待审核', changesRequested: '退回修改', approved: '已通过', rejected: '未通过', inRound: '投票中', won: '入选', lost: '未入选',
  voting: '投票中', closed: '已结束', implementing: '实施中', completed: '已完成',
};
export const statusZh = (s: string) => STATUS_ZH[s] ?? s;

export const wrongStatus = (code: string, status: string) => errors.conflict(code, {
  zh: `当前状态（${statusZh(status)}）不允许此操作`, en: `Not allowed while the record is ${status}`,
});

/** A calendar date the schema's format passes but that does not exist (2026-02-30) is a 400, not a database error. */
export function checkDay(field: string, v: string | null | undefined) {
  if (!v) return;
  const d = new Date(`${v}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v) throw errors.field(field, { zh: '不是有效的日期', en: 'is not a valid date' });
  const year = d.getUTCFullYear();
  if (year < 1900 || year > 2200) throw errors.field(field, { zh: '年份须在 1900–2200 之间', en: 'must be a year between 1900 and 2200' });
}

/** errors.notFound for a proposal (core's entity list has no name for it; same code and wording). */
export const proposalNotFound = () => new AppError('NOT_FOUND', 404, { zh: '微实事申报不存在或无权访问', en: 'micro-project proposal not found or not accessible' });
