import { sql, type Transaction } from 'kysely';
import type { Deps } from '../../core/context.js';
import type { DB } from '../../db/schema.js';
import * as cfg from './repo-config.js';

/**
 * Notifications: an in-app row per recipient, written in the transition's transaction, and
 * after commit a copy to each outbound channel (SMS, WeChat … adapters implement
 * `OutboundChannel`; the default one writes a log line). A failing channel never undoes
 * the transition: delivery is best effort and recorded in `delivered_at`.
 */
export interface Outgoing { id: number; userId: number; kind: string; requestId: number | null; title: string; body: string }
export interface OutboundChannel { name: string; send(n: Outgoing): Promise<void> }

export const logChannel = (write: (line: string) => void): OutboundChannel => ({
  name: 'log',
  async send(n) { write(`[notify] user=${n.userId} kind=${n.kind} request=${n.requestId ?? '-'} ${n.title}`); },
});

const channels: OutboundChannel[] = [];
/** Adds an outbound channel (e.g. an SMS gateway adapter) for every instance in this process. */
export function registerChannel(c: OutboundChannel): void {
  if (!channels.some((x) => x.name === c.name)) channels.push(c);
}
export function clearChannels(): void { channels.length = 0; }

export interface Notice {
  kind: string; requestId: number; title: string; body: string;
  /** Units whose staff are told, and individual users (the reporter). */
  orgIds?: number[]; userIds?: number[];
}

/**
 * Writes the in-app notifications of one transition in one statement (the units' active
 * staff and the named users, each once, never the actor); returns them for delivery.
 */
export async function notify(trx: Transaction<DB>, n: Notice, exceptUserId: number | null): Promise<Outgoing[]> {
  const orgIds = [...new Set(n.orgIds ?? [])];
  const userIds = [...new Set(n.userIds ?? [])];
  if (!orgIds.length && !userIds.length) return [];
  const rows = await trx.insertInto('notification')
    .columns(['user_id', 'org_id', 'org_path', 'kind', 'request_id', 'title', 'body'])
    .expression((eb) => eb.selectFrom('app_user as u')
      .select(['u.id', 'u.org_id', 'u.org_path', sql<string>`${n.kind}::text`.as('kind'), sql<number>`${n.requestId}::bigint`.as('request_id'), sql<string>`${n.title}::text`.as('title'), sql<string>`${n.body}::text`.as('body')])
      .where('u.status', '=', 'active')
      .where((w) => w.or([
        ...(orgIds.length ? [w.and([w('u.org_id', 'in', orgIds), w('u.role', 'in', [...cfg.STAFF_ROLES])])] : []),
        ...(userIds.length ? [w('u.id', 'in', userIds)] : []),
      ]))
      .$if(exceptUserId !== null, (q) => q.where('u.id', '<>', exceptUserId!)))
    .returning(['id', 'user_id']).execute();
  return rows.map((r) => ({ id: r.id, userId: r.user_id, kind: n.kind, requestId: n.requestId, title: n.title, body: n.body }));
}

/** After commit: hand the notifications to the outbound channels and mark them delivered. */
export async function deliver(deps: Deps, out: Outgoing[]): Promise<void> {
  if (!out.length || !channels.length) return;
  const ok: number[] = [];
  for (const n of out) {
    let sent = true;
    for (const c of channels) { try { await c.send(n); } catch { sent = false; } }
    if (sent) ok.push(n.id);
  }
  if (ok.length) await deps.db.updateTable('notification').set({ delivered_at: sql`now()` } as never).where('id', 'in', ok).execute().catch(() => {});
}

/** What a live board needs to decide, without a query, whether a change is one its viewer may see. */
export interface ChangeMessage { id: number; status: string; orgPath: string; handlerPath: string | null; summoned: string[]; reporterUserId: number | null }

/** Tells every instance's live boards that a request changed (sent at commit). */
export async function publishChange(trx: Transaction<DB>, m: ChangeMessage): Promise<void> {
  await sql`SELECT pg_notify('gongzhi_request', ${JSON.stringify(m)})`.execute(trx);
}
