import type { AuthedCtx } from '../../core/context.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import { pageTotal, type PageQuery } from '../../core/schemas.js';
import * as repo from './repo-bodies.js';
import { insertEvent } from './repo-topics.js';
import * as policy from './policy.js';
import { iso, listRoot, msg, trimOrNull } from './common.js';
import { loadTopic } from './service-topics.js';

/** 书面征询 / 网上征询 on a topic: residents of the community comment, workers moderate (hide with a reason). */

export function presentConsultation(ctx: AuthedCtx, c: repo.ConsultationRow, now = new Date()) {
  const open = policy.consultationOpen({ status: c.status, closesAt: c.closes_at }, now);
  const actions: string[] = [];
  if (policy.canComment(ctx.actor, { orgPath: c.org_path, status: c.status, closesAt: c.closes_at }, now)) actions.push('comment');
  if (policy.canManageAt(ctx.actor, c.org_path)) actions.push(...(c.status === 'open' ? ['close', 'update'] : ['update']), 'moderate');
  return {
    id: c.id, orgId: c.org_id, orgName: c.org_name, topicId: c.topic_id, topicTitle: c.topic_title, mode: c.mode, title: c.title, question: c.question,
    closesAt: iso(c.closes_at), status: c.status, open, summary: c.summary, comments: c.comments, createdAt: c.created_at.toISOString(), actions,
  };
}

export async function listConsultations(ctx: AuthedCtx, q: { orgId?: number; topicId?: number; status?: 'open' | 'closed'; q?: string }, page: PageQuery) {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const f: repo.ConsultationFilter = { orgPath: await listRoot(ctx, q.orgId), topicId: q.topicId, status: q.status, q: q.q?.trim() || undefined };
  const rows = await repo.consultationsPage(ctx.deps.db, ctx.actor, f, page);
  return { items: rows.map((r) => presentConsultation(ctx, r)), total: await pageTotal(rows, page, () => repo.countConsultations(ctx.deps.db, ctx.actor, f)) };
}

/** The consultations of the community the resident lives in (open ones first by recency). */
export async function myConsultations(ctx: AuthedCtx, page: PageQuery) {
  if (!policy.isSelf(ctx.actor)) throw errors.forbidden();
  const f: repo.ConsultationFilter = { orgPath: '/', residentPath: ctx.actor.orgPath };
  const rows = await repo.consultationsPage(ctx.deps.db, null, f, page);
  return { items: rows.map((r) => presentConsultation(ctx, r)), total: await pageTotal(rows, page, () => repo.countConsultations(ctx.deps.db, null, f)) };
}

async function loadConsultation(ctx: AuthedCtx, id: number) {
  const c = await repo.getConsultation(ctx.deps.db, id);
  if (!c || !(policy.canReadAt(ctx.actor, c.org_path) || policy.residentOf(ctx.actor, c.org_path))) throw errors.notFound('consultation');
  return c;
}

export async function getConsultation(ctx: AuthedCtx, id: number) {
  const c = await loadConsultation(ctx, id);
  const moderate = policy.canManageAt(ctx.actor, c.org_path);
  const comments = await repo.commentsOf(ctx.deps.db, id);
  return {
    consultation: presentConsultation(ctx, c),
    comments: comments.map((x) => ({
      id: x.id, parentId: x.parent_id, authorName: x.author_name, mine: x.author_id === ctx.actor.userId,
      // A hidden comment keeps its place in the thread; its text is for the moderators only.
      body: x.hidden && !moderate ? null : x.body, hidden: x.hidden, hiddenReason: x.hidden_reason, createdAt: x.created_at.toISOString(),
      actions: moderate && !x.hidden ? ['hide'] : [],
    })),
  };
}

