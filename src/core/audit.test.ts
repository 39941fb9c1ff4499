import { describe, expect, it } from 'vitest';
import {
  Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler,
  type CompiledQuery, type DatabaseConnection, type Driver, type QueryResult,
} from 'kysely';
import type { AuditRow, DB } from '../db/schema.js';
import { AUDIT_CHAINS, GENESIS_HASH, auditHash, recordAudit, type AuditFields } from './audit.js';
import type { Actor, Ctx, Deps } from './context.js';
import { fieldsOf, verifyAuditChain } from '../modules/audit/verify.js';

const base: AuditFields = {
  at: '2026-01-02T03:04:05.678Z', actorId: 7, actorName: 'zhang', actorRole: 'sysAdmin',
  action: 'org.create', entityType: 'org', entityId: '42', orgPath: '/1/2/', ip: '10.0.0.1',
  userAgent: 'vitest', outcome: 'success', detail: { code: '62', name: '甘肃省' },
};

describe('auditHash', () => {
  it('is a deterministic SHA-256 hex digest', () => {
    const h = auditHash(GENESIS_HASH, base);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash(GENESIS_HASH, { ...base })).toBe(h);
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });

  it('does not depend on key order (stable stringify), in the record or inside detail', () => {
    const reordered = Object.fromEntries(Object.entries(base).reverse()) as unknown as AuditFields;
    expect(auditHash(GENESIS_HASH, reordered)).toBe(auditHash(GENESIS_HASH, base));
    expect(auditHash(GENESIS_HASH, { ...base, detail: { name: '甘肃省', code: '62' } })).toBe(auditHash(GENESIS_HASH, base));
  });

  it('changes when any field or the predecessor hash changes', () => {
    const h = auditHash(GENESIS_HASH, base);
    const variants: Partial<AuditFields>[] = [
      { at: '2026-01-02T03:04:05.679Z' }, { actorId: 8 }, { actorName: 'li' }, { actorRole: 'auditAdmin' },
      { action: 'org.delete' }, { entityType: 'user' }, { entityId: '43' }, { entityId: null }, { orgPath: '/1/' },
      { ip: null }, { userAgent: 'x' }, { outcome: 'failure' }, { detail: { code: '63', name: '甘肃省' } }, { detail: {} },
    ];
    const seen = new Set([h]);
    for (const v of variants) {
      const hv = auditHash(GENESIS_HASH, { ...base, ...v });
      expect(seen.has(hv), JSON.stringify(v)).toBe(false);
      seen.add(hv);
    }
    expect(auditHash('f'.repeat(64), base)).not.toBe(h);
  });
});

// ---- recordAudit against a fake driver: captures the SQL and answers the "last hash" query.
class FakeDriver implements Driver {
  queries: CompiledQuery[] = [];
  constructor(private lastHash: string | null) {}
  async init() {}
  async acquireConnection(): Promise<DatabaseConnection> {
    const self = this;
    return {
      async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
        self.queries.push(q);
        if (/^select "hash" from "audit_log"/.test(q.sql))
          return { rows: (self.lastHash ? [{ hash: self.lastHash }] : []) as R[] };
        return { rows: [] };
      },
      // eslint-disable-next-line require-yield
      async *streamQuery() { throw new Error('not used'); },
    };
  }
  async beginTransaction() {}
  async commitTransaction() {}
  async rollbackTransaction() {}
  async releaseConnection() {}
  async destroy() {}
}

function fakeDb(lastHash: string | null) {
  const driver = new FakeDriver(lastHash);
  const db = new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => driver,
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  return { db, driver };
}

const actor = { userId: 5, username: 'wang', role: 'streetStaff', orgPath: '/1/9/' } as Actor;
const ctxWith = (a: Actor | null, ua: string | null = 'agent'): Ctx =>
  ({ deps: {} as Deps, actor: a, meta: { ip: '127.0.0.1', userAgent: ua, lang: 'zh' } });

