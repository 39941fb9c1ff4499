import type { Transaction } from 'kysely';
import type { AuthedCtx } from '../../core/context.js';
import type { DB } from '../../db/schema.js';
import type { ProjectRow } from '../../db/schema-projects.js';
import { errors } from '../../core/errors.js';
import { socialOrgIdsOfUser } from '../socialorgs/api.js';
import { socialWorkerIdsOfUser } from '../workforce/api.js';
import * as repo from './repo.js';
import * as policy from './policy.js';

/** Who the actor is to projects: the links of a socialOrgStaff account, and its relation to one project. */
export async function linksOf(ctx: AuthedCtx, db: repo.Q = ctx.deps.db): Promise<repo.Links> {
  if (!policy.isImplementer(ctx.actor)) return { socialOrgIds: [], socialWorkerIds: [], streetPath: null };
  const [socialOrgIds, socialWorkerIds, street] = await Promise.all([
    socialOrgIdsOfUser(db, ctx.actor.userId), socialWorkerIdsOfUser(db, ctx.actor.userId), repo.streetOn(db, ctx.actor.orgPath),
  ]);
  return { socialOrgIds, socialWorkerIds, streetPath: street?.path ?? null };
}

export async function relationOf(db: repo.Q, links: repo.Links, p: Pick<ProjectRow, 'id' | 'status' | 'org_path' | 'social_org_id' | 'social_worker_id'>): Promise<policy.Relation> {
  if (!links.socialOrgIds.length && !links.socialWorkerIds.length) return policy.NO_RELATION;
  const awardee = (p.social_org_id !== null && links.socialOrgIds.includes(p.social_org_id))
    || (p.social_worker_id !== null && links.socialWorkerIds.includes(p.social_worker_id));
  let bidder = false;
  if (links.socialOrgIds.length) {
    const b = await db.selectFrom('project_bid').select('id').where('project_id', '=', p.id).where('social_org_id', 'in', links.socialOrgIds).executeTakeFirst();
    bidder = !!b;
  }
  const openToBid = links.socialOrgIds.length > 0 && p.status === 'bidding' && links.streetPath !== null && p.org_path.startsWith(links.streetPath);
  return { awardee, bidder, openToBid };
}

export function visibilityKind(ctx: AuthedCtx): 'staff' | 'implementer' | 'resident' | null {
  if (policy.canRead(ctx.actor)) return 'staff';
  if (policy.isImplementer(ctx.actor)) return 'implementer';
  if (policy.isResident(ctx.actor)) return 'resident';
  return null;
}

/**
 * Loads and locks a project in the caller's transaction, checks that the actor sees it
 * (404 otherwise, so existence is not revealed) and that `can` holds (403).
 */
export async function lockedProject(trx: Transaction<DB>, ctx: AuthedCtx, id: number, can: (p: ProjectRow, r: policy.Relation) => boolean) {
  const p = await repo.lockProject(trx, id);
  if (!p) throw errors.notFound('project');
  const r = await relationOf(trx, await linksOf(ctx, trx), p);
  if (!policy.sees(ctx.actor, { orgPath: p.org_path, status: p.status }, r)) throw errors.notFound('project');
  if (!can(p, r)) throw errors.forbidden();
  return { p, r };
}

export const wrongStatus = (status: string) => errors.conflict('PROJECT_STATUS', {
  zh: `项目当前状态（${STATUS_ZH[status] ?? status}）不允许此操作`,
  en: `Not allowed while the project is ${status}`,
});

export const STATUS_ZH: Record<string, string> = {
  draft: '草稿', submitted: '待审核', returned: '退回修改', rejected: '未通过', approved: '已批准', bidding: '竞争性评审报名中',
  evaluating: '评审中', implementing: '实施中', accepted: '已验收', closed: '已结项',
};
export const KIND_ZH: Record<string, string> = { purchasedService: '政府购买服务', ventureGrant: '公益创投', linkage: '三社联动项目' };
