import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** File helpers for backup and restore: copy while hashing, fsync, safe manifest paths. */

export interface Hashed { size: number; sha256: string }

const CHUNK = 1 << 20;

/**
 * Copies `src` to `dst` (created or truncated, `mode`), hashing the bytes written, and
 * fsyncs the copy. Returns null when `src` vanished (a relation dropped during an online
 * backup: PostgreSQL's docs say such files may be left out).
 */
export async function copyHashed(src: string, dst: string, mode = 0o600): Promise<Hashed | null> {
  let inp: fs.promises.FileHandle;
  try {
    inp = await fs.promises.open(src, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  try {
    const out = await fs.promises.open(dst, 'w', mode);
    try {
      const hash = crypto.createHash('sha256');
      const buf = Buffer.allocUnsafe(CHUNK);
      let size = 0;
      for (;;) {
        const { bytesRead } = await inp.read(buf, 0, CHUNK, null);
        if (bytesRead === 0) break;
        const chunk = buf.subarray(0, bytesRead);
        hash.update(chunk);
        let off = 0;
        while (off < bytesRead) off += (await out.write(chunk, off, bytesRead - off)).bytesWritten;
        size += bytesRead;
      }
      await out.sync();
      return { size, sha256: hash.digest('hex') };
    } finally {
      await out.close();
    }
  } finally {
    await inp.close();
  }
}

/** Writes a small file durably and returns its hash. */
export async function writeHashed(dst: string, data: string | Buffer, mode = 0o600): Promise<Hashed> {
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const fh = await fs.promises.open(dst, 'w', mode);
  try {
    await fh.writeFile(buf);
    await fh.sync();
  } finally {
    await fh.close();
  }
  return { size: buf.length, sha256: crypto.createHash('sha256').update(buf).digest('hex') };
}

export async function hashFile(file: string): Promise<Hashed> {
  const hash = crypto.createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK })) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { size, sha256: hash.digest('hex') };
}

/** fsync a directory so the names created in it survive a crash. */
export function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try { fs.fsyncSync(fd); } finally { fs.closeSync(fd); }
}

/**
 * A manifest path must stay inside the backup: relative, '/'-separated, no '.', '..' or
 * empty segments. A tampered manifest must not make restore write outside the target.
 */
export function safeRelPath(p: unknown): string {
  if (typeof p !== 'string' || p.length === 0 || p.length > 1024 || p.startsWith('/') || p.includes('\\') || p.includes('\0'))
    throw new Error(`备份清单中的路径无效 / invalid path in manifest: ${JSON.stringify(p)}`);
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.' || seg === '..') throw new Error(`备份清单中的路径无效 / invalid path in manifest: ${JSON.stringify(p)}`);
  }
  return p;
}

/** Joins a checked manifest path onto a root directory. */
export function under(root: string, rel: string): string {
  return path.join(root, ...safeRelPath(rel).split('/'));
}

export function isNonEmptyDir(dir: string): boolean {
  try {
    return fs.readdirSync(dir).length > 0;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

export function sameContent(a: string, b: string): boolean {
  try {
    return fs.readFileSync(a).equals(fs.readFileSync(b));
  } catch {
    return false;
  }
}

/** 2025-01-31T08:09:10.123Z → 20250131T080910Z (file-name safe). */
export function stamp(d = new Date()): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

export function mib(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MiB`;
}
