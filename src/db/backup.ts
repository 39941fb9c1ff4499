import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config.js';
import { VERSION } from '../version.js';
import { attachEmbedded } from './attach.js';
import { openDatabase } from './database.js';
import { verifyAuditChain, type VerifyResult } from '../modules/audit/verify.js';
import { copyEmbeddedOnline, type BackupHooks } from './backup/embedded.js';
import { backupExternal, preflightExternalRestore, restoreExternal } from './backup/external.js';
import { copyHashed, fsyncDir, mib, sameContent, stamp, under, writeHashed } from './backup/files.js';
import { BACKUP_FORMAT, MANIFEST_FILE, MANIFEST_VERSION, damagedError, readManifest, verifyBackupFiles, type Manifest, type ManifestFile } from './backup/manifest.js';
import { restoreEmbedded } from './backup/restore-embedded.js';

export type { BackupHooks } from './backup/embedded.js';
export type { Manifest } from './backup/manifest.js';
export { readManifest, verifyBackupFiles } from './backup/manifest.js';

/**
 * `gongzhi backup` / `gongzhi restore`.
 *
 * Embedded database: an online, file-level base backup through pg_backup_start /
 * pg_backup_stop plus the WAL it needs (src/db/backup/embedded.ts), taken from the running
 * server (its port is in `<dataDir>/pg.port`, the superuser secret in
 * `<dataDir>/pg-superuser-secret`), or — when no server runs — from a cluster started just
 * for the backup. External database (DATABASE_URL): pg_dump -Fc / pg_restore.
 *
 * A backup is a directory `gongzhi-backup-<UTC stamp>` (written as `….partial` and renamed
 * when complete) holding manifest.json (every file with size and SHA-256), the data and
 * the encryption master key: whoever holds the backup can read every personal record.
 */

export const KEY_WARNING =
  '警告：备份中包含加密主密钥 (keys/master.key)，拿到备份即可解密全部个人信息；请像保管密钥一样保管备份（加密存放、限制访问、异地保存）。\n' +
  'WARNING: this backup contains the encryption master key (keys/master.key): anyone holding it can decrypt all personal data. ' +
  'Protect it like the key itself (encrypted storage, restricted access, off-site copy).';

const ENV_KEY_WARNING =
  '警告：主密钥来自环境变量 GONGZHI_ENCRYPTION_KEY，未包含在备份中；请另行妥善保存，否则恢复后加密的个人信息无法解密。\n' +
  'WARNING: the master key comes from GONGZHI_ENCRYPTION_KEY and is NOT in this backup; keep it safe separately, ' +
  'without it the encrypted personal data in the backup cannot be read.';

export interface BackupResult {
  path: string;
  manifest: Manifest;
  bytes: number;
  ms: number;
  warnings: string[];
}

type Log = (m: string) => void;

interface Body {
  kind: Manifest['kind'];
  method: string;
  source: Manifest['source'];
  postgres: Manifest['postgres'];
  pgDump?: Manifest['pgDump'];
  dirs: string[];
  files: ManifestFile[];
  bytes: number;
}

