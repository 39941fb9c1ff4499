import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { hashFile } from './files.js';
import type { Manifest, ManifestFile } from './manifest.js';
import { libpqTarget, redactUrl, run, serverMajor, toolInfo } from './pgtools.js';

/**
 * External databases (DATABASE_URL): pg_dump -Fc for backup (one consistent snapshot,
 * taken while the application keeps running) and pg_restore for restore. pg_dump must be
 * at least as new as the server: pg_dump 15 refuses a PostgreSQL 17 server.
 */

export const DUMP_FILE = 'db.dump';

interface ServerInfo { version: string; versionNum: number; database: string; encoding: string; collate: string; ctype: string }

async function serverInfo(c: pg.Client): Promise<ServerInfo> {
  const r = await c.query(
    `SELECT current_setting('server_version') AS version, current_setting('server_version_num') AS num,
            current_database() AS database, pg_encoding_to_char(d.encoding) AS encoding,
            d.datcollate AS collate, d.datctype AS ctype
       FROM pg_database d WHERE d.datname = current_database()`,
  );
  const x = r.rows[0];
  return { version: x.version, versionNum: Number(x.num), database: x.database, encoding: x.encoding, collate: x.collate, ctype: x.ctype };
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url, application_name: 'gongzhi backup' });
  c.on('error', () => { /* surfaced by the failing query */ });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end().catch(() => {});
  }
}

function toolMissing(tool: string, major: number): Error {
  return new Error(
    `PATH 中找不到 ${tool}。外部数据库 (DATABASE_URL) 的备份/恢复需要 PostgreSQL 客户端工具，版本不低于服务器（${major}）。\n` +
      `${tool} is not on PATH. Backing up or restoring an external database (DATABASE_URL) uses PostgreSQL's client tools, ` +
      `version ${major} or newer (Debian/Ubuntu: apt install postgresql-client-${major}, from apt.postgresql.org if your release lacks it).`,
  );
}

export async function backupExternal(opts: { url: string; destDir: string; log: (m: string) => void }): Promise<{
  postgres: Manifest['postgres']; pgDump: NonNullable<Manifest['pgDump']>; source: Manifest['source']; files: ManifestFile[]; bytes: number;
}> {
  const { url, destDir, log } = opts;
  const info = await withClient(url, serverInfo);
  const major = serverMajor(info.versionNum);
  const tool = await toolInfo('pg_dump');
  if (!tool) throw toolMissing('pg_dump', major);
  if (tool.major < major) {
    throw new Error(
      `${tool.path} 的版本是 ${tool.version}，而服务器是 PostgreSQL ${info.version}：pg_dump 不能备份比自己新的服务器。请安装 postgresql-client-${major}（或更新）并放在 PATH 前面。\n` +
        `${tool.path} is pg_dump ${tool.version} but the server is PostgreSQL ${info.version}: pg_dump cannot dump a server newer than itself ` +
        `(its major version must be ≥ the server's). Install postgresql-client-${major} or newer and put it first on PATH.`,
    );
  }
  log(`  pg_dump ${tool.version} → PostgreSQL ${info.version}, database ${info.database}`);
  const out = path.join(destDir, DUMP_FILE);
  const target = libpqTarget(url);
  const r = await run(tool.path, ['--format=custom', '--no-password', `--file=${out}`, `--dbname=${target.dbname}`], target.env);
  if (r.code !== 0) throw new Error(`pg_dump failed (exit ${r.code}):\n${r.stderr.trim()}`);
  const fh = await fs.promises.open(out, 'r+');
  await fh.sync();
  await fh.close();
  const h = await hashFile(out);
  const u = new URL(url);
  return {
    postgres: { version: info.version, versionNum: info.versionNum, database: info.database, encoding: info.encoding, collate: info.collate, ctype: info.ctype },
    pgDump: { version: tool.version, major: tool.major },
    source: { database: 'external', url: redactUrl(url), host: u.hostname, port: Number(u.port || 5432), name: info.database },
    files: [{ path: DUMP_FILE, ...h }],
    bytes: h.size,
  };
}