async function record(lastHash: string | null, ctx: Ctx, entry: Parameters<typeof recordAudit>[2]) {
  const { db, driver } = fakeDb(lastHash);
  await db.transaction().execute((trx) => recordAudit(trx, ctx, entry));
  const insert = driver.queries.find((q) => q.sql.startsWith('insert into "audit_log"'));
  expect(insert).toBeDefined();
  const cols = insert!.sql.match(/\(([^)]*)\) values/)![1].split(', ').map((c) => c.replace(/"/g, ''));
  const row = Object.fromEntries(cols.map((c, i) => [c, insert!.parameters[i]])) as Record<string, unknown>;
  return { row, queries: driver.queries.map((q) => q.sql) };
}

function fieldsFromRow(row: Record<string, unknown>): AuditFields {
  return {
    at: row.at as string, actorId: row.actor_id as number | null, actorName: row.actor_name as string | null,
    actorRole: row.actor_role as string | null, action: row.action as string, entityType: row.entity_type as string,
    entityId: row.entity_id as string | null, orgPath: row.org_path as string | null, ip: row.ip as string | null,
    userAgent: row.user_agent as string | null, outcome: row.outcome as AuditFields['outcome'],
    detail: JSON.parse(row.detail as string),
  };
}

describe('recordAudit', () => {
  it('takes the chain lock first, then links to the last hash', async () => {
    const prev = 'a'.repeat(64);
    const { row, queries } = await record(prev, ctxWith(actor), { action: 'org.update', entityType: 'org', entityId: 12, detail: { changed: ['name'] } });
    expect(queries[0]).toMatch(/pg_advisory_xact_lock/);
    // The lock, the predecessor and the new record all name the same chain.
    expect(row.chain).toBeGreaterThanOrEqual(0);
    expect(row.chain).toBeLessThan(AUDIT_CHAINS);
    expect(queries.find((q) => q.startsWith('select "hash"'))).toMatch(/where "chain" = \$1/);
    expect(queries.findIndex((q) => q.startsWith('select "hash"'))).toBeLessThan(queries.findIndex((q) => q.startsWith('insert')));
    expect(row.prev_hash).toBe(prev);
    expect(row.hash).toBe(auditHash(prev, fieldsFromRow(row)));
    expect(row).toMatchObject({
      actor_id: 5, actor_name: 'wang', actor_role: 'streetStaff', action: 'org.update', entity_type: 'org',
      entity_id: '12', org_path: '/1/9/', ip: '127.0.0.1', user_agent: 'agent', outcome: 'success',
    });
  });

  it('starts the chain at the genesis hash', async () => {
    const { row } = await record(null, ctxWith(null), { action: 'user.create', entityType: 'user' });
    expect(row.prev_hash).toBe(GENESIS_HASH);
    expect(row.hash).toBe(auditHash(GENESIS_HASH, fieldsFromRow(row)));
    expect(row).toMatchObject({ actor_id: null, actor_name: null, actor_role: null, entity_id: null, org_path: null });
  });

  it('hashes detail as jsonb gives it back (undefined dropped), truncates the user agent, honours outcome and orgPath', async () => {
    const { row } = await record('b'.repeat(64), ctxWith(actor, 'u'.repeat(1000)), {
      action: 'user.reveal', entityType: 'user', entityId: 'x', orgPath: '/1/9/10/', outcome: 'denied',
      detail: { field: 'phone', nothing: undefined, when: new Date('2026-01-01T00:00:00Z') },
    });
    expect(JSON.parse(row.detail as string)).toEqual({ field: 'phone', when: '2026-01-01T00:00:00.000Z' });
    expect((row.user_agent as string).length).toBe(300);
    expect(row).toMatchObject({ outcome: 'denied', org_path: '/1/9/10/' });
    expect(row.hash).toBe(auditHash('b'.repeat(64), fieldsFromRow(row)));
  });
});

// ---- verifyAuditChain over an in-memory table (the same walk the CLI and the API run).
function chain(n: number): AuditRow[] {
  const rows: AuditRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const f: AuditFields = { ...base, at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), entityId: String(i), detail: { i } };
    const hash = auditHash(prev, f);
    rows.push({
      id: i, at: new Date(f.at), actor_id: f.actorId, actor_name: f.actorName, actor_role: f.actorRole, action: f.action,
      entity_type: f.entityType, entity_id: f.entityId, org_path: f.orgPath, ip: f.ip, user_agent: f.userAgent,
      outcome: f.outcome, detail: f.detail as AuditRow['detail'], prev_hash: prev, hash,
    } as AuditRow);
    prev = hash;
  }
  return rows;
}

