import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { freePort, lockDataDir, startEmbedded, type EmbeddedCluster } from '../../src/db/embedded.js';
import { migrate } from '../../src/db/migrate.js';
import { openDatabase, type DbHandle } from '../../src/db/database.js';
import { backupEmbeddedAt, readManifest, verifyBackupFiles, type BackupResult } from '../../src/db/backup.js';
import { parseLsn } from '../../src/db/backup/embedded.js';
import { toolInfo, serverMajor } from '../../src/db/backup/pgtools.js';
import { createCipher, loadMasterKey, type FieldCipher } from '../../src/core/crypto.js';
import { ChangeBus } from '../../src/core/change-bus.js';
import { systemCtx, type Deps } from '../../src/core/context.js';
import { recordAudit } from '../../src/core/audit.js';
import { createAccount } from '../../src/modules/accounts/service-admin.js';
import { insertOrg } from '../../src/modules/orgs/repo.js';
import { verifyAuditChain } from '../../src/modules/audit/verify.js';

/**
 * Backup and restore, end to end, on real clusters:
 *  - embedded: an ONLINE base backup (pg_backup_start/stop + WAL) of a private embedded
 *    PostgreSQL 17 while a writer keeps committing; wipe; `gongzhi restore`; the restored
 *    database holds exactly the transactions acknowledged before pg_backup_stop (all of them,
 *    whole), none begun after it, the audit hash chain verifies, the key decrypts.
 *  - the CLI: backup from a running server (port file), restore guards (running server,
 *    non-empty target, damaged backup), --force moving the old cluster aside.
 *  - external: pg_dump/pg_restore round trip when a server no newer than pg_dump is at hand,
 *    and the refusal when pg_dump is older than the server.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin/gongzhi.mjs');
const PASSWORD = 'Gz-test-2026!';
const PROBE_ROWS = 20;

interface CliResult { code: number | null; out: string; err: string; ms: number }

/** `node bin/gongzhi.mjs …` with a clean environment (no DATABASE_URL unless given). */
function cli(args: string[], env: Record<string, string | undefined>): Promise<CliResult> {
  const e: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('GONGZHI_') || k === 'DATABASE_URL' || k.startsWith('VITEST') || k === 'NODE_OPTIONS') continue;
    e[k] = v;
  }
  e.NODE_ENV = 'test';
  for (const [k, v] of Object.entries(env)) if (v !== undefined) e[k] = v;
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: e, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (c: Buffer) => { out += c.toString(); });
    p.stderr.on('data', (c: Buffer) => { err += c.toString(); });
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, out, err, ms: Date.now() - t0 }));
  });
}

const timings: Record<string, number> = {};
async function timed<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  try { return await fn(); } finally { timings[name] = Date.now() - t0; }
}

function tmpDir(prefix: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(d, 0o755); // as root, PostgreSQL runs as `postgres` and must reach <dataDir>/pg
  return d;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(cond: () => boolean, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await wait(5);
  }
}

function makeDeps(db: DbHandle['db'], dataDir: string, url: string, cipher: FieldCipher, kind: Deps['databaseKind']): Deps {
  const config = loadConfig({ env: 'test', logLevel: 'silent', dataDir, databaseUrl: url, encryptionKey: null });
  return { db, config, cipher, bus: new ChangeBus(), databaseKind: kind };
}

