import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../src/db/embedded.js';

/**
 * The real server as a child process (`node bin/gongzhi.mjs serve`) on its own data dir
 * and the embedded PostgreSQL, for resilience tests. Every child and every postmaster it
 * leaves behind is tracked, so `cleanupAll()` (and, as a last resort, the process `exit`
 * hook) ends them even when a test fails half-way.
 */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin/gongzhi.mjs');

export interface Exit { code: number | null; signal: NodeJS.Signals | null }

export interface Child {
  proc: ChildProcess;
  pid: number;
  /** stdout and stderr, interleaved as received. */
  log(): string;
  exited: Promise<Exit>;
  /** null while running. */
  exit(): Exit | null;
}

export interface ServerProcess extends Child {
  port: number;
  baseUrl: string;
  dataDir: string;
  /** Milliseconds from spawn to the first 200 from GET /api/health. */
  startMs: number;
  /** Sends `signal` and waits for the node process to exit. */
  kill(signal?: NodeJS.Signals, timeoutMs?: number): Promise<Exit>;
  /** SIGTERM, then SIGKILL after `timeoutMs`; resolves with how the process ended. */
  stop(timeoutMs?: number): Promise<Exit>;
}

export interface SpawnOptions {
  dataDir: string;
  /** Added to (or, when undefined, removed from) the child's environment. */
  env?: Record<string, string | undefined>;
}

const children = new Set<Child>();
const dataDirs = new Set<string>();

/** The parent's environment minus everything that would steer the child elsewhere. */
function childEnv(o: SpawnOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('GONGZHI_') || ['DATABASE_URL', 'PORT', 'HOST', 'LOG_LEVEL', 'NODE_OPTIONS'].includes(k)) continue;
    if (k.startsWith('VITEST') || k === 'TEST' || k === 'NODE_V8_COVERAGE') continue;
    env[k] = v;
  }
  env.NODE_ENV = 'test';
  env.GONGZHI_DATA_DIR = o.dataDir;
  for (const [k, v] of Object.entries(o.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Spawns `node bin/gongzhi.mjs <args>` and tracks it. */
export function spawnGongzhi(args: string[], o: SpawnOptions): Child {
  dataDirs.add(o.dataDir);
  const proc = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: childEnv(o), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let exit: Exit | null = null;
  proc.stdout!.on('data', (c: Buffer) => { out += c.toString('utf8'); });
  proc.stderr!.on('data', (c: Buffer) => { out += c.toString('utf8'); });
  const exited = new Promise<Exit>((resolve) => {
    proc.once('error', (e) => { out += `\n[spawn error] ${e.message}\n`; exit ??= { code: -1, signal: null }; resolve(exit); });
    proc.once('exit', (code, signal) => { exit = { code, signal }; resolve(exit); });
  });
  const child: Child = { proc, pid: proc.pid ?? -1, log: () => out, exited, exit: () => exit };
  children.add(child);
  void exited.then(() => children.delete(child));
  return child;
}

/** Runs a CLI command to completion (bounded by `timeoutMs`). */
export async function runCli(args: string[], o: SpawnOptions & { timeoutMs?: number }): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
  const c = spawnGongzhi(args, o);
  const timer = setTimeout(() => c.proc.kill('SIGKILL'), o.timeoutMs ?? 60_000);
  const e = await c.exited;
  clearTimeout(timer);
  return { ...e, output: c.log() };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function waitExit(c: Child, ms: number): Promise<Exit | null> {
  let t: NodeJS.Timeout | undefined;
  const r = await Promise.race([c.exited, new Promise<null>((res) => { t = setTimeout(() => res(null), ms); })]);
  clearTimeout(t);
  return r;
}

export interface StartOptions extends SpawnOptions {
  /** GONGZHI_ADMIN_USER / GONGZHI_ADMIN_PASSWORD; omitted → not set (a password is generated). */
  adminUser?: string;
  adminPassword?: string;
  /** Fixed embedded PostgreSQL port (GONGZHI_PG_PORT), e.g. to connect as the owner afterwards. */
  pgPort?: number;
  /** Overall limit for spawn → first 200. */
  timeoutMs?: number;
}

/**
 * Starts `gongzhi serve` on a free 127.0.0.1 port and waits for GET /api/health = 200.
 * Rejects (after killing the child) with the child's output if it exits or times out first.
 */
export async function startServer(o: StartOptions): Promise<ServerProcess> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const env: Record<string, string | undefined> = {
      GONGZHI_ADMIN_USER: o.adminUser, GONGZHI_ADMIN_PASSWORD: o.adminPassword,
      GONGZHI_PG_PORT: o.pgPort ? String(o.pgPort) : undefined, ...o.env,
    };
    const t0 = performance.now();
    const c = spawnGongzhi(['serve', '--port', String(port), '--host', '127.0.0.1'], { dataDir: o.dataDir, env });
    const baseUrl = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + (o.timeoutMs ?? 90_000);
    let ok = false;
    while (!c.exit() && Date.now() < deadline) {
      try {
        const r = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
        await r.arrayBuffer();
        if (r.status === 200) { ok = true; break; }
      } catch { /* not listening yet */ }
      await sleep(25);
    }
    const startMs = Math.round(performance.now() - t0);
    if (!ok) {
      if (!c.exit()) { c.proc.kill('SIGKILL'); await c.exited; }
      if (attempt < 3 && /EADDRINUSE/.test(c.log())) continue;
      throw new Error(`server did not become healthy (${c.exit()?.code ?? '?'} / ${c.exit()?.signal ?? '-'} after ${startMs} ms):\n${c.log()}`);
    }
    const kill = async (signal: NodeJS.Signals = 'SIGKILL', timeoutMs = 30_000) => {
      if (!c.exit()) c.proc.kill(signal);
      const e = await waitExit(c, timeoutMs);
      if (e) return e;
      c.proc.kill('SIGKILL');
      await c.exited;
      throw new Error(`server pid ${c.pid} ignored ${signal} for ${timeoutMs} ms:\n${c.log()}`);
    };
    return {
      ...c, port, baseUrl, dataDir: o.dataDir, startMs, kill,
      stop: (timeoutMs = 30_000) => kill('SIGTERM', timeoutMs),
    };
  }
}