export async function createConsultation(ctx: AuthedCtx, input: { topicId: number; mode: 'written' | 'online'; title: string; question: string; closesAt?: string | null }) {
  if (!policy.canManage(ctx.actor)) throw errors.forbidden();
  const t = await loadTopic(ctx, input.topicId, 'topicId');
  if (!policy.canManageAt(ctx.actor, t.org_path)) throw errors.field('topicId', msg('议题不存在或无权访问', 'is not a topic you manage'));
  if (!policy.canBeMergeTarget(t.status) || !policy.isPublicStatus(t.status)) throw errors.field('topicId', msg('议题须先受理，且未合并或关闭', 'must be an accepted, open topic'));
  if (input.closesAt && new Date(input.closesAt).getTime() <= Date.now()) throw errors.field('closesAt', msg('截止时间须晚于现在', 'must be in the future'));
  const id = await inTransaction(ctx, async (trx) => {
    const id = await repo.insertConsultation(trx, t, { mode: input.mode, title: input.title.trim(), question: input.question.trim(), closes_at: input.closesAt ?? null, created_by: ctx.actor.userId });
    await insertEvent(trx, t, ctx.actor, { kind: 'consultation', note: input.title.trim(), data: { consultationId: id, mode: input.mode } });
    await recordAudit(trx, ctx, { action: 'consultation.create', entityType: 'consultation', entityId: id, orgPath: t.org_path, detail: { topicId: t.id, mode: input.mode } });
    return id;
  });
  return getConsultation(ctx, id);
}

export async function updateConsultation(ctx: AuthedCtx, id: number, input: { status?: 'closed'; summary?: string | null; closesAt?: string | null }) {
  const c = await loadConsultation(ctx, id);
  if (!policy.canManageAt(ctx.actor, c.org_path)) throw errors.forbidden();
  if (input.closesAt && new Date(input.closesAt).getTime() <= Date.now()) throw errors.field('closesAt', msg('截止时间须晚于现在', 'must be in the future'));
  if (input.closesAt !== undefined && c.status === 'closed') throw errors.field('closesAt', msg('征询已结束', 'the consultation is closed'));
  await inTransaction(ctx, async (trx) => {
    await repo.updateConsultation(trx, id, { status: input.status, summary: trimOrNull(input.summary), closes_at: input.closesAt });
    if (input.status === 'closed' && c.status === 'open') {
      await insertEvent(trx, { id: c.topic_id, org_id: c.org_id, org_path: c.org_path }, ctx.actor, {
        kind: 'consultationClosed', note: trimOrNull(input.summary) ?? null, data: { consultationId: id, comments: c.comments },
      });
    }
    await recordAudit(trx, ctx, { action: input.status === 'closed' ? 'consultation.close' : 'consultation.update', entityType: 'consultation', entityId: id, orgPath: c.org_path, detail: { changed: Object.keys(input) } });
  });
  return getConsultation(ctx, id);
}

export async function addComment(ctx: AuthedCtx, id: number, input: { body: string; parentId?: number | null }) {
  const c = await loadConsultation(ctx, id);
  if (!policy.canComment(ctx.actor, { orgPath: c.org_path, status: c.status, closesAt: c.closes_at })) {
    if (!policy.consultationOpen({ status: c.status, closesAt: c.closes_at })) throw errors.conflict('CONSULTATION_CLOSED', msg('征询已结束', 'the consultation is closed'));
    throw errors.forbidden();
  }
  if (input.parentId) {
    const p = await repo.getComment(ctx.deps.db, input.parentId);
    if (!p || p.consultation_id !== id) throw errors.field('parentId', msg('回复的评论不在本征询中', 'is not a comment of this consultation'));
  }
  await inTransaction(ctx, async (trx) => {
    const cid = await repo.insertComment(trx, c, ctx.actor, { body: input.body.trim(), parent_id: input.parentId ?? null });
    await recordAudit(trx, ctx, { action: 'comment.create', entityType: 'comment', entityId: cid, orgPath: c.org_path, detail: { consultationId: id, reply: !!input.parentId } });
  });
  return getConsultation(ctx, id);
}

export async function hideComment(ctx: AuthedCtx, commentId: number, reason: string) {
  const x = await repo.getComment(ctx.deps.db, commentId);
  if (!x || !policy.canReadAt(ctx.actor, x.org_path) && !policy.residentOf(ctx.actor, x.org_path)) throw errors.notFound('comment');
  if (!policy.canManageAt(ctx.actor, x.org_path)) throw errors.forbidden();
  if (x.hidden) throw errors.conflict('COMMENT_HIDDEN', msg('评论已被隐藏', 'the comment is already hidden'));
  await inTransaction(ctx, async (trx) => {
    await repo.hideComment(trx, commentId, ctx.actor, reason.trim());
    await recordAudit(trx, ctx, { action: 'comment.hide', entityType: 'comment', entityId: commentId, orgPath: x.org_path, detail: { consultationId: x.consultation_id, reason: reason.trim() } });
  });
  return getConsultation(ctx, x.consultation_id);
}
