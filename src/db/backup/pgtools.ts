import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';

/** Finding and running PostgreSQL's client tools (pg_dump, pg_restore) for external databases. */

export interface PgTool { path: string; version: string; major: number }

export function findOnPath(name: string, envPath = process.env.PATH ?? ''): string | null {
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, name);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      if (fs.statSync(p).isFile()) return p;
    } catch { /* not here */ }
  }
  return null;
}

/** "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)" → 15; "… 9.6.24" → 9. */
export function parseToolVersion(out: string): { version: string; major: number } | null {
  const m = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(out);
  if (!m) return null;
  const major = Number(m[1]);
  return { version: [m[1], m[2], m[3]].filter(Boolean).join('.'), major };
}

export async function toolInfo(name: 'pg_dump' | 'pg_restore'): Promise<PgTool | null> {
  const p = findOnPath(name);
  if (!p) return null;
  const r = await run(p, ['--version'], {});
  const v = parseToolVersion(r.stdout);
  if (r.code !== 0 || !v) throw new Error(`${p} --version failed: ${r.stderr || r.stdout}`);
  return { path: p, ...v };
}

/** server_version_num 170005 → 17; 150018 → 15. */
export const serverMajor = (versionNum: number) => Math.floor(versionNum / 10000);

/**
 * libpq connection for a child process: the URL without its password (which would show in
 * `ps`), the password in PGPASSWORD.
 */
export function libpqTarget(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.PGPASSWORD;
  if (password) env.PGPASSWORD = password;
  return { dbname: u.toString(), env };
}

/** The URL with its password masked, for messages and manifests. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: Object.keys(env).length ? env : process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString('utf8'); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString('utf8'); if (stderr.length > 100_000) stderr = stderr.slice(-50_000); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}