/** Known data: a province with many communities, three audited accounts with phones, extra audit records. */
async function writeKnownData(deps: Deps) {
  const { db } = deps;
  const prov = await db.selectFrom('org').select(['id', 'path']).where('id', '=', 1).executeTakeFirstOrThrow()
    .then(async (root) => {
      const id = await insertOrg(db, { parentId: root.id, parentPath: root.path, level: 'province', code: '62', name: '甘肃省', householdsTarget: null, boundary: null });
      return { id, path: `${root.path}${id}/` };
    });
  await sql`INSERT INTO org (id, parent_id, level, code, name, path)
            SELECT n, ${prov.id}, 'community', 'K' || n, '社区' || n, ${prov.path} || n || '/'
              FROM (SELECT nextval(pg_get_serial_sequence('org', 'id')) AS n FROM generate_series(1, 20000)) s`.execute(db);
  const ctx = systemCtx(deps, 'backup-test');
  const users: { username: string; phone: string }[] = [];
  for (const [i, role] of (['sysAdmin', 'securityAdmin', 'auditAdmin'] as const).entries()) {
    const u = { username: `bk_${role}_${crypto.randomBytes(2).toString('hex')}`, phone: `1390000${String(1000 + i)}` };
    await createAccount(ctx, { username: u.username, role, orgCode: 'CN', password: PASSWORD, mustChange: false, phone: u.phone });
    users.push(u);
  }
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < 200; i++) await recordAudit(trx, ctx, { action: 'test.seed', entityType: 'org', entityId: i, detail: { i, text: '备份前 / before backup' } });
  });
  const count = async (t: 'org' | 'app_user' | 'audit_log') => Number((await db.selectFrom(t).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  return { prov, users, orgs: await count('org'), appUsers: await count('app_user'), audits: await count('audit_log') };
}

/**
 * Commits transactions one after another until stopped; transaction k inserts org `W<k>`,
 * PROBE_ROWS rows into `probe` and one audit record — all or nothing.
 */
function startWriter(deps: Deps, prov: { id: number; path: string }) {
  const state = { started: 0, acked: 0, stop: false, error: null as Error | null, done: null as Promise<void> | null };
  const ctx = systemCtx(deps, 'backup-writer');
  state.done = (async () => {
    while (!state.stop) {
      const k = state.started + 1;
      state.started = k;
      await deps.db.transaction().execute(async (trx) => {
        const id = await insertOrg(trx, { parentId: prov.id, parentPath: prov.path, level: 'city', code: `W${k}`, name: `写入${k}`, householdsTarget: null, boundary: null });
        await sql`INSERT INTO probe (k, i) SELECT ${k}, g FROM generate_series(1, ${PROBE_ROWS}) g`.execute(trx);
        await recordAudit(trx, ctx, { action: 'test.write', entityType: 'org', entityId: id, detail: { k } });
      });
      state.acked = k;
    }
  })().catch((e) => { state.error = e as Error; });
  return state;
}

afterAll(() => { console.log('backup test timings (ms):', JSON.stringify(timings)); });

describe('embedded database: online backup while writing, restore', () => {
  let dataDir: string;
  let outDir: string;
  let cluster: EmbeddedCluster | null = null;
  let unlock: (() => void) | null = null;
  let handle: DbHandle | null = null;
  let deps: Deps;

  beforeAll(async () => {
    dataDir = path.join(tmpDir('gz-backup-'), 'data');
    outDir = path.join(path.dirname(dataDir), 'backups');
    unlock = lockDataDir(dataDir); // this test process plays the running Gongzhi server
    cluster = await timed('start embedded', () => startEmbedded({ dataDir }));
    await migrate(cluster.url);
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE TABLE probe (k int NOT NULL, i int NOT NULL, PRIMARY KEY (k, i)); GRANT SELECT, INSERT ON probe TO gongzhi_app');
    await admin.end();
    handle = await openDatabase(cluster.url, 5);
    deps = makeDeps(handle.db, dataDir, cluster.url, createCipher(loadMasterKey(dataDir, null)), 'embedded');
  });

  afterAll(async () => {
    await handle?.close().catch(() => {});
    await cluster?.stop().catch(() => {});
    unlock?.();
    if (dataDir) fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
  });

  let known: Awaited<ReturnType<typeof writeKnownData>>;
  let online: BackupResult;
  const marks = { ackedBeforeBackup: 0, ackedAtStart: 0, ackedMidCopy: 0, ackedBeforeStop: 0, startedAfterStop: 0, finalAcked: 0, startLsn: '', stopLsn: '' };
  let cliBackup = '';

  it('takes an online backup while a writer keeps committing', async () => {
    known = await timed('known data', () => writeKnownData(deps));
    expect(fs.readFileSync(path.join(dataDir, 'pg.port'), 'utf8').trim()).toBe(String(cluster!.port));

    const writer = startWriter(deps, known.prov);
    await waitFor(() => writer.acked >= 20 || !!writer.error, 'the writer to get going');
    marks.ackedBeforeBackup = writer.acked;
    let paused = false;
    online = await timed('online backup (in-process)', () => backupEmbeddedAt({
      config: deps.config, url: cluster!.url, outDir,
      hooks: {
        afterStart: ({ startLsn }) => { marks.startLsn = startLsn; marks.ackedAtStart = writer.acked; },
        // Half-way through the data files, make sure commits land while files are being copied.
        onFile: async (n) => {
          if (paused || n < 300) return;
          paused = true;
          // Also end the current WAL segment, so the backup's WAL spans several segments.
          const c = new pg.Client({ connectionString: cluster!.url });
          await c.connect();
          await c.query('SELECT pg_switch_wal()');
          await c.end();
          const target = writer.acked + 25;
          await waitFor(() => writer.acked >= target || !!writer.error, 'writes during the copy');
          marks.ackedMidCopy = writer.acked;
        },
        beforeStop: () => { marks.ackedBeforeStop = writer.acked; },
        afterStop: ({ stopLsn }) => { marks.stopLsn = stopLsn; marks.startedAfterStop = writer.started; },
      },
    }));
    // Keep writing after the backup: none of this may appear in the restore.
    const after = writer.acked;
    await waitFor(() => writer.acked >= after + 25 || !!writer.error, 'writes after the backup');
    writer.stop = true;
    await writer.done;
    expect(writer.error).toBeNull();
    marks.finalAcked = writer.acked;

    expect(paused).toBe(true);
    expect(marks.ackedAtStart).toBeGreaterThanOrEqual(marks.ackedBeforeBackup);
    expect(marks.ackedMidCopy).toBeGreaterThan(marks.ackedAtStart);
    expect(marks.finalAcked).toBeGreaterThan(marks.startedAfterStop);
    expect(parseLsn(marks.stopLsn)).toBeGreaterThan(parseLsn(marks.startLsn));

    // The backup itself: manifest, checksums, label, WAL, key.
    const { manifest } = readManifest(online.path);
    expect(manifest.kind).toBe('embedded');
    expect(manifest.postgres.startLsn).toBe(marks.startLsn);
    expect(manifest.postgres.stopLsn).toBe(marks.stopLsn);
    expect(manifest.postgres.version).toMatch(/^17\./);
    expect(manifest.postgres.walLast! > manifest.postgres.walFirst!).toBe(true);
    expect(manifest.encryptionKey).toBe('included');
    expect(online.warnings.join('\n')).toMatch(/master key/);
    const paths = new Set(manifest.files.map((f) => f.path));
    for (const p of ['pg/backup_label', 'pg/PG_VERSION', 'pg/global/pg_control', 'keys/master.key', 'pg-superuser-secret', `pg/pg_wal/${manifest.postgres.walFirst}`, `pg/pg_wal/${manifest.postgres.walLast}`])
      expect(paths, p).toContain(p);
    for (const p of ['pg/postmaster.pid', 'pg/postmaster.opts']) expect(paths).not.toContain(p);
    expect([...paths].some((p) => p.startsWith('pg/pg_replslot/') || p.startsWith('pg/pg_stat_tmp/'))).toBe(false);
    expect(manifest.dirs).toEqual(expect.arrayContaining(['pg/pg_wal', 'pg/pg_wal/archive_status', 'pg/pg_replslot', 'pg/pg_tblspc']));
    expect(fs.readFileSync(path.join(online.path, 'pg/backup_label'), 'utf8')).toContain(`START WAL LOCATION: ${marks.startLsn}`);
    expect(fs.readFileSync(path.join(online.path, 'keys/master.key'))).toEqual(fs.readFileSync(path.join(dataDir, 'keys/master.key')));
    expect(await verifyBackupFiles(online.path, manifest)).toEqual([]);
    expect(fs.statSync(online.path).mode & 0o077).toBe(0); // holds the key: owner only
  }, 180_000);

  it('`gongzhi backup` uses the running server (port file) and warns about the key', async () => {
    const r = await timed('cli backup (running server)', () => cli(['backup', '--out', outDir], { GONGZHI_DATA_DIR: dataDir }));
    expect(r.code, r.err + r.out).toBe(0);
    expect(r.out).toMatch(/using the running server's database on 127\.0\.0\.1:\d+/);
    expect(r.err).toMatch(/WARNING: this backup contains the encryption master key/);
    cliBackup = /backup written: (\S+)/.exec(r.out)![1];
    const { manifest } = readManifest(cliBackup);
    expect(manifest.source.server).toBe('running server');
    expect(await verifyBackupFiles(cliBackup, manifest)).toEqual([]);
  }, 120_000);

  it('`gongzhi backup` with DATABASE_URL refuses a pg_dump older than the server, and says why', async (ctx) => {
    const dump = await toolInfo('pg_dump');
    if (!dump) return ctx.skip('pg_dump is not on PATH');
    if (dump.major >= 17) return ctx.skip(`pg_dump ${dump.version} can dump PostgreSQL 17; the refusal is covered with a fake pg_dump below`);
    const r = await cli(['backup', '--out', path.join(outDir, 'ext')], { GONGZHI_DATA_DIR: dataDir, DATABASE_URL: cluster!.url });
    expect(r.code).toBe(1);
    expect(r.err).toContain(`pg_dump ${dump.version} but the server is PostgreSQL 17`);
    expect(r.err).toContain('postgresql-client-17');
    expect(fs.existsSync(path.join(outDir, 'ext')) ? fs.readdirSync(path.join(outDir, 'ext')) : []).toEqual([]);
  }, 60_000);

  it('restore refuses while the server holds the data dir, and refuses a non-empty data dir', async () => {
    await handle!.close();
    handle = null;
    await cluster!.stop();
    cluster = null;
    expect(fs.existsSync(path.join(dataDir, 'pg.port'))).toBe(false);

    const locked = await cli(['restore', online.path], { GONGZHI_DATA_DIR: dataDir });
    expect(locked.code).toBe(1);
    expect(locked.err).toMatch(/in use by another Gongzhi instance \(pid \d+\)/);

    unlock!();
    unlock = null;
    const nonEmpty = await cli(['restore', online.path], { GONGZHI_DATA_DIR: dataDir });
    expect(nonEmpty.code).toBe(1);
    expect(nonEmpty.err).toMatch(/not empty; nothing was changed/);
    expect(fs.readdirSync(dataDir).filter((n) => n.includes('restore'))).toEqual([]);
  }, 60_000);

  it('restore verifies checksums before touching anything', async () => {
    const { manifest } = readManifest(online.path);
    const victim = manifest.files.filter((f) => f.path.startsWith('pg/base/')).sort((a, b) => b.size - a.size)[0];
    const file = path.join(online.path, victim.path);
    const original = fs.readFileSync(file);
    const bad = Buffer.from(original);
    bad[Math.floor(bad.length / 2)] ^= 0xff;
    fs.writeFileSync(file, bad);
    try {
      const before = fs.readdirSync(dataDir).sort();
      const r = await cli(['restore', '--force', online.path], { GONGZHI_DATA_DIR: dataDir });
      expect(r.code).toBe(1);
      expect(r.err).toContain(`checksum differs: ${victim.path}`);
      expect(r.err).toContain('nothing was changed');
      expect(fs.readdirSync(dataDir).sort()).toEqual(before);
    } finally {
      fs.writeFileSync(file, original);
    }
  }, 60_000);

  it('restores into a wiped data dir: exactly the transactions acknowledged before pg_backup_stop, whole, chain intact', async () => {
    const keyBefore = fs.readFileSync(path.join(dataDir, 'keys/master.key'));
    for (const n of fs.readdirSync(dataDir)) fs.rmSync(path.join(dataDir, n), { recursive: true, force: true });

    const r = await timed('cli restore', () => cli(['restore', online.path], { GONGZHI_DATA_DIR: dataDir }));
    expect(r.code, r.err + r.out).toBe(0);
    expect(r.out).toMatch(/starting backup recovery with redo LSN/);
    expect(r.out).toMatch(/consistent recovery state reached/);
    expect(r.out).toMatch(/chain intact/);
    const pgDir = path.join(dataDir, 'pg');
    expect(fs.existsSync(path.join(pgDir, 'backup_label'))).toBe(false);
    expect(fs.existsSync(path.join(pgDir, 'backup_label.old'))).toBe(true); // recovery consumed the label
    expect(fs.statSync(pgDir).mode & 0o777).toBe(0o700);
    if (process.getuid?.() === 0) expect(fs.statSync(pgDir).uid).toBe(Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })));
    expect(fs.readFileSync(path.join(dataDir, 'keys/master.key'))).toEqual(keyBefore);

    unlock = lockDataDir(dataDir);
    cluster = await timed('start restored', () => startEmbedded({ dataDir }));
    handle = await openDatabase(cluster.url, 5);
    const db = handle.db;
    const c = new pg.Client({ connectionString: cluster.url });
    await c.connect();
    try {
      expect((await c.query('SELECT pg_is_in_recovery() AS r')).rows[0].r).toBe(false);

      // The writer's transactions: each whole (org + 20 probe rows + audit) or absent, in commit order.
      const probe = (await c.query('SELECT k, count(*)::int AS n FROM probe GROUP BY k ORDER BY k')).rows as { k: number; n: number }[];
      const K = probe.length;
      expect(probe.every((p, i) => p.k === i + 1 && p.n === PROBE_ROWS)).toBe(true);
      const wOrgs = (await c.query(`SELECT code FROM org WHERE code LIKE 'W%'`)).rows.map((x) => Number(x.code.slice(1))).sort((a, b) => a - b);
      expect(wOrgs).toEqual(Array.from({ length: K }, (_, i) => i + 1));
      const wAudit = (await c.query(`SELECT (detail->>'k')::int AS k FROM audit_log WHERE action = 'test.write' ORDER BY id`)).rows.map((x) => x.k);
      expect(wAudit).toEqual(Array.from({ length: K }, (_, i) => i + 1));

      // Point in time = pg_backup_stop: everything acknowledged before it (incl. commits made
      // while files were being copied), nothing begun after it returned.
      expect(K).toBeGreaterThanOrEqual(marks.ackedBeforeStop);
      expect(K).toBeGreaterThanOrEqual(marks.ackedMidCopy);
      expect(K).toBeGreaterThan(marks.ackedAtStart);
      expect(K).toBeLessThanOrEqual(marks.startedAfterStop);
      expect(K).toBeLessThan(marks.finalAcked);
      console.log(`writer transactions: acked before backup ${marks.ackedBeforeBackup}, at pg_backup_start ${marks.ackedAtStart}, ` +
        `mid-copy ${marks.ackedMidCopy}, before pg_backup_stop ${marks.ackedBeforeStop}, begun by its return ${marks.startedAfterStop}, ` +
        `final ${marks.finalAcked}; restored ${K}; WAL ${online.manifest.postgres.walFirst}…${online.manifest.postgres.walLast}`);

      // The data committed before the backup began, exactly.
      const n = async (q: string) => Number((await c.query(q)).rows[0].n);
      expect(await n(`SELECT count(*) AS n FROM org WHERE code NOT LIKE 'W%'`)).toBe(known.orgs);
      expect(await n(`SELECT count(*) AS n FROM app_user`)).toBe(known.appUsers);
      expect(await n(`SELECT count(*) AS n FROM audit_log WHERE action <> 'test.write'`)).toBe(known.audits);
      expect(await n(`SELECT count(*) AS n FROM audit_log`)).toBe(known.audits + K);

      // The restored key decrypts the restored personal data.
      const cipher = createCipher(loadMasterKey(dataDir, null));
      for (const u of known.users) {
        const row = (await c.query('SELECT phone_enc, phone_hash FROM app_user WHERE username = $1', [u.username])).rows[0];
        expect(cipher.decrypt(row.phone_enc)).toBe(u.phone);
        expect(cipher.lookupHash(u.phone)).toBe(row.phone_hash);
      }
    } finally {
      await c.end();
    }
    const chain = await verifyAuditChain(db);
    expect(chain.ok, chain.message.en).toBe(true);
    expect(chain.checked).toBe(known.audits + (await db.selectFrom('audit_log').select(sql<number>`count(*)`.as('n')).where('action', '=', 'test.write').executeTakeFirstOrThrow()).n);

    // And it is a live, writable database whose chain keeps growing correctly.
    const d2 = makeDeps(db, dataDir, cluster.url, createCipher(loadMasterKey(dataDir, null)), 'embedded');
    await db.transaction().execute((trx) => recordAudit(trx, systemCtx(d2, 'after-restore'), { action: 'test.after', entityType: 'system' }));
    expect((await verifyAuditChain(db)).ok).toBe(true);
  }, 180_000);

  it('`gongzhi backup` with no server running starts the cluster for the backup, then stops it', async () => {
    await handle!.close();
    handle = null;
    await cluster!.stop();
    cluster = null;
    unlock!();
    unlock = null;
    const r = await timed('cli backup (no server)', () => cli(['backup', '--out', path.join(outDir, 'cold')], { GONGZHI_DATA_DIR: dataDir }));
    expect(r.code, r.err + r.out).toBe(0);
    expect(r.out).toMatch(/no server running: starting the embedded cluster for the backup/);
    const { dir, manifest } = readManifest(/backup written: (\S+)/.exec(r.out)![1]);
    expect(manifest.source.server).toBe('started for the backup');
    expect(await verifyBackupFiles(dir, manifest)).toEqual([]);
    // It left nothing running: no port file, no lock, no postmaster.
    expect(fs.existsSync(path.join(dataDir, 'pg.port'))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'gongzhi.pid'))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  }, 120_000);

  it('restore --force moves the current cluster aside (never deletes) and restores the CLI-made backup', async () => {
    const r = await timed('cli restore --force', () => cli(['restore', '--force', cliBackup], { GONGZHI_DATA_DIR: dataDir }));
    expect(r.code, r.err + r.out).toBe(0);
    const aside = fs.readdirSync(dataDir).filter((x) => x.startsWith('pg.before-restore-'));
    expect(aside).toHaveLength(1);
    expect(fs.existsSync(path.join(dataDir, aside[0], 'PG_VERSION'))).toBe(true);
    expect(r.out).toContain(`previous data kept at ${path.join(dataDir, aside[0])}`);
    expect(r.out).toMatch(/chain intact/);
    // The previous cluster (with the after-restore audit record) is intact in its new place.
    expect(fs.readdirSync(dataDir).filter((x) => x.startsWith('.restore-') || x.includes('failed-restore'))).toEqual([]);
  }, 120_000);
});

