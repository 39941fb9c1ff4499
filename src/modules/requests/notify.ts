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

/**
 * After commit: hand the notifications to the outbound channels; the ones every channel
 * took are marked delivered in one UPDATE per short batch (not one write per transition).
 */
export async function deliver(deps: Deps, out: Outgoing[]): Promise<void> {
  if (!out.length || !channels.length) return;
  const ok: number[] = [];
  for (const n of out) {
    let sent = true;
    for (const c of channels) { try { await c.send(n); } catch { sent = false; } }
    if (sent) ok.push(n.id);
  }
  if (ok.length) deliveredMarks.add(deps, ok);
}

/**
 * Work gathered per database for a short while and sent as one statement: delivery marks,
 * and the live boards' change messages. `flush` sends what waits now (shutdown, tests).
 * A failed send is dropped: both are hints (a mark, a board refresh), never data.
 */
function batched<T>(ms: number, send: (deps: Deps, items: T[]) => Promise<unknown>) {
  interface Box { items: T[]; timer: NodeJS.Timeout | null; sending: Promise<unknown> }
  const boxes = new WeakMap<Deps['db'], Box>();
  const run = (deps: Deps, b: Box) => {
    b.timer = null;
    const items = b.items.splice(0);
    if (items.length) b.sending = send(deps, items).catch(() => {});
  };
  return {
    add(deps: Deps, items: T[]) {
      let b = boxes.get(deps.db);
      if (!b) { b = { items: [], timer: null, sending: Promise.resolve() }; boxes.set(deps.db, b); }
      b.items.push(...items);
      if (b.timer) return;
      const box = b;
      box.timer = setTimeout(() => run(deps, box), ms);
      box.timer.unref();
    },
    async flush(deps: Deps) {
      const b = boxes.get(deps.db);
      if (!b) return;
      if (b.timer) { clearTimeout(b.timer); run(deps, b); }
      await b.sending;
    },
  };
}

const deliveredMarks = batched<number>(250, (deps, ids) =>
  deps.db.updateTable('notification').set({ delivered_at: sql`now()` } as never).where('id', 'in', ids).execute());

/** What a live board needs to decide, without a query, whether a change is one its viewer may see. */
export interface ChangeMessage { id: number; status: string; orgPath: string; handlerPath: string | null; summoned: string[]; reporterUserId: number | null }

/**
 * Tells every instance's live boards that a request changed, after the change committed.
 * Messages are batched for a few milliseconds into one NOTIFY per ~7 KB: a NOTIFY inside
 * the write's own transaction would take PostgreSQL's global notify-queue lock at commit
 * and so serialise every write's commit (and its WAL flush) behind every other. A board
 * is a view that refetches on each message; a batch lost with a crashed process costs a
 * board one live update, never data (boards refetch when their stream reconnects).
 */
const MAX_PAYLOAD = 7000;
const changes = batched<string>(20, (deps, messages) =>
  sql`SELECT pg_notify('gongzhi_request', p) FROM unnest(${batches(messages)}::text[]) AS p`.execute(deps.db));

export function announceChange(deps: Deps, m: ChangeMessage): void {
  changes.add(deps, [JSON.stringify(m)]);
}

/** Each payload is a JSON array of change messages. */
export function batches(messages: string[], max = MAX_PAYLOAD): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  let size = 2;
  for (const m of messages) {
    if (cur.length && size + m.length + 1 > max) { out.push(`[${cur.join(',')}]`); cur = []; size = 2; }
    cur.push(m);
    size += m.length + 1;
  }
  if (cur.length) out.push(`[${cur.join(',')}]`);
  return out;
}

/** Sends the change messages and delivery marks waiting now (shutdown, tests). */
export async function flushChanges(deps: Deps): Promise<void> {
  await Promise.all([changes.flush(deps), deliveredMarks.flush(deps)]);
}

/** A NOTIFY payload as the live board receives it: one message (older senders) or a batch. */
export function parseChanges(payload: string): ChangeMessage[] {
  try {
    const v = JSON.parse(payload) as ChangeMessage | ChangeMessage[];
    return Array.isArray(v) ? v : [v];
  } catch { return []; }
}
