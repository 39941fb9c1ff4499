import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { migrate, MIGRATIONS_DIR } from '../../src/db/migrate.js';

/** The migrations' names and contents: a template is reused only while they are unchanged. */
function migrationsDigest(): string {
  const h = crypto.createHash('sha256');
  for (const f of fs.readdirSync(MIGRATIONS_DIR).sort()) h.update(f).update('\0').update(fs.readFileSync(path.join(MIGRATIONS_DIR, f)));
  return h.digest('hex').slice(0, 16);
}

const withAdmin = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
  const c = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await c.connect();
  try { return await fn(c); } finally { await c.end(); }
};
const urlOf = (name: string) => {
  const u = new URL(inject('pgAdminUrl'));
  u.pathname = '/' + name;
  return u.toString();
};

/**
 * A fresh, migrated database on the run's PostgreSQL; dropped by the returned cleanup.
 * The migrations run once per run into a template database (named by their digest, built
 * under an advisory lock so parallel test files wait for one build); each file then gets
 * a copy (CREATE DATABASE … TEMPLATE), which takes a fraction of running 27 migrations.
 * The copy is what the migrations make: same schema, grants and migration ledger (the
 * database-level CONNECT grant is not part of a template, so it is given again).
 */
export async function freshDatabase(): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `gz_t_${crypto.randomBytes(6).toString('hex')}`;
  const template = `gz_tmpl_${migrationsDigest()}`;
  await withAdmin(async (c) => {
    await c.query('SELECT pg_advisory_lock(72630002)');
    try {
      const have = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (!have.rowCount) {
        // Templates of older migration sets are of no further use.
        for (const r of (await c.query(`SELECT datname FROM pg_database WHERE datname LIKE 'gz\\_tmpl\\_%'`)).rows) await c.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
        const building = `${template}_b`;
        await c.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
        await c.query(`CREATE DATABASE ${building}`);
        await migrate(urlOf(building));
        await c.query(`ALTER DATABASE ${building} RENAME TO ${template}`);
      }
      await c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    } finally {
      await c.query('SELECT pg_advisory_unlock(72630002)');
    }
    await c.query(`DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gongzhi_app') THEN GRANT CONNECT ON DATABASE ${name} TO gongzhi_app; END IF; END $$`);
  });
  const url = urlOf(name);
  return {
    url, name,
    drop: async () => {
      await withAdmin((d) => d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** A connection as the database owner (not the restricted app role), for assertions and tampering. */
export async function ownerClient(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return c;
}
