import type { AuthedCtx } from '../../core/context.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import { maskName } from '../../core/crypto.js';
import { pageTotal, type PageQuery } from '../../core/schemas.js';
import * as repo from './repo.js';
import * as corrections from './repo-corrections.js';
import * as policy from './policy.js';
import { ANONYMIZED_NAME } from './present.js';

type View = Omit<corrections.CorrectionView, never>;

/** `own`: the resident reading their own request sees their own name in full and no worker actions. */
export function presentCorrection(ctx: AuthedCtx, c: View, own = false) {
  const name = c.resident_status === 'anonymized' ? ANONYMIZED_NAME : own ? c.resident_name : maskName(c.resident_name);
  return {
    id: c.id, residentId: c.resident_id, residentNameMasked: name, field: c.field, message: c.message, status: c.status, reply: c.reply,
    createdAt: c.created_at.toISOString(), handledAt: c.handled_at?.toISOString() ?? null,
    actions: own ? [] : policy.correctionActions(ctx.actor, { orgPath: c.org_path, status: c.status }),
  };
}

export async function listCorrections(ctx: AuthedCtx, status: 'open' | 'accepted' | 'rejected' | undefined, page: PageQuery) {
  if (!policy.canReadCorrections(ctx.actor)) throw errors.forbidden();
  const rows = await corrections.listInScope(ctx.deps.db, ctx.actor, status, page);
  const total = await pageTotal(rows, page, () => corrections.countInScope(ctx.deps.db, ctx.actor, status));
  return { items: rows.map((c) => presentCorrection(ctx, c)), total };
}

/**
 * A worker answers a correction request. Accepting records the fact in the resident's
 * history; the worker then edits the record itself (the request text is not applied blindly).
 */
export async function handleCorrection(ctx: AuthedCtx, id: number, verdict: 'accept' | 'reject', reply: string) {
  if (!policy.canReadCorrections(ctx.actor)) throw errors.forbidden();
  await inTransaction(ctx, async (trx) => {
    const c = await corrections.lockInScope(trx, ctx.actor, id);
    if (!c) throw errors.notFound('correction');
    if (c.status !== 'open') throw errors.conflict('CORRECTION_HANDLED', { zh: '该更正申请已处理', en: 'This correction request has already been answered' });
    if (!policy.canHandleCorrection(ctx.actor, { orgPath: c.org_path, status: c.status })) throw errors.forbidden();
    await corrections.handle(trx, id, { status: verdict === 'accept' ? 'accepted' : 'rejected', reply: reply.trim(), handledBy: ctx.actor.userId });
    if (verdict === 'accept')
      await repo.addChange(trx, ctx.actor, { residentId: c.resident_id, orgId: c.org_id, orgPath: c.org_path, kind: 'correction', changes: { fields: [c.field], correctionId: id } });
    await recordAudit(trx, ctx, {
      action: `correction.${verdict}`, entityType: 'correction', entityId: id, orgPath: c.org_path, detail: { residentId: c.resident_id, field: c.field },
    });
  });
  const c = await corrections.getInScope(ctx.deps.db, ctx.actor, id);
  if (!c) throw errors.notFound('correction');
  return presentCorrection(ctx, c);
}