// ---------------------------------------------------------------------------------------

/** A throwaway PostgreSQL server from a local installation (e.g. Debian's postgresql-15), for pg_dump ≥ server. */
async function throwawayServer(binDir: string): Promise<{ adminUrl: string; stop: () => Promise<void> }> {
  const base = tmpDir('gz-extpg-');
  const pgdata = path.join(base, 'pgdata');
  const pwfile = path.join(base, 'pw');
  const password = crypto.randomBytes(12).toString('hex');
  fs.writeFileSync(pwfile, password + '\n');
  let ids: { uid?: number; gid?: number } = {};
  if (process.getuid?.() === 0) {
    ids = { uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })) };
    fs.chownSync(base, ids.uid!, ids.gid!);
    fs.chownSync(pwfile, ids.uid!, ids.gid!);
  }
  execFileSync(path.join(binDir, 'initdb'), ['-D', pgdata, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C'], { ...ids, stdio: 'ignore' });
  const port = await freePort();
  const proc: ChildProcess = spawn(path.join(binDir, 'postgres'), ['-D', pgdata, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='], { ...ids, stdio: 'ignore' });
  const adminUrl = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const c = new pg.Client({ connectionString: adminUrl });
    try { await c.connect(); await c.end(); break; } catch (e) {
      await c.end().catch(() => {});
      if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`throwaway PostgreSQL did not start: ${(e as Error).message}`);
      await wait(100);
    }
  }
  return {
    adminUrl,
    stop: async () => {
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGINT');
        await exited;
      }
      fs.rmSync(base, { recursive: true, force: true });
    },
  };
}

