import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';

// bigint ids and counts come back as numbers: ids stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
// bigint[] (photo ids of requests and visits) likewise: 1016 is int8[]'s type oid.
const INT8_ARRAY = 1016;
const parseTextArray = pg.types.getTypeParser(INT8_ARRAY as never) as (v: string) => string[];
pg.types.setTypeParser(INT8_ARRAY as never, (v: string) => parseTextArray(v).map((x) => (x === null ? x : Number(x))));
// Calendar dates (birth dates, log dates) stay 'YYYY-MM-DD' strings: no time zone to shift them.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type Database = Kysely<DB>;

export interface DbHandle {
  db: Database;
  pool: pg.Pool;
  /** True when connections run as the restricted gongzhi_app role. */
  restrictedRole: boolean;
  close(): Promise<void>;
}

/**
 * Opens the application pool. Connections SET ROLE gongzhi_app when the connecting user
 * may, so the app cannot UPDATE or DELETE the audit log even if its code tried.
 */
export async function openDatabase(connectionString: string, poolSize = 10): Promise<DbHandle> {
  const probe = new pg.Client({ connectionString });
  await probe.connect();
  let restricted = false;
  try {
    const r = await probe.query(
      `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gongzhi_app')
          AND pg_has_role(current_user, 'gongzhi_app', 'MEMBER') AS ok`,
    );
    restricted = r.rows[0].ok === true;
  } finally {
    await probe.end();
  }
  const pool = new pg.Pool({ connectionString, max: poolSize, idleTimeoutMillis: 30_000 });
  pool.on('error', () => { /* a dropped idle connection is replaced on next use */ });
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({
      pool,
      onCreateConnection: restricted
        ? async (conn) => { await conn.executeQuery(sql`SET ROLE gongzhi_app`.compile(dbStub)); }
        : undefined,
    }),
  });
  rawPools.set(db, { pool, restricted });
  return {
    db,
    pool,
    restrictedRole: restricted,
    close: async () => { await db.destroy(); },
  };
}

const rawPools = new WeakMap<Database, { pool: pg.Pool; restricted: boolean }>();

/**
 * A pooled pg client in the same role as the app's queries, for what Kysely cannot drive
 * (COPY … FROM STDIN streams of bulk imports). The caller releases it; releasing with
 * `true` discards the connection together with any temp tables it made.
 */
export async function rawClient(db: Database): Promise<pg.PoolClient> {
  const r = rawPools.get(db);
  if (!r) throw new Error('rawClient: the database was not opened by openDatabase');
  const client = await r.pool.connect();
  try {
    if (r.restricted) await client.query('SET ROLE gongzhi_app');
  } catch (e) {
    client.release(true);
    throw e;
  }
  return client;
}

// Compiling a constant statement needs a Kysely instance; any will do.
const dbStub = new Kysely<DB>({ dialect: new PostgresDialect({ pool: {} as pg.Pool }) });

/** Durability self-check: refuse to run on a server that may lose acknowledged writes. */
export async function assertDurable(db: Database): Promise<void> {
  const r = await sql<{ fsync: string; sync: string }>`SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS sync`.execute(db);
  const { fsync, sync } = r.rows[0];
  if (fsync !== 'on' || sync === 'off') {
    throw new Error(
      `PostgreSQL 配置不安全：fsync=${fsync}, synchronous_commit=${sync}；已确认的写入可能丢失，拒绝启动。\n` +
        `Unsafe PostgreSQL settings (fsync=${fsync}, synchronous_commit=${sync}): acknowledged writes could be lost; refusing to start.`,
    );
  }
}

export async function serverVersion(db: Database): Promise<number> {
  const r = await sql<{ v: string }>`SELECT current_setting('server_version_num') AS v`.execute(db);
  return Number(r.rows[0].v);
}