// ---------------------------------------------------------------- postgres processes

/** Alive and not a zombie (a reparented, already-dead postmaster may linger as one). */
export function pidAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    if (fs.existsSync('/proc/self/stat')) return false;
  }
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}

/** The postmaster pid recorded in `<dataDir>/pg/postmaster.pid`, if that process still runs postgres. */
export function postmasterPid(dataDir: string): number | null {
  let pid: number;
  try { pid = Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]); } catch { return null; }
  if (!pid || !pidAlive(pid)) return null;
  try {
    if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres')) return null;
  } catch { /* no /proc: trust the pid file */ }
  return pid;
}

/**
 * Running postmasters of this data dir's cluster: any `postgres -D <dataDir>/pg` process, plus the
 * pid in postmaster.pid. (Backends are the postmaster's children and end before it does.)
 */
export function postgresPidsFor(dataDir: string): number[] {
  const pgDir = path.join(dataDir, 'pg');
  const out: number[] = [];
  let entries: string[] = [];
  try { entries = fs.readdirSync('/proc'); } catch { const p = postmasterPid(dataDir); return p ? [p] : []; }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const argv = fs.readFileSync(`/proc/${e}/cmdline`, 'utf8').split('\0');
      if (argv[0]?.endsWith('postgres') && argv.includes(pgDir) && pidAlive(Number(e))) out.push(Number(e));
    } catch { /* gone */ }
  }
  const pm = postmasterPid(dataDir);
  if (pm && !out.includes(pm)) out.push(pm);
  return out;
}

/** Stops the cluster of a data dir directly: fast shutdown, then immediate, then SIGKILL. */
export async function stopPostmaster(dataDir: string): Promise<void> {
  for (const [sig, ms] of [['SIGINT', 15_000], ['SIGQUIT', 5_000], ['SIGKILL', 5_000]] as const) {
    const pid = postmasterPid(dataDir);
    if (!pid) return;
    try { process.kill(pid, sig); } catch { return; }
    const until = Date.now() + ms;
    while (pidAlive(pid) && Date.now() < until) await sleep(50);
  }
}

// ---------------------------------------------------------------- data dirs and cleanup

/** A fresh data dir (world-readable parent: the embedded cluster runs as `postgres` when we are root). */
export function makeDataDir(prefix = 'gz-res-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  dataDirs.add(dir);
  return dir;
}

/** Ends every tracked child (SIGKILL), every postmaster left on a tracked data dir, and removes those dirs. */
export async function cleanupAll(opts: { keepDirs?: boolean } = {}): Promise<void> {
  for (const c of [...children]) {
    if (!c.exit()) c.proc.kill('SIGKILL');
    await waitExit(c, 10_000);
  }
  for (const d of [...dataDirs]) {
    await stopPostmaster(d);
    if (!opts.keepDirs && !process.env.GONGZHI_KEEP_TEST_DATA) fs.rmSync(d, { recursive: true, force: true });
    dataDirs.delete(d);
  }
}

// Last resort when the test worker exits without running afterAll: synchronous kills only.
process.once('exit', () => {
  for (const c of children) { try { c.proc.kill('SIGKILL'); } catch { /* gone */ } }
  for (const d of dataDirs) {
    const pid = postmasterPid(d);
    if (pid) { try { process.kill(pid, 'SIGQUIT'); } catch { /* gone */ } }
  }
});

// ---------------------------------------------------------------- HTTP session

export interface HttpResult<T = any> { status: number; body: T; text: string }

/** A logged-in browser-like session against a running server: gz_sid cookie + x-csrf-token on writes. */
export class HttpSession {
  constructor(readonly baseUrl: string, readonly cookie: string, readonly csrf: string, readonly me: any) {}

  static async login(baseUrl: string, username: string, password: string): Promise<HttpSession> {
    const r = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }), signal: AbortSignal.timeout(15_000),
    });
    const text = await r.text();
    if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${text}`);
    const sid = r.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('gz_sid='));
    if (!sid) throw new Error('login answered without a gz_sid cookie');
    const me = JSON.parse(text);
    return new HttpSession(baseUrl, sid, me.csrfToken, me);
  }

  async request<T = any>(method: string, url: string, body?: unknown, timeoutMs = 15_000): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (method !== 'GET') headers['x-csrf-token'] = this.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const r = await fetch(`${this.baseUrl}${url}`, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await r.text();
    let parsed: any = null;
    try { parsed = text ? JSON.parse(text) : null; } catch { parsed = text; }
    return { status: r.status, body: parsed, text };
  }

  get<T = any>(url: string) { return this.request<T>('GET', url); }
  post<T = any>(url: string, body?: unknown) { return this.request<T>('POST', url, body); }
  patch<T = any>(url: string, body?: unknown) { return this.request<T>('PATCH', url, body); }
}
