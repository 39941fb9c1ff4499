import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { copyHashed, fsyncDir, writeHashed } from './files.js';
import type { Manifest, ManifestFile } from './manifest.js';

/**
 * Online base backup of the embedded cluster through PostgreSQL's low-level backup API
 * (PostgreSQL docs, "Making a Base Backup Using the Low Level API"). The embedded package
 * ships no pg_basebackup or pg_dump, so the files are copied here:
 *
 *   1. one connection, held throughout: a temporary physical replication slot (keeps every
 *      WAL segment from now on, even if a checkpoint runs during a long copy), then
 *      pg_backup_start(label, fast => true)
 *   2. copy the data directory while the server keeps running and writing (torn or stale
 *      pages are repaired by WAL replay: full_page_writes is forced during a backup)
 *   3. pg_backup_stop() → stop LSN, backup_label (and tablespace_map) contents
 *   4. copy the WAL segments from the start LSN's segment through the stop LSN's segment
 *      (pg_backup_stop switched to a new segment, so the last one is complete), and write
 *      backup_label into the copy.
 *
 * Starting PostgreSQL on the copy replays that WAL (crash recovery from backup_label) and
 * reaches exactly the state at pg_backup_stop: every transaction acknowledged before then
 * is there, nothing after it, and nothing half-written.
 */

export interface BackupHooks {
  /** After pg_backup_start returned. */
  afterStart?(info: { startLsn: string }): void | Promise<void>;
  /** After each data-directory file is copied (n = files copied so far). */
  onFile?(n: number, rel: string): void | Promise<void>;
  /** Just before pg_backup_stop is called. */
  beforeStop?(): void | Promise<void>;
  /** After pg_backup_stop returned. */
  afterStop?(info: { stopLsn: string }): void | Promise<void>;
}

/** Top-level files never copied (docs: postmaster.pid/opts; the others are per-run or would confuse recovery). */
const EXCLUDE_TOP_FILES = new Set([
  'postmaster.pid', 'postmaster.opts', 'backup_label', 'tablespace_map', 'backup_manifest',
  'postgresql.auto.conf.tmp', 'current_logfiles.tmp',
]);
/** Top-level directories whose contents are left out (recreated empty on restore). pg_wal is handled separately. */
const EXCLUDE_TOP_DIR_CONTENTS = new Set([
  'pg_replslot', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_stat_tmp', 'pg_subtrans',
]);

export interface EmbeddedCopy {
  postgres: Manifest['postgres'];
  dirs: string[];
  files: ManifestFile[];
  bytes: number;
}

export const parseLsn = (lsn: string): bigint => {
  const [hi, lo] = lsn.split('/');
  return (BigInt('0x' + hi) << 32n) | BigInt('0x' + lo);
};

export function walSegmentName(tli: number, segno: bigint, segSize: bigint): string {
  const perId = 0x100000000n / segSize;
  const hex = (n: bigint | number) => n.toString(16).toUpperCase().padStart(8, '0');
  return hex(tli) + hex(segno / perId) + hex(segno % perId);
}

/**
 * Copies the running cluster at `url` (whose data directory must be `pgDir`) into
 * `destPgDir` (which must exist and be empty). Paths in the result are relative to the
 * backup root, prefixed `pg/`.
 */
