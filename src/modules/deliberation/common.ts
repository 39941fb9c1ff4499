import type { AuthedCtx } from '../../core/context.js';
import { errors, type Msg } from '../../core/errors.js';
import { getOrgInScope } from '../orgs/service.js';

/** Pieces the deliberation services share; an org named by a field is checked as in partners. */
export { orgField, iso, trimOrNull } from '../partners/common.js';

/** The org a list is narrowed to (an org in scope of any level), or the actor's whole scope. */
export async function listRoot(ctx: AuthedCtx, orgId: number | undefined): Promise<string> {
  if (!orgId) return ctx.actor.orgPath;
  const org = await getOrgInScope(ctx, orgId).catch(() => {
    throw errors.field('orgId', { zh: '组织不存在或不在您的管辖范围内', en: 'is not an org within your scope' });
  });
  return org.path;
}

export const msg = (zh: string, en: string): Msg => ({ zh, en });
