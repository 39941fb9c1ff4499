import fs from 'node:fs';
import path from 'node:path';
import { hashFile, safeRelPath, under } from './files.js';

/**
 * manifest.json: what a backup is, where it came from, and every file with its size and
 * SHA-256 so restore can prove the copy is intact before touching anything.
 */
export const MANIFEST_FILE = 'manifest.json';
export const BACKUP_FORMAT = 'gongzhi-backup';
export const MANIFEST_VERSION = 1;

export interface ManifestFile { path: string; size: number; sha256: string }

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  version: typeof MANIFEST_VERSION;
  /** 'embedded': file-level online base backup of the embedded cluster; 'pg_dump': pg_dump -Fc of an external database. */
  kind: 'embedded' | 'pg_dump';
  method: string;
  createdAt: string;
  finishedAt: string;
  gongzhiVersion: string;
  source: Record<string, string | number | null>;
  postgres: {
    version: string;
    versionNum: number;
    systemIdentifier?: string;
    timeline?: number;
    startLsn?: string;
    stopLsn?: string;
    walFirst?: string;
    walLast?: string;
    database?: string;
    encoding?: string;
    collate?: string;
    ctype?: string;
  };
  pgDump?: { version: string; major: number };
  /** 'included': keys/master.key is in the backup; 'environment': the key came from GONGZHI_ENCRYPTION_KEY and is NOT in the backup. */
  encryptionKey: 'included' | 'environment' | 'none';
  /** Directories to recreate (some are deliberately empty: pg_wal/archive_status, pg_replslot …). */
  dirs: string[];
  files: ManifestFile[];
}

const HEX64 = /^[0-9a-f]{64}$/;

/** Reads and validates `<backupDir>/manifest.json`. `backup` may also name the manifest file itself. */
export function readManifest(backup: string): { dir: string; manifest: Manifest } {
  let dir = path.resolve(backup);
  if (fs.existsSync(dir) && fs.statSync(dir).isFile() && path.basename(dir) === MANIFEST_FILE) dir = path.dirname(dir);
  const file = path.join(dir, MANIFEST_FILE);
  if (!fs.existsSync(file)) {
    throw new Error(
      `${dir} 不是 Gongzhi 备份（缺少 ${MANIFEST_FILE}；未完成的备份以 .partial 结尾）\n` +
        `${dir} is not a Gongzhi backup (no ${MANIFEST_FILE}; an interrupted backup ends in .partial)`,
    );
  }
  let m: Manifest;
  try {
    m = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  } catch (e) {
    throw new Error(`备份清单无法解析 / ${file} is not valid JSON: ${(e as Error).message}`);
  }
  if (m?.format !== BACKUP_FORMAT) throw new Error(`${file}: 不是 Gongzhi 备份清单 / not a Gongzhi backup manifest`);
  if (m.version !== MANIFEST_VERSION)
    throw new Error(`${file}: 备份格式版本 ${m.version} 不受支持（本程序支持 ${MANIFEST_VERSION}）/ manifest version ${m.version} is not supported (this Gongzhi reads ${MANIFEST_VERSION})`);
  if (m.kind !== 'embedded' && m.kind !== 'pg_dump') throw new Error(`${file}: unknown backup kind ${String(m.kind)}`);
  if (!Array.isArray(m.files) || !Array.isArray(m.dirs)) throw new Error(`${file}: files/dirs missing`);
  const seen = new Set<string>();
  for (const f of m.files) {
    safeRelPath(f?.path);
    if (!Number.isSafeInteger(f.size) || f.size < 0 || typeof f.sha256 !== 'string' || !HEX64.test(f.sha256))
      throw new Error(`${file}: bad entry for ${f.path}`);
    if (seen.has(f.path)) throw new Error(`${file}: ${f.path} listed twice`);
    seen.add(f.path);
  }
  for (const d of m.dirs) safeRelPath(d);
  return { dir, manifest: m };
}

/** Checks every listed file's size and SHA-256 (reading it in place). Returns the problems; empty means intact. */
export async function verifyBackupFiles(dir: string, m: Manifest): Promise<string[]> {
  const problems: string[] = [];
  for (const f of m.files) {
    const p = under(dir, f.path);
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      problems.push(`缺少文件 / missing: ${f.path}`);
      continue;
    }
    if (!st.isFile() || st.size !== f.size) {
      problems.push(`大小不符 / size differs: ${f.path} (${st.size} ≠ ${f.size})`);
      continue;
    }
    const h = await hashFile(p);
    if (h.sha256 !== f.sha256) problems.push(`校验和不符 / checksum differs: ${f.path}`);
  }
  return problems;
}

export function damagedError(problems: string[]): Error {
  const shown = problems.slice(0, 10).join('\n  ');
  return new Error(
    `备份已损坏或被改动，未做任何更改 / the backup is damaged or was altered; nothing was changed:\n  ${shown}` +
      (problems.length > 10 ? `\n  … ${problems.length - 10} more` : ''),
  );
}
