import { sql } from 'kysely';
import type { AuthedCtx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import type { PageQuery } from '../../core/schemas.js';

/** A user's own in-app notifications (nobody reads another's). */
export async function listNotifications(ctx: AuthedCtx, unread: boolean, page: PageQuery) {
  const db = ctx.deps.db;
  let qb = db.selectFrom('notification').where('user_id', '=', ctx.actor.userId);
  if (unread) qb = qb.where('read_at', 'is', null);
  const [rows, counts] = await Promise.all([
    qb.select(['id', 'kind', 'request_id', 'title', 'body', 'read_at', 'created_at']).orderBy('id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute(),
    db.selectFrom('notification').select([sql<number>`count(*)::int`.as('total'), sql<number>`count(*) FILTER (WHERE read_at IS NULL)::int`.as('unread')])
      .where('user_id', '=', ctx.actor.userId).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((n) => ({ id: n.id, kind: n.kind, requestId: n.request_id, title: n.title, body: n.body, readAt: n.read_at?.toISOString() ?? null, createdAt: n.created_at.toISOString() })),
    total: unread ? counts.unread : counts.total, unread: counts.unread, page: page.page, pageSize: page.pageSize,
  };
}

export async function markRead(ctx: AuthedCtx, id: number | 'all') {
  let qb = ctx.deps.db.updateTable('notification').set({ read_at: sql`now()` } as never).where('user_id', '=', ctx.actor.userId).where('read_at', 'is', null);
  if (id !== 'all') {
    const own = await ctx.deps.db.selectFrom('notification').select('id').where('id', '=', id).where('user_id', '=', ctx.actor.userId).executeTakeFirst();
    if (!own) throw errors.notFound('notification');
    qb = qb.where('id', '=', id);
  }
  await qb.execute();
}
