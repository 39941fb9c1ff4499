import crypto from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import stringify from 'safe-stable-stringify';
import type { DB } from '../db/schema.js';
import type { Ctx } from './context.js';

export type Outcome = 'success' | 'failure' | 'denied';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  orgPath?: string | null;
  outcome?: Outcome;
  detail?: Record<string, unknown>;
  /** Who acted, when the context has no actor yet (a successful login names its user). */
  as?: { userId: number; username: string; role: string };
}

export interface AuditFields {
  at: string;
  actorId: number | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  orgPath: string | null;
  ip: string | null;
  userAgent: string | null;
  outcome: Outcome;
  detail: unknown;
}

export const GENESIS_HASH = '0'.repeat(64);
const CHAIN_LOCK = 72630002;
/**
 * Independent hash chains (migrations/0004): an appender holds its chain's lock from the
 * append to its commit, so with one chain every write in the system queued on it.
 */
export const AUDIT_CHAINS = 16;
const pickChain = () => Math.floor(Math.random() * AUDIT_CHAINS);

/** The hash that links a record to its predecessor; `gongzhi audit verify` recomputes it. */
export function auditHash(prevHash: string, f: AuditFields): string {
  return crypto.createHash('sha256').update(prevHash).update('\n').update(stringify(f) as string).digest('hex');
}

/**
 * Appends one audit record inside the caller's transaction, so the record exists exactly
 * when the change does. The record joins one of the chains; that chain's lock serialises
 * its appenders until commit, which keeps its ids and its hash links in the same order.
 * Callers write the audit record last, so the lock is held only for the commit.
 */
export async function recordAudit(trx: Transaction<DB>, ctx: Ctx, e: AuditEntry, chain = pickChain()): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK}, ${chain})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select('hash').where('chain', '=', chain).orderBy('id', 'desc').limit(1).executeTakeFirst();
  const prev = last?.hash ?? GENESIS_HASH;
  const fields: AuditFields = {
    at: new Date().toISOString(),
    actorId: e.as?.userId ?? ctx.actor?.userId ?? null,
    actorName: e.as?.username ?? ctx.actor?.username ?? null,
    actorRole: e.as?.role ?? ctx.actor?.role ?? null,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId === undefined || e.entityId === null ? null : String(e.entityId),
    orgPath: e.orgPath ?? ctx.actor?.orgPath ?? null,
    ip: ctx.meta.ip,
    userAgent: ctx.meta.userAgent ? ctx.meta.userAgent.slice(0, 300) : null,
    outcome: e.outcome ?? 'success',
    // Round-trip through JSON so the hashed value equals what jsonb gives back.
    detail: JSON.parse(JSON.stringify(e.detail ?? {})),
  };
  await trx
    .insertInto('audit_log')
    .values({
      at: fields.at,
      actor_id: fields.actorId,
      actor_name: fields.actorName,
      actor_role: fields.actorRole,
      action: fields.action,
      entity_type: fields.entityType,
      entity_id: fields.entityId,
      org_path: fields.orgPath,
      ip: fields.ip,
      user_agent: fields.userAgent,
      outcome: fields.outcome,
      detail: JSON.stringify(fields.detail),
      prev_hash: prev,
      hash: auditHash(prev, fields),
      chain,
    })
    .execute();
}

/** A service operation: one transaction whose last step is its audit record. */
export async function inTransaction<T>(ctx: Ctx, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return ctx.deps.db.transaction().execute(fn);
}
