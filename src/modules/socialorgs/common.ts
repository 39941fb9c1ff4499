import type { AuthedCtx } from '../../core/context.js';
import type { OrgLevel } from '../../db/schema.js';
import { errors, type Msg } from '../../core/errors.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { maskIdNumber, maskPhone } from '../../core/crypto.js';
import { getOrgInScope } from '../orgs/service.js';
import type { OrgRecord } from '../orgs/repo.js';
import { socialOrgIdsOfUser } from './api.js';
import * as repo from './repo.js';
import * as policy from './policy.js';

/** Pieces the social-organization services share. */
export const msg = (zh: string, en: string): Msg => ({ zh, en });
export const iso = (d: Date | null) => (d ? d.toISOString() : null);
export const trimOrNull = (s: string | null | undefined) => (s === undefined ? undefined : s === null ? null : s.trim() || null);

/** An org named by a request field: out of scope or of the wrong level reads as a field error. */
export async function orgField(ctx: AuthedCtx, id: number, levels: readonly OrgLevel[], field = 'orgId'): Promise<OrgRecord> {
  const org = await getOrgInScope(ctx, id).catch(() => {
    throw errors.field(field, msg('组织不存在或不在您的管辖范围内', 'is not an org within your scope'));
  });
  if (!levels.includes(org.level)) throw errors.field(field, msg(`层级必须是：${levels.join('、')}`, `must be one of the levels ${levels.join(', ')}`));
  return org;
}

/** The organizations a social-organization account may see (undefined: no such restriction). */
export async function ownIds(ctx: AuthedCtx): Promise<number[] | undefined> {
  return policy.ownOrgsOnly(ctx.actor) ? socialOrgIdsOfUser(ctx.deps.db, ctx.actor.userId) : undefined;
}

/** An organization the actor may see, or 404 (never revealing that it exists elsewhere). */
export async function loadOrg(ctx: AuthedCtx, id: number): Promise<repo.OrgRow> {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const s = await repo.getOrg(ctx.deps.db, ctx.actor, id);
  if (!s || !policy.canSee(ctx.actor, { id: s.id, path: s.org_path }, (await ownIds(ctx)) ?? [])) throw errors.notFound('socialOrg');
  return s;
}

/** An organization named by a field of a write: managed by the actor, or a field error. */
export async function managedOrgField(ctx: AuthedCtx, id: number, field = 'socialOrgId'): Promise<repo.OrgRow> {
  const s = await repo.getOrg(ctx.deps.db, ctx.actor, id);
  if (!s || !policy.canManageAt(ctx.actor, s.org_path)) throw errors.field(field, msg('社会组织不存在或不在您的管辖范围内', 'is not a social organization within your scope'));
  return s;
}

/** Encrypted, hashed and masked columns of a personal value (all null when cleared). */
export function secretColumns(ctx: AuthedCtx, value: string | null | undefined, kind: 'phone' | 'id') {
  const v = (kind === 'phone' ? value?.replace(/[\s-]/g, '') : value?.trim().toUpperCase()) || null;
  return {
    enc: v ? ctx.deps.cipher.encrypt(v) : null,
    hash: v ? ctx.deps.cipher.lookupHash(v) : null,
    masked: v ? (kind === 'phone' ? maskPhone(v) : maskIdNumber(v)) : null,
  };
}

/** Rows of an export in keyset batches (newest id first), counting them as they go. */
export const EXPORT_BATCH = 1000;
export async function* keyset<T extends { id: number }>(next: (after: number | null) => Promise<T[]>, count: { n: number }) {
  for (let after: number | null = null; ;) {
    const b = await next(after);
    for (const r of b) { count.n++; yield r; }
    if (b.length < EXPORT_BATCH) return;
    after = b[b.length - 1].id;
  }
}
/** One audit record per export, with its filter and row count. */
export const auditExport = (ctx: AuthedCtx, what: string, filter: unknown, n: number) =>
  inTransaction(ctx, (trx) => recordAudit(trx, ctx, { action: `${what}.export`, entityType: what, detail: { filter, rows: n } }));