async function majorOf(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try { return serverMajor(Number((await c.query(`SELECT current_setting('server_version_num') AS n`)).rows[0].n)); } finally { await c.end(); }
}

function dbUrl(adminUrl: string, name: string): string {
  const u = new URL(adminUrl);
  u.pathname = '/' + name;
  return u.toString();
}

describe('external database (DATABASE_URL): pg_dump / pg_restore', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => { for (const f of cleanups.reverse()) await f().catch(() => {}); });

  it('refuses when pg_dump is older than the server, creating nothing', async () => {
    const fakeBin = tmpDir('gz-fakepg-');
    cleanups.push(async () => fs.rmSync(fakeBin, { recursive: true, force: true }));
    fs.writeFileSync(path.join(fakeBin, 'pg_dump'), '#!/bin/sh\necho "pg_dump (PostgreSQL) 14.11"\n', { mode: 0o755 });
    const out = path.join(fakeBin, 'out');
    const r = await cli(['backup', '--out', out], { GONGZHI_DATA_DIR: path.join(fakeBin, 'data'), DATABASE_URL: inject('pgAdminUrl'), PATH: `${fakeBin}:${process.env.PATH}` });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/is pg_dump 14\.11 but the server is PostgreSQL 1\d/);
    expect(r.err).toMatch(/its major version must be ≥ the server's/);
    expect(fs.readdirSync(out)).toEqual([]);
  }, 60_000);

  it('round trip: pg_dump backup while the app runs, pg_restore into an empty database, --force renames the old one aside', async (ctx) => {
    const dump = await toolInfo('pg_dump');
    if (!dump) return ctx.skip('pg_dump is not on PATH: the external (DATABASE_URL) backup path cannot be exercised here');
    // pg_dump must be at least the server's major version: pick a server it can dump.
    let adminUrl = inject('pgAdminUrl');
    let how = `the run's PostgreSQL (${inject('pgKind')})`;
    if ((await majorOf(adminUrl)) > dump.major) {
      let bin = `/usr/lib/postgresql/${dump.major}/bin`;
      try { bin = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim() || bin; } catch { /* Debian layout */ }
      if (!fs.existsSync(path.join(bin, 'postgres')) || !fs.existsSync(path.join(bin, 'initdb')) ||
          !String(execFileSync(path.join(bin, 'postgres'), ['--version'])).includes(`) ${dump.major}.`)) {
        return ctx.skip(`pg_dump ${dump.version} cannot dump the run's PostgreSQL ${await majorOf(adminUrl)} and no PostgreSQL ${dump.major} server is installed to try it on; the embedded (low-level API) path is tested above`);
      }
      const s = await timed('throwaway server', () => throwawayServer(bin));
      cleanups.push(s.stop);
      adminUrl = s.adminUrl;
      how = `a throwaway PostgreSQL ${dump.major} from ${bin}`;
    }
    console.log(`external round trip on ${how} with pg_dump ${dump.version}`);

    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    cleanups.push(async () => { await admin.end(); });
    const names = { src: `gz_bk_src_${crypto.randomBytes(4).toString('hex')}`, dst: `gz_bk_dst_${crypto.randomBytes(4).toString('hex')}` };
    await admin.query(`CREATE DATABASE ${names.src}`);
    await admin.query(`CREATE DATABASE ${names.dst}`);
    cleanups.push(async () => {
      const rows = (await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'gz_bk_%'`)).rows;
      for (const r of rows) if (r.datname.startsWith(names.src) || r.datname.startsWith(names.dst)) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
    });
    const srcUrl = dbUrl(adminUrl, names.src);
    const dstUrl = dbUrl(adminUrl, names.dst);
    await migrate(srcUrl);
    await (async () => {
      const c = new pg.Client({ connectionString: srcUrl });
      await c.connect();
      await c.query('CREATE TABLE probe (k int NOT NULL, i int NOT NULL, PRIMARY KEY (k, i)); GRANT SELECT, INSERT ON probe TO gongzhi_app');
      await c.end();
    })();

    const base = tmpDir('gz-ext-');
    cleanups.push(async () => fs.rmSync(base, { recursive: true, force: true }));
    const srcData = path.join(base, 'src-data');
    const dstData = path.join(base, 'dst-data');
    const h = await openDatabase(srcUrl, 5);
    cleanups.push(() => h.close());
    const deps = makeDeps(h.db, srcData, srcUrl, createCipher(loadMasterKey(srcData, null)), 'external');
    const known = await writeKnownData(deps);

    // pg_dump takes one snapshot: a writer running meanwhile leaves whole transactions or none.
    const writer = startWriter(deps, known.prov);
    await waitFor(() => writer.acked >= 10 || !!writer.error, 'the writer');
    const ackedBefore = writer.acked;
    const b = await timed('cli backup (pg_dump)', () => cli(['backup', '--out', path.join(base, 'out')], { GONGZHI_DATA_DIR: srcData, DATABASE_URL: srcUrl }));
    writer.stop = true;
    await writer.done;
    expect(writer.error).toBeNull();
    expect(b.code, b.err + b.out).toBe(0);
    expect(b.err).toMatch(/WARNING: this backup contains the encryption master key/);
    const backupPath = /backup written: (\S+)/.exec(b.out)![1];
    const { manifest } = readManifest(backupPath);
    expect(manifest.kind).toBe('pg_dump');
    expect(manifest.pgDump!.major).toBe(dump.major);
    expect(manifest.files.map((f) => f.path).sort()).toEqual(['db.dump', 'keys/master.key']);
    const secret = decodeURIComponent(new URL(srcUrl).password);
    if (secret) expect(JSON.stringify(manifest)).not.toContain(secret); // the URL is recorded redacted

    // Restore into the empty database, with a fresh data dir for the key.
    const r = await timed('cli restore (pg_restore)', () => cli(['restore', backupPath], { GONGZHI_DATA_DIR: dstData, DATABASE_URL: dstUrl }));
    expect(r.code, r.err + r.out).toBe(0);
    expect(r.out).toMatch(/chain intact/);
    expect(fs.readFileSync(path.join(dstData, 'keys/master.key'))).toEqual(fs.readFileSync(path.join(srcData, 'keys/master.key')));

    const c = new pg.Client({ connectionString: dstUrl });
    await c.connect();
    try {
      const probe = (await c.query('SELECT k, count(*)::int AS n FROM probe GROUP BY k ORDER BY k')).rows as { k: number; n: number }[];
      const K = probe.length;
      expect(K).toBeGreaterThanOrEqual(ackedBefore);
      expect(probe.every((p, i) => p.k === i + 1 && p.n === PROBE_ROWS)).toBe(true);
      expect(Number((await c.query(`SELECT count(*) AS n FROM org WHERE code LIKE 'W%'`)).rows[0].n)).toBe(K);
      expect(Number((await c.query(`SELECT count(*) AS n FROM org WHERE code NOT LIKE 'W%'`)).rows[0].n)).toBe(known.orgs);
      expect(Number((await c.query(`SELECT count(*) AS n FROM audit_log`)).rows[0].n)).toBe(known.audits + K);
      const cipher = createCipher(loadMasterKey(dstData, null));
      for (const u of known.users) {
        const row = (await c.query('SELECT phone_enc FROM app_user WHERE username = $1', [u.username])).rows[0];
        expect(cipher.decrypt(row.phone_enc)).toBe(u.phone);
      }
      // The audit trigger came back too: the restored log is append-only.
      await expect(c.query(`UPDATE audit_log SET action = 'x' WHERE id = (SELECT min(id) FROM audit_log)`)).rejects.toThrow(/append-only/);
    } finally {
      await c.end();
    }
    const hd = await openDatabase(dstUrl, 2);
    try {
      const chain = await verifyAuditChain(hd.db);
      expect(chain.ok, chain.message.en).toBe(true);
    } finally {
      await hd.close();
    }

    // The database now has data: refused without --force, renamed aside with it.
    const again = await cli(['restore', backupPath], { GONGZHI_DATA_DIR: dstData, DATABASE_URL: dstUrl });
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/The target is not empty; nothing was changed/);
    const forced = await timed('cli restore --force (pg_restore)', () => cli(['restore', '--force', backupPath], { GONGZHI_DATA_DIR: dstData, DATABASE_URL: dstUrl }));
    expect(forced.code, forced.err + forced.out).toBe(0);
    const aside = (await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${names.dst}_before_restore_%`])).rows;
    expect(aside).toHaveLength(1);
    expect(forced.out).toContain(`database ${aside[0].datname}`);
  }, 240_000);
});