const ident = (s: string) => '"' + s.replace(/"/g, '""') + '"';
const literal = (s: string) => "'" + s.replace(/'/g, "''") + "'";

/** Relations outside the system schemas: a database with any is not empty. */
async function userRelationCount(c: pg.Client): Promise<number> {
  const r = await c.query(
    `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`,
  );
  return r.rows[0].n;
}

/** Checks that pg_restore can run and whether the target database is empty (before anything changes). */
export async function preflightExternalRestore(opts: { url: string; manifest: Manifest; log: (m: string) => void }): Promise<{ nonEmpty: number; database: string; restorePath: string }> {
  const { url, manifest, log } = opts;
  const info = await withClient(url, async (c) => ({ ...(await serverInfo(c)), n: await userRelationCount(c) }));
  const dumpMajor = manifest.pgDump?.major ?? 0;
  const tool = await toolInfo('pg_restore');
  if (!tool) throw toolMissing('pg_restore', Math.max(dumpMajor, serverMajor(info.versionNum)));
  if (tool.major < dumpMajor) {
    throw new Error(
      `该备份由 pg_dump ${manifest.pgDump?.version} 生成，${tool.path} (${tool.version}) 无法读取；请安装 postgresql-client-${dumpMajor} 或更新。\n` +
        `The backup was made by pg_dump ${manifest.pgDump?.version}; ${tool.path} (${tool.version}) cannot read it. Install postgresql-client-${dumpMajor} or newer.`,
    );
  }
  if (serverMajor(info.versionNum) < serverMajor(manifest.postgres.versionNum))
    log(`  注意 / note: restoring a PostgreSQL ${manifest.postgres.version} dump into an older server (${info.version}) may fail`);
  return { nonEmpty: info.n, database: info.database, restorePath: tool.path };
}

/**
 * Restores db.dump into DATABASE_URL's database in one transaction. With `force` and a
 * non-empty target, that database is first renamed aside (`<name>_before_restore_<stamp>`)
 * and an empty one created under the old name: nothing is deleted.
 */
export async function restoreExternal(opts: {
  dir: string; manifest: Manifest; url: string; force: boolean; stamp: string; log: (m: string) => void;
  pre: { nonEmpty: number; database: string; restorePath: string };
}): Promise<{ movedAside: string | null }> {
  const { url, manifest, log, pre } = opts;
  let movedAside: string | null = null;
  if (pre.nonEmpty > 0) {
    if (!opts.force) throw new Error('target database is not empty'); // checked by the caller with a full explanation
    const maint = new URL(url);
    maint.pathname = pre.database === 'postgres' ? '/template1' : '/postgres';
    const aside = `${pre.database.slice(0, 63 - 32)}_before_restore_${opts.stamp.toLowerCase()}`;
    await withClient(maint.toString(), async (c) => {
      const d = (await c.query(
        `SELECT pg_encoding_to_char(encoding) AS enc, datcollate, datctype FROM pg_database WHERE datname = $1`, [pre.database],
      )).rows[0];
      try {
        await c.query(`ALTER DATABASE ${ident(pre.database)} RENAME TO ${ident(aside)}`);
      } catch (e) {
        throw new Error(
          `无法把数据库 ${pre.database} 改名移开（${(e as Error).message}）。请先停止连接它的 Gongzhi 实例，且连接用户需有 CREATEDB 权限。\n` +
            `Could not rename database ${pre.database} aside (${(e as Error).message}). Stop every Gongzhi instance using it first; the user needs CREATEDB.`,
        );
      }
      await c.query(
        `CREATE DATABASE ${ident(pre.database)} TEMPLATE template0 ENCODING ${literal(manifest.postgres.encoding ?? d.enc)}` +
          ` LC_COLLATE ${literal(d.datcollate)} LC_CTYPE ${literal(d.datctype)}`,
      );
    });
    movedAside = aside;
    log(`  已将原数据库改名为 / previous database renamed to ${aside}`);
  }
  // Roles are per server and not in a pg_dump: make the app role the dump's GRANTs refer to (as the migration does).
  await withClient(url, async (c) => {
    await c.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gongzhi_app') THEN CREATE ROLE gongzhi_app NOLOGIN; END IF;
      EXECUTE format('GRANT gongzhi_app TO %I', current_user);
    EXCEPTION WHEN duplicate_object OR unique_violation OR insufficient_privilege THEN NULL; END $$`);
  });
  const target = libpqTarget(url);
  const r = await run(pre.restorePath, [
    '--exit-on-error', '--single-transaction', '--no-owner', '--no-password',
    `--dbname=${target.dbname}`, path.join(opts.dir, DUMP_FILE),
  ], target.env);
  if (r.code !== 0) {
    throw new Error(
      `pg_restore 失败，目标数据库未改变（单事务）/ pg_restore failed; the single transaction was rolled back (exit ${r.code}):\n${r.stderr.trim()}` +
        (movedAside ? `\n原数据库在 / the previous database is ${movedAside}` : ''),
    );
  }
  return { movedAside };
}