export async function copyEmbeddedOnline(opts: {
  url: string;
  pgDir: string;
  destPgDir: string;
  label: string;
  log: (m: string) => void;
  hooks?: BackupHooks;
}): Promise<EmbeddedCopy> {
  const { pgDir, destPgDir, log, hooks } = opts;
  const client = new pg.Client({ connectionString: opts.url, application_name: 'gongzhi backup' });
  let connError: Error | null = null;
  client.on('error', (e) => { connError = e; });
  await client.connect();
  const q = async <R extends Record<string, unknown>>(text: string, values: unknown[] = []): Promise<R[]> => {
    if (connError) throw connError;
    return (await client.query(text, values)).rows as R[];
  };
  let inBackup = false;
  try {
    const [info] = await q<{ v: string; n: string; dir: string; wal_level: string; sysid: string; seg: string }>(
      `SELECT current_setting('server_version') AS v, current_setting('server_version_num') AS n,
              current_setting('data_directory') AS dir, current_setting('wal_level') AS wal_level,
              (SELECT system_identifier::text FROM pg_control_system()) AS sysid,
              (SELECT setting FROM pg_settings WHERE name = 'wal_segment_size') AS seg`,
    );
    const versionNum = Number(info.n);
    if (versionNum < 150000) throw new Error(`PostgreSQL ${info.v} is too old for pg_backup_start (needs 15+)`);
    if (fs.realpathSync(info.dir) !== fs.realpathSync(pgDir)) {
      throw new Error(
        `连接到的 PostgreSQL 的数据目录是 ${info.dir}，不是 ${pgDir}；拒绝备份。\n` +
          `The PostgreSQL reached serves ${info.dir}, not ${pgDir}; refusing to back up the wrong cluster.`,
      );
    }
    if (info.wal_level !== 'replica' && info.wal_level !== 'logical')
      throw new Error(`wal_level=${info.wal_level}: an online backup needs wal_level=replica`);
    const segSize = BigInt(info.seg);

    // Keep all WAL from here on until we have copied it, whatever checkpoints happen meanwhile.
    const slot = `gongzhi_backup_${process.pid}_${Date.now().toString(36)}`;
    let haveSlot = false;
    try {
      await q(`SELECT pg_create_physical_replication_slot($1, true, true)`, [slot]);
      haveSlot = true;
    } catch (e) {
      log(`  注意 / note: no temporary replication slot (${(e as Error).message}); WAL could be recycled during a very long backup`);
    }

    const [start] = await q<{ lsn: string }>(`SELECT pg_backup_start($1, true)::text AS lsn`, [opts.label]);
    inBackup = true;
    log(`  pg_backup_start → ${start.lsn}`);
    await hooks?.afterStart?.({ startLsn: start.lsn });

    // Copy the data directory.
    const dirs: string[] = ['pg'];
    const files: ManifestFile[] = [];
    let bytes = 0;
    const copyOne = async (rel: string) => {
      const h = await copyHashed(path.join(pgDir, rel), path.join(destPgDir, rel));
      if (!h) return; // dropped while we were copying: recovery does not need it
      files.push({ path: `pg/${rel}`, ...h });
      bytes += h.size;
      await hooks?.onFile?.(files.length, rel);
    };
    const walk = async (rel: string): Promise<void> => {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(path.join(pgDir, rel), { withFileTypes: true });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw e;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const e of entries) {
        const child = rel ? `${rel}/${e.name}` : e.name;
        const top = rel === '';
        if (e.name === 'pg_internal.init' || e.name.startsWith('pgsql_tmp')) continue;
        if (top && EXCLUDE_TOP_FILES.has(e.name)) continue;
        if (rel === 'pg_tblspc') {
          throw new Error(
            `集群使用了表空间 (pg_tblspc/${e.name})，嵌入式备份不支持 / the cluster has a tablespace (pg_tblspc/${e.name}); ` +
              'the embedded backup copies only the data directory and does not support tablespaces',
          );
        }
        let st: fs.Stats;
        try {
          st = fs.statSync(path.join(pgDir, child));
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
          throw err;
        }
        if (st.isDirectory()) {
          fs.mkdirSync(path.join(destPgDir, child), { mode: 0o700 });
          dirs.push(`pg/${child}`);
          if (top && e.name === 'pg_wal') await walkDirsOnly(child);
          else if (top && EXCLUDE_TOP_DIR_CONTENTS.has(e.name)) continue;
          else await walk(child);
        } else if (st.isFile()) {
          await copyOne(child);
        }
      }
    };
    // pg_wal: keep its sub-directories (archive_status, summaries), not their contents.
    const walkDirsOnly = async (rel: string): Promise<void> => {
      for (const e of fs.readdirSync(path.join(pgDir, rel), { withFileTypes: true })) {
        const child = `${rel}/${e.name}`;
        if (e.isDirectory()) {
          fs.mkdirSync(path.join(destPgDir, child), { mode: 0o700 });
          dirs.push(`pg/${child}`);
          await walkDirsOnly(child);
        }
      }
    };
    await walk('');
    log(`  data directory copied: ${files.length} files`);

    await hooks?.beforeStop?.();
    const [stop] = await q<{ lsn: string; labelfile: string; spcmapfile: string | null }>(
      `SELECT lsn::text AS lsn, labelfile, spcmapfile FROM pg_backup_stop(true)`,
    );
    inBackup = false;
    log(`  pg_backup_stop  → ${stop.lsn}`);
    await hooks?.afterStop?.({ stopLsn: stop.lsn });

    // WAL from the start LSN's segment through the stop LSN's segment.
    const [names] = await q<{ last: string }>(`SELECT pg_walfile_name($1::pg_lsn) AS last`, [stop.lsn]);
    const tli = parseInt(names.last.slice(0, 8), 16);
    const tliLine = /^START TIMELINE: (\d+)$/m.exec(stop.labelfile);
    if (tliLine && Number(tliLine[1]) !== tli) throw new Error(`timeline changed during the backup (${tliLine[1]} → ${tli}); run it again`);
    const firstSeg = parseLsn(start.lsn) / segSize;
    const lastName = names.last;
    const firstName = walSegmentName(tli, firstSeg, segSize);
    const wal: string[] = [];
    for (let seg = firstSeg; ; seg++) {
      const name = walSegmentName(tli, seg, segSize);
      wal.push(name);
      if (name === lastName) break;
      if (wal.length > 1_000_000) throw new Error(`WAL range ${firstName}…${lastName} makes no sense`);
    }
    for (const name of wal) {
      const h = await copyHashed(path.join(pgDir, 'pg_wal', name), path.join(destPgDir, 'pg_wal', name));
      if (!h) throw new Error(`WAL segment ${name} is gone (recycled before it could be copied); the backup is unusable, run it again`);
      files.push({ path: `pg/pg_wal/${name}`, ...h });
      bytes += h.size;
    }
    for (const name of fs.readdirSync(path.join(pgDir, 'pg_wal')).filter((n) => n.endsWith('.history')).sort()) {
      const h = await copyHashed(path.join(pgDir, 'pg_wal', name), path.join(destPgDir, 'pg_wal', name));
      if (h) files.push({ path: `pg/pg_wal/${name}`, ...h });
    }
    log(`  WAL ${firstName} … ${lastName} (${wal.length} segment${wal.length === 1 ? '' : 's'})`);

    // backup_label (and tablespace_map) go into the copy, never into the live cluster.
    files.push({ path: 'pg/backup_label', ...(await writeHashed(path.join(destPgDir, 'backup_label'), stop.labelfile)) });
    if (stop.spcmapfile) files.push({ path: 'pg/tablespace_map', ...(await writeHashed(path.join(destPgDir, 'tablespace_map'), stop.spcmapfile)) });
    for (const d of dirs) fsyncDir(path.join(destPgDir, d.slice(3)));

    if (haveSlot) await q(`SELECT pg_drop_replication_slot($1)`, [slot]).catch(() => { /* temporary: gone at disconnect anyway */ });
    return {
      postgres: {
        version: info.v, versionNum, systemIdentifier: info.sysid, timeline: tli,
        startLsn: start.lsn, stopLsn: stop.lsn, walFirst: firstName, walLast: lastName,
      },
      dirs, files, bytes,
    };
  } finally {
    // A backup left in progress is aborted when its session ends; say so explicitly anyway.
    if (inBackup && !connError) await client.query('SELECT pg_backup_stop(false)').catch(() => {});
    await client.end().catch(() => {});
  }
}
