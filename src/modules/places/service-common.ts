import type { AuthedCtx } from '../../core/context.js';
import { AppError, errors } from '../../core/errors.js';
import { pathInScope } from '../../core/scope.js';
import * as repo from './repo.js';
import * as policy from './policy.js';
import { pointProblem } from './rules.js';

/** Helpers shared by the estate and household services. */

/** The grid or community a place is put under; 400 naming `field` otherwise (missing and out of scope look alike). */
export async function placeOrg(ctx: AuthedCtx, orgId: number, field = 'orgId'): Promise<repo.OrgRow> {
  const o = await repo.getOrg(ctx.deps.db, orgId);
  if (!o || !pathInScope(ctx.actor, o.path))
    throw errors.field(field, { zh: '组织不存在或不在您的管辖范围内', en: 'is not an org within your scope' });
  if (!policy.canPlaceUnder(ctx.actor, o))
    throw errors.field(field, { zh: '只能选择网格或社区', en: 'must be a grid or a community' });
  return o;
}

type PointInput = { lon?: number | null; lat?: number | null };

/** The point after an edit: given fields replace the current ones; both or neither. */
export function mergedPoint(input: PointInput, cur: { lon: number | null; lat: number | null } = { lon: null, lat: null }) {
  const lon = input.lon !== undefined ? input.lon : cur.lon;
  const lat = input.lat !== undefined ? input.lat : cur.lat;
  const p = pointProblem(lon, lat);
  if (p) throw errors.field(p.field, p.msg);
  return { lon, lat };
}

/**
 * Pre-checks inside the transaction catch duplicates and non-empty deletes; a concurrent
 * writer can still slip between check and write, so the database's own refusal (unique or
 * foreign key violation) is turned into the same 409 instead of a 500.
 */
export async function refusing<T>(work: Promise<T>, as: { unique?: () => AppError; foreignKey?: () => AppError }): Promise<T> {
  try {
    return await work;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === '23505' && as.unique) throw as.unique();
    if (code === '23503' && as.foreignKey) throw as.foreignKey();
    throw e;
  }
}

export const nameTaken = (what: { zh: string; en: string }) =>
  errors.conflict('PLACE_NAME_TAKEN', { zh: `${what.zh}名称已存在`, en: `That ${what.en} name is already used here` }, { name: { zh: '已被使用', en: 'is already used' } });

export const notEmpty = (code: string, what: { zh: string; en: string }, counts: { zh: string; en: string }[]) =>
  errors.conflict(code, {
    zh: `${what.zh}下还有${counts.map((c) => c.zh).join('、')}，请先删除或移走后再删除`,
    en: `The ${what.en} still has ${counts.map((c) => c.en).join(' and ')}; remove or move them first`,
  });