function memoryDb(rows: AuditRow[]) {
  let after = 0;
  let size = Infinity;
  const q = {
    selectFrom: () => q, selectAll: () => q, orderBy: () => q,
    where: (_c: string, _op: string, v: number) => { after = v; return q; },
    limit: (n: number) => { size = n; return q; },
    execute: async () => rows.filter((r) => r.id > after).sort((a, b) => a.id - b.id).slice(0, size),
  };
  return q as unknown as Parameters<typeof verifyAuditChain>[0];
}

describe('hash chain verification', () => {
  it('accepts an intact chain and counts its records', async () => {
    const r = await verifyAuditChain(memoryDb(chain(12)));
    expect(r).toMatchObject({ ok: true, checked: 12, firstBadId: null });
    expect(await verifyAuditChain(memoryDb([]))).toMatchObject({ ok: true, checked: 0 });
  });

  it('round-trips: fieldsOf(row) reproduces the hashed fields', () => {
    const [r] = chain(1);
    expect(auditHash(r.prev_hash, fieldsOf(r))).toBe(r.hash);
  });

  it('names the first altered record', async () => {
    const rows = chain(10);
    rows[5] = { ...rows[5], detail: { i: 999 } as AuditRow['detail'] };
    expect(await verifyAuditChain(memoryDb(rows))).toMatchObject({ ok: false, firstBadId: 6, checked: 5 });
  });

  it('catches an altered record even when its hash was recomputed (the next link breaks)', async () => {
    const rows = chain(10);
    const forged = { ...rows[3], actor_name: 'mallory' };
    forged.hash = auditHash(forged.prev_hash, fieldsOf(forged));
    rows[3] = forged;
    const r = await verifyAuditChain(memoryDb(rows));
    expect(r).toMatchObject({ ok: false, firstBadId: 5 });
    expect(JSON.stringify(r.message)).toMatch(/predecessor/);
  });

  it('catches a deleted record in the middle', async () => {
    const rows = chain(10).filter((r) => r.id !== 7);
    expect(await verifyAuditChain(memoryDb(rows))).toMatchObject({ ok: false, firstBadId: 8 });
  });

  it('follows interleaved chains independently, and a record removed from one of them breaks only that one', async () => {
    // Two chains whose records alternate in id order, as concurrent appenders leave them.
    const a = chain(6).map((r) => ({ ...r, chain: 0 }));
    const b = chain(6).map((r) => ({ ...r, chain: 3 }));
    const mixed = [...a, ...b].sort((x, y) => x.id - y.id || x.chain - y.chain)
      .map((r, i) => ({ ...r, id: i + 1 }));
    expect(await verifyAuditChain(memoryDb(mixed))).toMatchObject({ ok: true, checked: 12 });
    const gone = mixed.filter((r) => !(r.chain === 3 && r.entity_id === '4'));
    const r = await verifyAuditChain(memoryDb(gone));
    expect(r.ok).toBe(false);
    expect(gone.find((x) => x.id === r.firstBadId)).toMatchObject({ chain: 3, entity_id: '5' });
  });

  it('anchors on the first remaining record after old ones were purged', async () => {
    const rows = chain(10).slice(4);
    expect(await verifyAuditChain(memoryDb(rows))).toMatchObject({ ok: true, checked: 6 });
  });
});
