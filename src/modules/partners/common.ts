import type { AuthedCtx } from '../../core/context.js';
import type { OrgLevel } from '../../db/schema.js';
import { errors, type Msg } from '../../core/errors.js';
import { maskPhone } from '../../core/crypto.js';
import { getOrgInScope } from '../orgs/service.js';
import type { OrgRecord } from '../orgs/repo.js';

/** Pieces the partners services share. */

/** An org named by a request field: out of scope or of the wrong level reads as a field error. */
export async function orgField(ctx: AuthedCtx, id: number, levels: readonly OrgLevel[], field = 'orgId'): Promise<OrgRecord> {
  const org = await getOrgInScope(ctx, id).catch(() => {
    throw errors.field(field, { zh: '组织不存在或不在您的管辖范围内', en: 'is not an org within your scope' });
  });
  if (!levels.includes(org.level)) {
    throw errors.field(field, levels.length === 1 && levels[0] === 'community'
      ? { zh: '必须是社区', en: 'must be a community' }
      : { zh: `必须是以下层级之一：${levels.join('、')}`, en: `must be one of the levels ${levels.join(', ')}` });
  }
  return org;
}

/** Encrypted, hashed and masked columns of a phone (all null when cleared). */
export function phoneColumns(ctx: AuthedCtx, phone: string | null | undefined) {
  const p = phone?.replace(/[\s-]/g, '') || null;
  return {
    enc: p ? ctx.deps.cipher.encrypt(p) : null,
    hash: p ? ctx.deps.cipher.lookupHash(p) : null,
    masked: p ? maskPhone(p) : null,
  };
}
export const normalizedPhoneHash = (ctx: AuthedCtx, phone: string) => ctx.deps.cipher.lookupHash(phone.replace(/[\s-]/g, ''));

export const iso = (d: Date | null) => (d ? d.toISOString() : null);
export const trimOrNull = (s: string | null | undefined) => (s === undefined ? undefined : s === null ? null : s.trim() || null);

export const fieldMsg = (zh: string, en: string): Msg => ({ zh, en });
