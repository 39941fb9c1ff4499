import type { AuthedCtx } from '../../core/context.js';
import { inTransaction, recordAudit } from '../../core/audit.js';
import { maskName, maskPhone } from '../../core/crypto.js';
import { errors } from '../../core/errors.js';
import { paged, type PageQuery } from '../../core/schemas.js';
import type { DonorKind } from '../../db/schema-store.js';
import * as policy from './policy.js';
import * as repo from './repo.js';
import { orgForWrite, presentDonor, underPath } from './present.js';
import { exportRows } from './export.js';

/** Donors (捐赠方): who gives to a community or street; their contact is personal data. */
export interface DonorListInput { q?: string; orgId?: number; kind?: DonorKind; active?: boolean }
export interface DonorInput { name?: string; kind?: DonorKind; contactName?: string | null; contactPhone?: string | null; note?: string | null; active?: boolean }

function readable(ctx: AuthedCtx) {
  if (!policy.canReadStore(ctx.actor)) throw errors.forbidden();
}

async function filterOf(ctx: AuthedCtx, q: DonorListInput): Promise<repo.DonorFilter> {
  return { q: q.q?.trim() || undefined, kind: q.kind, active: q.active, underPath: await underPath(ctx, q.orgId) };
}

export async function listDonors(ctx: AuthedCtx, q: DonorListInput, page: PageQuery) {
  readable(ctx);
  const r = await repo.listDonors(ctx.deps.db, ctx.actor, await filterOf(ctx, q), page);
  return paged(r.items.map((x) => presentDonor(ctx.actor, x)), r.total, page);
}

/** A donor in scope, else 404 (missing and out of scope look alike). */
export async function loadDonor(ctx: AuthedCtx, id: number) {
  readable(ctx);
  const d = await repo.donorById(ctx.deps.db, id);
  if (!d || !d.org_path.startsWith(ctx.actor.orgPath)) throw errors.notFound('donor');
  return d;
}

export async function getDonor(ctx: AuthedCtx, id: number) {
  return presentDonor(ctx.actor, await loadDonor(ctx, id));
}

function contactColumns(ctx: AuthedCtx, b: DonorInput) {
  const c = ctx.deps.cipher;
  const out: Record<string, string | null> = {};
  if (b.contactName !== undefined) {
    const v = b.contactName?.trim() || null;
    out.contact_name_enc = v ? c.encrypt(v) : null;
    out.contact_name_masked = v ? maskName(v) : null;
  }
  if (b.contactPhone !== undefined) {
    const v = b.contactPhone?.trim() || null;
    out.contact_phone_enc = v ? c.encrypt(v) : null;
    out.contact_phone_hash = v ? c.lookupHash(v) : null;
    out.contact_phone_masked = v ? maskPhone(v) : null;
  }
  return out;
}

export async function createDonor(ctx: AuthedCtx, b: DonorInput & { orgId: number; name: string; kind: DonorKind }) {
  if (!policy.mayManageStores(ctx.actor)) throw errors.forbidden();
  const org = await orgForWrite(ctx, b.orgId, ['street', 'community']);
  if (!policy.canManageStore(ctx.actor, org.path)) throw errors.forbidden();
  const id = await inTransaction(ctx, async (trx) => {
    const r = await trx.insertInto('store_donor').values({
      org_id: org.id, org_path: org.path, name: b.name.trim(), kind: b.kind, note: b.note?.trim() || null, created_by: ctx.actor.userId, ...contactColumns(ctx, b),
    }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'store.donor.create', entityType: 'donor', entityId: r.id, orgPath: org.path, detail: { name: b.name, kind: b.kind } });
    return r.id;
  });
  return getDonor(ctx, id);
}

export async function updateDonor(ctx: AuthedCtx, id: number, b: DonorInput) {
  const d = await loadDonor(ctx, id);
  if (!policy.canManageStore(ctx.actor, d.org_path)) throw errors.forbidden();
  await inTransaction(ctx, async (trx) => {
    await trx.updateTable('store_donor').set({
      ...(b.name !== undefined ? { name: b.name.trim() } : {}), ...(b.kind !== undefined ? { kind: b.kind } : {}),
      ...(b.note !== undefined ? { note: b.note?.trim() || null } : {}), ...(b.active !== undefined ? { active: b.active } : {}),
      ...contactColumns(ctx, b), updated_at: new Date(),
    }).where('id', '=', id).execute();
    // The audit names the fields that changed, never the contact values.
    await recordAudit(trx, ctx, { action: 'store.donor.update', entityType: 'donor', entityId: id, orgPath: d.org_path, detail: { fields: Object.keys(b) } });
  });
  return getDonor(ctx, id);
}

/** The donor's contact in clear: permission, scope and a reason; audited, refusals too. */
export async function revealDonorContact(ctx: AuthedCtx, id: number, field: 'contactName' | 'contactPhone', reason: string) {
  const d = await loadDonor(ctx, id);
  const allowed = policy.canRevealDonor(ctx.actor, d.org_path);
  await inTransaction(ctx, (trx) => recordAudit(trx, ctx, {
    action: 'store.donor.reveal', entityType: 'donor', entityId: id, orgPath: d.org_path, outcome: allowed ? 'success' : 'denied', detail: { field, reason },
  }));
  if (!allowed) throw errors.forbidden();
  const c = await repo.donorCiphertext(ctx.deps.db, id);
  const enc = field === 'contactName' ? c.contact_name_enc : c.contact_phone_enc;
  return { value: enc ? ctx.deps.cipher.decrypt(enc) : null };
}

export const DONOR_COLUMNS = (en: boolean) => [
  { header: en ? 'No.' : '编号', key: 'id', width: 10 }, { header: en ? 'Name' : '名称', key: 'name', width: 28 },
  { header: en ? 'Kind' : '类型', key: 'kind', width: 12 }, { header: en ? 'Gives to' : '受赠社区/街道', key: 'orgName', width: 20 },
  { header: en ? 'Contact (masked)' : '联系人（脱敏）', key: 'contact', width: 22 }, { header: en ? 'Active' : '状态', key: 'active', width: 8 },
  { header: en ? 'Note' : '备注', key: 'note', width: 30 }, { header: en ? 'Created' : '登记时间', key: 'createdAt', width: 22 },
];
const KIND_ZH: Record<DonorKind, string> = { enterprise: '爱心企业', organization: '社会组织', individual: '个人' };

export async function* exportDonors(ctx: AuthedCtx, q: DonorListInput): AsyncIterable<Record<string, unknown>> {
  readable(ctx);
  const f = await filterOf(ctx, q);
  const en = ctx.meta.lang === 'en';
  yield* exportRows(ctx, (before, n) => repo.donorBatch(ctx.deps.db, ctx.actor, f, before, n), (r) => {
    const v = presentDonor(ctx.actor, r);
    return { ...v, kind: en ? v.kind : KIND_ZH[v.kind], active: v.active ? (en ? 'active' : '在册') : (en ? 'inactive' : '停用'), contact: [v.contactName, v.contactPhone].filter(Boolean).join(' ') };
  }, { action: 'store.donor.export', entityType: 'donor', detail: { filter: q } });
}
