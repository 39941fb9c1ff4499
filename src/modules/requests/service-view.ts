import type { Actor, AuthedCtx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import * as repo from './repo.js';
import * as policy from './policy.js';

/** Reading requests: who counts as staff, how a row is shown, the detail with its timeline. */
export const isStaff = (a: Actor) => policy.canReadRequests(a);

export const photoUrl = (requestId: number, photoId: number) => `/api/v1/requests/${requestId}/photos/${photoId}`;

export function targetOf(r: Pick<repo.RequestRow, 'org_path' | 'handler_path' | 'status' | 'reporter_user_id' | 'rating' | 'reopen_count'>): policy.RequestTarget {
  return { orgPath: r.org_path, handlerPath: r.handler_path, status: r.status, reporterUserId: r.reporter_user_id, rating: r.rating, reopenCount: r.reopen_count };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentRequest(ctx: AuthedCtx, r: repo.RequestRow) {
  const en = ctx.meta.lang === 'en';
  return {
    id: r.id, kind: r.kind, channel: r.channel, status: r.status,
    categoryId: r.category_id, categoryName: (en && r.category_name_en) || r.category_name,
    orgId: r.org_id, orgName: r.org_name, handlerOrgId: r.handler_org_id, handlerName: r.handler_name,
    description: r.description, address: r.address, lon: r.lon, lat: r.lat,
    photoUrls: [...r.photo_ids.map((p) => photoUrl(r.id, p)), ...(r.media_url ? [r.media_url] : [])],
    reporterKind: r.reporter_kind, contactName: r.contact_name_masked, contactPhone: r.contact_phone_masked,
    routedAuto: r.routed_auto,
    acceptDueAt: r.accept_due_at.toISOString(), respondDueAt: r.respond_due_at.toISOString(), resolveDueAt: r.resolve_due_at.toISOString(),
    respondedAt: iso(r.responded_at), resolvedAt: iso(r.resolved_at), closedAt: iso(r.closed_at),
    overdueLevel: r.overdue_level, rating: r.rating, ratingComment: r.rating_comment, reopenCount: r.reopen_count, resolution: r.resolution,
    mergedIntoId: r.merged_into_id, possibleDuplicateOf: r.possible_duplicate_of,
    version: r.version, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
    actions: policy.requestActions(ctx.actor, targetOf(r)),
  };
}
export type RequestView = ReturnType<typeof presentRequest>;

/** The request if the actor may see it; missing and invisible look the same. */
export async function loadVisible(ctx: AuthedCtx, id: number): Promise<repo.RequestRow> {
  if (!isStaff(ctx.actor) && !policy.canSubmit(ctx.actor)) throw errors.forbidden();
  const r = await repo.getVisible(ctx.deps.db, ctx.actor, isStaff(ctx.actor), id);
  if (!r) throw errors.notFound('request');
  return r;
}

export async function getRequest(ctx: AuthedCtx, id: number) {
  const r = await loadVisible(ctx, id);
  const [events, summons] = await Promise.all([repo.events(ctx.deps.db, id), repo.summons(ctx.deps.db, id)]);
  return detailOf(ctx, r, events, summons);
}

type EventLike = Pick<Awaited<ReturnType<typeof repo.events>>[number], 'id' | 'action' | 'from_status' | 'to_status' | 'actor_name' | 'note' | 'at'> & { target_name?: string | null; target_org_id?: number | null };

/** The detail view of a request with its timeline and summons (a new request passes what it just wrote). */
export function detailOf(ctx: AuthedCtx, r: repo.RequestRow, events: EventLike[], summons: repo.SummonsRow[]) {
  const target = targetOf(r);
  const staff = isStaff(ctx.actor);
  // A just-written timeline names its target by id; the only target a new request has is its handler.
  const targetName = (e: EventLike) => e.target_name !== undefined ? e.target_name : e.target_org_id === r.handler_org_id ? r.handler_name : null;
  return {
    ...presentRequest(ctx, r),
    events: events.map((e) => ({
      id: e.id, action: e.action, fromStatus: e.from_status, toStatus: e.to_status,
      // Residents see which unit acted, not which person.
      actorName: staff ? e.actor_name : null, targetOrgName: targetName(e), note: e.note, at: e.at.toISOString(),
    })),
    summons: summons.map((s) => ({
      id: s.id, orgId: s.org_id, orgName: s.org_name, reason: s.reason, whistledAt: s.whistled_at.toISOString(), dueAt: s.due_at.toISOString(),
      checkedInAt: iso(s.checked_in_at), report: s.report, reportedAt: iso(s.reported_at), supervisedAt: iso(s.supervised_at), late: s.late,
      actions: policy.summonsActions(ctx.actor, target, { orgPath: s.org_path, checkedIn: s.checked_in_at !== null, reported: s.reported_at !== null }),
    })),
  };
}