/** Makes `<outDir>/gongzhi-backup-<stamp>.partial`, lets `fill` write into it, adds the key and manifest, renames it final. */
async function writeBackup(config: Config, outDir: string, log: Log, fill: (dest: string, label: string) => Promise<Body>, withSecret: boolean): Promise<BackupResult> {
  const t0 = Date.now();
  const createdAt = new Date();
  const root = path.resolve(outDir);
  fs.mkdirSync(root, { recursive: true, mode: 0o700 });
  const final = path.join(root, `gongzhi-backup-${stamp(createdAt)}`);
  if (fs.existsSync(final)) throw new Error(`${final} already exists`);
  const partial = `${final}.partial`;
  fs.mkdirSync(partial, { mode: 0o700 });
  const warnings: string[] = [];
  try {
    const body = await fill(partial, `gongzhi ${createdAt.toISOString()}`);
    const files = [...body.files];
    const dirs = [...body.dirs];
    let bytes = body.bytes;

    const addSide = async (rel: string): Promise<boolean> => {
      const h = await copyHashed(under(config.dataDir, rel), under(partial, rel));
      if (h) { files.push({ path: rel, ...h }); bytes += h.size; }
      return !!h;
    };
    let encryptionKey: Manifest['encryptionKey'] = 'none';
    if (config.encryptionKey) {
      encryptionKey = 'environment';
      warnings.push(ENV_KEY_WARNING);
    } else {
      fs.mkdirSync(path.join(partial, 'keys'), { mode: 0o700 });
      dirs.push('keys');
      if (await addSide('keys/master.key')) {
        encryptionKey = 'included';
        warnings.push(KEY_WARNING);
      } else {
        warnings.push(`注意：${config.dataDir}/keys/master.key 不存在（尚未加密过数据）/ note: there is no master key yet, so nothing is encrypted`);
      }
    }
    if (withSecret && !(await addSide('pg-superuser-secret')))
      throw new Error(`${config.dataDir}/pg-superuser-secret is missing; the embedded cluster cannot be opened without it`);

    const manifest: Manifest = {
      format: BACKUP_FORMAT, version: MANIFEST_VERSION, kind: body.kind, method: body.method,
      createdAt: createdAt.toISOString(), finishedAt: new Date().toISOString(), gongzhiVersion: VERSION,
      source: body.source, postgres: body.postgres, ...(body.pgDump ? { pgDump: body.pgDump } : {}),
      encryptionKey, dirs, files,
    };
    await writeHashed(path.join(partial, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
    fsyncDir(partial);
    fs.renameSync(partial, final);
    fsyncDir(root);
    return { path: final, manifest, bytes, ms: Date.now() - t0, warnings };
  } catch (e) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw e;
  }
}

/** The online base backup of an embedded cluster reachable at `url`, whose data dir is `<config.dataDir>/pg`. */
export async function backupEmbeddedAt(opts: { config: Config; url: string; outDir: string; log?: Log; hooks?: BackupHooks; how?: string }): Promise<BackupResult> {
  const log = opts.log ?? (() => {});
  const { config } = opts;
  return writeBackup(config, opts.outDir, log, async (dest, label) => {
    const destPg = path.join(dest, 'pg');
    fs.mkdirSync(destPg, { mode: 0o700 });
    const copy = await copyEmbeddedOnline({ url: opts.url, pgDir: path.join(config.dataDir, 'pg'), destPgDir: destPg, label, log, hooks: opts.hooks });
    return {
      kind: 'embedded',
      method: 'online base backup: pg_backup_start/pg_backup_stop + WAL ' + `${copy.postgres.walFirst}…${copy.postgres.walLast}`,
      source: { database: 'embedded', dataDir: config.dataDir, server: opts.how ?? 'running', host: os.hostname() },
      postgres: copy.postgres, dirs: copy.dirs, files: copy.files, bytes: copy.bytes,
    };
  }, true);
}


export async function runBackup(opts: { config: Config; outDir: string; log?: Log; hooks?: BackupHooks }): Promise<BackupResult> {
  const log = opts.log ?? (() => {});
  const { config } = opts;
  if (config.databaseUrl) {
    const url = config.databaseUrl;
    return writeBackup(config, opts.outDir, log, async (dest) => {
      const r = await backupExternal({ url, destDir: dest, log });
      return { kind: 'pg_dump', method: 'pg_dump --format=custom', source: r.source, postgres: r.postgres, pgDump: r.pgDump, dirs: [], files: r.files, bytes: r.bytes };
    }, false);
  }
  const conn = await attachEmbedded(config, log);
  try {
    return await backupEmbeddedAt({ config, url: conn.url, outDir: opts.outDir, log, hooks: opts.hooks, how: conn.how });
  } finally {
    await conn.release();
  }
}

// ---------------------------------------------------------------------------------------
// Restore

export interface RestoredCheck {
  version: string;
  inRecovery: boolean;
  counts: Record<string, number>;
  audit: VerifyResult | null;
}

export interface RestoreResult {
  kind: Manifest['kind'];
  target: string;
  movedAside: string[];
  check: RestoredCheck;
  ms: number;
  warnings: string[];
  /** Embedded only: PostgreSQL's log lines about the recovery from backup_label. */
  recoveryLog: string[];
}

/** Does the restored database answer, and is its audit chain whole? */
export async function checkRestored(url: string): Promise<RestoredCheck> {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => {});
  await c.connect();
  const counts: Record<string, number> = {};
  let version = '';
  let inRecovery = false;
  try {
    const r = await c.query(`SELECT current_setting('server_version') AS v, pg_is_in_recovery() AS rec`);
    version = r.rows[0].v;
    inRecovery = r.rows[0].rec;
    for (const t of ['org', 'app_user', 'audit_log', 'schema_migration']) {
      const e = await c.query(`SELECT to_regclass($1) IS NOT NULL AS ok`, [`public.${t}`]);
      if (e.rows[0].ok) counts[t] = (await c.query(`SELECT count(*)::int AS n FROM ${t}`)).rows[0].n;
    }
  } finally {
    await c.end().catch(() => {});
  }
  let audit: VerifyResult | null = null;
  if ('audit_log' in counts) {
    const h = await openDatabase(url, 2);
    try { audit = await verifyAuditChain(h.db); } finally { await h.close(); }
  }
  return { version, inRecovery, counts, audit };
}

