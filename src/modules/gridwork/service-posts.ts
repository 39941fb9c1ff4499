import type { AuthedCtx } from '../../core/context.js';
import type { GridPostKind } from '../../db/schema.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { errors, type FieldErrors } from '../../core/errors.js';
import { pageTotal, type PageQuery } from '../../core/schemas.js';
import { getOrgInScope } from '../orgs/service.js';
import type { OrgRecord } from '../orgs/repo.js';
import * as repo from './repo.js';
import * as policy from './policy.js';
import { POST_LABELS, addPostProblem, holderProblem, normalizeCardPhone, sameHolder, staffing } from './rules.js';

export const attachmentUrl = (id: number) => `/api/v1/attachments/${id}`;

export function presentPost(ctx: AuthedCtx, p: repo.PostRow) {
  return {
    id: p.id, orgId: p.org_id, post: p.post,
    primaryUserId: p.primary_user_id, primaryName: p.primary_name, backupUserId: p.backup_user_id, backupName: p.backup_name,
    cardPhone: p.card_phone, cardDuties: p.card_duties, cardPhotoId: p.card_photo_id,
    cardPhotoUrl: p.card_photo_id ? attachmentUrl(p.card_photo_id) : null,
    updatedAt: p.updated_at.toISOString(),
    actions: policy.postActions(ctx.actor, { orgPath: p.org_path, primaryUserId: p.primary_user_id }),
  };
}

/** An org named by a request field: out of scope reads as a field error, not a 404. */
export async function orgField(ctx: AuthedCtx, id: number, field = 'orgId'): Promise<OrgRecord> {
  return getOrgInScope(ctx, id).catch(() => {
    throw errors.field(field, { zh: '组织不存在或不在您的管辖范围内', en: 'is not an org within your scope' });
  });
}

/** Grids below the org (default: the actor's own), a page at a time, each with its posts and 1+4+X summary. */
export async function listPosts(ctx: AuthedCtx, orgId: number | undefined, page: PageQuery) {
  if (!policy.canReadGridwork(ctx.actor)) throw errors.forbidden();
  const org = await orgField(ctx, orgId ?? ctx.actor.orgId);
  const grids = await repo.gridsPage(ctx.deps.db, ctx.actor, org.path, page);
  const posts = await repo.postsOfGrids(ctx.deps.db, ctx.actor, grids.map((g) => g.id));
  const items = grids.map((g) => {
    const mine = posts.filter((p) => p.org_id === g.id);
    return {
      gridId: g.id, gridName: g.name,
      staffing: staffing(mine.map((p) => ({ post: p.post, hasBackup: p.backup_name !== null }))),
      posts: mine.map((p) => presentPost(ctx, p)),
      actions: policy.canManagePosts(ctx.actor, g.path) ? ['create_post'] : [],
    };
  });
  return { items, total: await pageTotal(grids, page, () => repo.countGrids(ctx.deps.db, ctx.actor, org.path)) };
}

export interface HolderInput {
  primaryUserId?: number | null; primaryName?: string; backupUserId?: number | null; backupName?: string | null;
  cardPhone?: string | null; cardDuties?: string | null; cardPhotoId?: number | null;
}

const NONE: repo.PostValues = {
  primary_user_id: null, primary_name: '', backup_user_id: null, backup_name: null, card_phone: null, card_duties: null, card_photo_id: null,
};
const cut = (s: string, n: number) => [...s.trim()].slice(0, n).join('');

/** The post's holders and card after applying `input` to `cur`; every problem at once. */
async function resolveValues(ctx: AuthedCtx, grid: OrgRecord, input: HolderInput, cur: repo.PostValues): Promise<repo.PostValues> {
  const fields: FieldErrors = {};
  const v: repo.PostValues = {
    primary_user_id: cur.primary_user_id, primary_name: cur.primary_name, backup_user_id: cur.backup_user_id, backup_name: cur.backup_name,
    card_phone: cur.card_phone, card_duties: cur.card_duties, card_photo_id: cur.card_photo_id,
  };
  const account = async (field: string, id: number) => {
    const u = await repo.holderAccount(ctx.deps.db, ctx.actor, id);
    const p = holderProblem(u, { id: grid.id, parentId: grid.parent_id });
    if (p) fields[field] = p;
    return p ? undefined : u;
  };
  if (input.primaryUserId !== undefined) {
    v.primary_user_id = input.primaryUserId;
    const u = input.primaryUserId === null ? undefined : await account('primaryUserId', input.primaryUserId);
    if (u) v.primary_name = cut(u.display_name, 50);
  }
  if (input.primaryName !== undefined) v.primary_name = cut(input.primaryName, 50);
  if (!v.primary_name && !fields.primaryUserId)
    fields.primaryName = { zh: '请填写 A 岗姓名或选择账号', en: 'is required unless primaryUserId names an account' };
  if (input.backupUserId !== undefined) {
    v.backup_user_id = input.backupUserId;
    const u = input.backupUserId === null ? undefined : await account('backupUserId', input.backupUserId);
    if (u) v.backup_name = cut(u.display_name, 50);
  }
  if (input.backupName !== undefined) {
    if (input.backupName === null && input.backupUserId) fields.backupName = { zh: '选择了 B 岗账号时不能为空', en: 'cannot be empty while backupUserId is set' };
    v.backup_name = input.backupName === null ? null : cut(input.backupName, 50);
    if (v.backup_name === null) v.backup_user_id = null;
  }
  if (v.primary_name && sameHolder({ userId: v.primary_user_id, name: v.primary_name }, { userId: v.backup_user_id, name: v.backup_name }))
    fields[input.backupUserId ? 'backupUserId' : 'backupName'] = { zh: 'B 岗不能与 A 岗是同一人', en: 'the backup must be another person than the primary holder' };
  if (input.cardPhone !== undefined) {
    v.card_phone = input.cardPhone === null ? null : normalizeCardPhone(input.cardPhone);
    if (input.cardPhone !== null && !v.card_phone)
      fields.cardPhone = { zh: '应为 11 位手机号或带区号的固定电话（如 0937-1234567）', en: 'must be a mobile number or a landline with area code (e.g. 0937-1234567)' };
  }
  if (input.cardDuties !== undefined) v.card_duties = input.cardDuties?.trim() || null;
  if (input.cardPhotoId !== undefined) {
    v.card_photo_id = input.cardPhotoId;
    if (input.cardPhotoId !== null && !(await repo.attachmentsInScope(ctx.deps.db, ctx.actor, [input.cardPhotoId])).has(input.cardPhotoId))
      fields.cardPhotoId = { zh: '照片不存在或无权使用', en: 'is not an uploaded image within your scope' };
  }
  if (Object.keys(fields).length) throw errors.validation(fields);
  return v;
}