export async function runRestore(opts: { config: Config; backup: string; force?: boolean; log?: Log }): Promise<RestoreResult> {
  const t0 = Date.now();
  const log = opts.log ?? (() => {});
  const { config } = opts;
  const force = !!opts.force;
  const { dir, manifest } = readManifest(opts.backup);
  const ts = stamp();
  const warnings: string[] = [];
  log(`  备份 / backup: ${manifest.kind}, made ${manifest.createdAt} by Gongzhi ${manifest.gongzhiVersion}, PostgreSQL ${manifest.postgres.version}, ${manifest.files.length} files`);
  if (manifest.encryptionKey === 'environment')
    warnings.push('该备份制作时主密钥来自 GONGZHI_ENCRYPTION_KEY，需设置同一密钥 / this backup was made with GONGZHI_ENCRYPTION_KEY: set the same key to read its encrypted data');

  if (manifest.kind === 'embedded') {
    if (config.databaseUrl) {
      throw new Error(
        '这是嵌入式数据库的文件级备份，只能恢复到 GONGZHI_DATA_DIR；请取消 DATABASE_URL 后再试。\n' +
          'This is a file-level backup of the embedded database; it restores into GONGZHI_DATA_DIR only. Unset DATABASE_URL and retry.',
      );
    }
    const r = await restoreEmbedded({ dir, manifest, dataDir: config.dataDir, force, port: config.embeddedPgPort, stamp: ts, log, check: checkRestored });
    for (const l of r.recoveryLog) log(`    postgres: ${l}`);
    log(`  恢复完成，数据库已启动并校验后停止 / recovery finished (first start ${r.startMs} ms), checked, stopped`);
    return { kind: 'embedded', target: r.pgDir, movedAside: r.movedAside, check: r.check, ms: Date.now() - t0, warnings, recoveryLog: r.recoveryLog };
  }

  const url = config.databaseUrl;
  if (!url) {
    throw new Error(
      '这是外部数据库的 pg_dump 备份；请用 DATABASE_URL 指定要恢复到的数据库。\n' +
        'This is a pg_dump backup of an external database; set DATABASE_URL to the database to restore into.',
    );
  }
  const problems = await verifyBackupFiles(dir, manifest);
  if (problems.length) throw damagedError(problems);
  log(`  已校验 / verified ${manifest.files.length} files`);
  const pre = await preflightExternalRestore({ url, manifest, log });
  const keyRel = 'keys/master.key';
  const hasKey = manifest.files.some((f) => f.path === keyRel);
  const curKey = under(config.dataDir, keyRel);
  const keyConflict = hasKey && fs.existsSync(curKey) && !sameContent(curKey, under(dir, keyRel));
  if ((pre.nonEmpty > 0 || keyConflict) && !force) {
    throw new Error(
      `目标不是空的，未做任何更改：${pre.nonEmpty > 0 ? `数据库 ${pre.database} 已有 ${pre.nonEmpty} 个表/索引等对象` : ''}${keyConflict ? ` ${curKey} 与备份中的密钥不同` : ''}。` +
        `加 --force 时，原数据库改名为 ${pre.database}_before_restore_<时间>，原密钥移到 *.before-restore-<时间>，不会删除。\n` +
        `The target is not empty; nothing was changed: ${pre.nonEmpty > 0 ? `database ${pre.database} has ${pre.nonEmpty} relations` : ''}` +
        `${keyConflict ? ` ${curKey} differs from the backup's key` : ''}. With --force the database is renamed to ` +
        `${pre.database}_before_restore_<stamp> and the key moved to *.before-restore-<stamp>; nothing is deleted.`,
    );
  }
  const r = await restoreExternal({ dir, manifest, url, force, stamp: ts, log, pre });
  const movedAside = r.movedAside ? [`database ${r.movedAside}`] : [];
  if (hasKey && !(fs.existsSync(curKey) && sameContent(curKey, under(dir, keyRel)))) {
    if (fs.existsSync(curKey)) {
      fs.renameSync(curKey, `${curKey}.before-restore-${ts}`);
      movedAside.push(`${curKey}.before-restore-${ts}`);
    }
    fs.mkdirSync(path.dirname(curKey), { recursive: true, mode: 0o700 });
    await copyHashed(under(dir, keyRel), curKey);
  }
  if (config.encryptionKey && hasKey) warnings.push('GONGZHI_ENCRYPTION_KEY 已设置，优先于恢复的 keys/master.key / GONGZHI_ENCRYPTION_KEY is set and takes precedence over the restored keys/master.key');
  const check = await checkRestored(url);
  return { kind: 'pg_dump', target: pre.database, movedAside, check, ms: Date.now() - t0, warnings, recoveryLog: [] };
}

export { mib };