export interface CreatePostInput extends HolderInput { orgId: number; post: GridPostKind }

export async function createPost(ctx: AuthedCtx, input: CreatePostInput) {
  if (!policy.canWriteGridwork(ctx.actor)) throw errors.forbidden();
  const grid = await orgField(ctx, input.orgId);
  if (grid.level !== 'grid') throw errors.field('orgId', { zh: '岗位只能设在网格', en: 'posts belong to a grid' });
  if (!policy.canManagePosts(ctx.actor, grid.path)) throw errors.forbidden();
  const v = await resolveValues(ctx, grid, input, NONE);
  const id = await inTransaction(ctx, async (trx) => {
    await repo.lockGrid(trx, grid.id);
    const problem = addPostProblem((await repo.postFacts(trx, grid.id)).map((p) => ({ post: p.post, hasBackup: p.has_backup })), input.post);
    if (problem) throw errors.conflict('GRID_POST_FULL', problem, { post: problem });
    const id = await repo.insertPost(trx, grid, input.post, v);
    await recordAudit(trx, ctx, {
      action: 'gridPost.create', entityType: 'gridPost', entityId: id, orgPath: grid.path,
      detail: { gridId: grid.id, post: input.post, primaryUserId: v.primary_user_id, backupUserId: v.backup_user_id, hasBackup: v.backup_name !== null },
    });
    return id;
  });
  return presentPost(ctx, (await repo.getPost(ctx.deps.db, ctx.actor, id))!);
}

async function loadPost(ctx: AuthedCtx, id: number) {
  if (!policy.canReadGridwork(ctx.actor)) throw errors.forbidden();
  const p = await repo.getPost(ctx.deps.db, ctx.actor, id);
  if (!p) throw errors.notFound('gridPost');
  return p;
}

export async function updatePost(ctx: AuthedCtx, id: number, input: HolderInput) {
  const p = await loadPost(ctx, id);
  const changed = Object.keys(input);
  if (!policy.canPatchPost(ctx.actor, { orgPath: p.org_path, primaryUserId: p.primary_user_id }, changed)) throw errors.forbidden();
  const grid = await getOrgInScope(ctx, p.org_id);
  const v = await resolveValues(ctx, grid, input, p);
  await inTransaction(ctx, async (trx) => {
    await repo.updatePost(trx, id, v);
    await recordAudit(trx, ctx, {
      action: 'gridPost.update', entityType: 'gridPost', entityId: id, orgPath: p.org_path,
      detail: { gridId: p.org_id, post: p.post, changed, primaryUserId: v.primary_user_id, backupUserId: v.backup_user_id },
    });
  });
  return presentPost(ctx, (await repo.getPost(ctx.deps.db, ctx.actor, id))!);
}

export async function deletePost(ctx: AuthedCtx, id: number) {
  const p = await loadPost(ctx, id);
  if (!policy.canManagePosts(ctx.actor, p.org_path)) throw errors.forbidden();
  await inTransaction(ctx, async (trx) => {
    await repo.lockGrid(trx, p.org_id);
    await repo.deletePost(trx, id);
    await recordAudit(trx, ctx, {
      action: 'gridPost.delete', entityType: 'gridPost', entityId: id, orgPath: p.org_path,
      detail: { gridId: p.org_id, post: p.post, primaryUserId: p.primary_user_id },
    });
  });
}

/** 亮牌: the public cards of the resident's own grid(s) — name, post, photo, work phone, duties, backup. */
export async function myGridCards(ctx: AuthedCtx) {
  if (!policy.canSeeCards(ctx.actor)) throw errors.forbidden();
  const rows = await repo.cardsInScope(ctx.deps.db, ctx.actor);
  return rows.map((r) => ({
    gridId: r.org_id, gridName: r.grid_name, post: r.post, postLabel: POST_LABELS[r.post][ctx.meta.lang],
    name: r.primary_name, photoUrl: r.card_photo_id ? attachmentUrl(r.card_photo_id) : null,
    cardPhone: r.card_phone, cardDuties: r.card_duties, backupName: r.backup_name,
  }));
}
