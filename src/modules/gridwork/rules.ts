import type { Msg } from '../../core/errors.js';
import type { GridPostKind, Role } from '../../db/schema.js';

/**
 * Pure rules of grid work: the 1+4+X staffing of a grid with A/B holders, the public card,
 * uploaded images and the calendar (China Standard Time, which has no daylight saving).
 */

export const POST_KINDS: readonly GridPostKind[] = ['gridWorker', 'gridAssistant', 'gridHelper'];

/** 1 网格员 + up to 4 协管员 + any number of 公益员 per grid. */
export const POST_LIMITS: Record<GridPostKind, number | null> = { gridWorker: 1, gridAssistant: 4, gridHelper: null };

export const POST_LABELS: Record<GridPostKind, Msg> = {
  gridWorker: { zh: '网格员', en: 'grid worker' },
  gridAssistant: { zh: '协管员', en: 'grid assistant' },
  gridHelper: { zh: '公益员', en: 'grid helper' },
};

export interface PostFacts { post: GridPostKind; hasBackup: boolean }

export interface Staffing {
  gridWorker: { count: number; max: number };
  gridAssistant: { count: number; max: number };
  gridHelper: { count: number; max: null };
  missingBackups: number;
  /** Exactly one grid worker, and every post has a B backup. */
  complete: boolean;
}

export function staffing(posts: readonly PostFacts[]): Staffing {
  const n = (k: GridPostKind) => posts.filter((p) => p.post === k).length;
  const missingBackups = posts.filter((p) => !p.hasBackup).length;
  const gridWorker = n('gridWorker');
  return {
    gridWorker: { count: gridWorker, max: 1 },
    gridAssistant: { count: n('gridAssistant'), max: 4 },
    gridHelper: { count: n('gridHelper'), max: null },
    missingBackups,
    complete: gridWorker === 1 && missingBackups === 0,
  };
}

/** Why one more post of `kind` does not fit the grid, or null. */
export function addPostProblem(existing: readonly PostFacts[], kind: GridPostKind): Msg | null {
  const max = POST_LIMITS[kind];
  if (max === null) return null;
  if (existing.filter((p) => p.post === kind).length < max) return null;
  return max === 1
    ? { zh: `每个网格只能有 1 名${POST_LABELS[kind].zh}`, en: `a grid has exactly one ${POST_LABELS[kind].en}` }
    : { zh: `每个网格最多 ${max} 名${POST_LABELS[kind].zh}`, en: `a grid has at most ${max} ${POST_LABELS[kind].en}s` };
}

export interface HolderAccount { id: number; role: Role; orgId: number; status: 'active' | 'disabled' }

/**
 * A holder account works in the grid itself or in its community (a community worker may
 * back up a grid), is a staff account and is enabled.
 */
export function holderProblem(u: HolderAccount | undefined, grid: { id: number; parentId: number | null }): Msg | null {
  if (!u) return { zh: '账号不存在或不在您的管辖范围内', en: 'is not an account within your scope' };
  if (u.orgId !== grid.id && u.orgId !== grid.parentId)
    return { zh: '账号应属于该网格或其所在社区', en: 'the account must belong to the grid or its community' };
  if (u.role === 'resident') return { zh: '居民账号不能担任网格岗位', en: 'a resident account cannot hold a grid post' };
  if (u.status !== 'active') return { zh: '账号已停用', en: 'the account is disabled' };
  return null;
}

/** A and B are two people: the same account, or the same name without accounts, is refused. */
export function sameHolder(a: { userId: number | null; name: string }, b: { userId: number | null; name: string | null }): boolean {
  if (a.userId !== null && b.userId !== null) return a.userId === b.userId;
  return a.userId === null && b.userId === null && b.name !== null && a.name.trim() === b.name.trim();
}

/**
 * The published work phone of the card: a mainland mobile number or a landline with area
 * code (0937-1234567), optionally with an extension. Spaces and dashes are tidied.
 */
export function normalizeCardPhone(raw: string): string | null {
  const s = raw.replace(/[\s\u3000]/g, '').replace(/^\+?86(?=1)/, '');
  if (/^1[3-9]\d{9}$/.test(s)) return s;
  const m = /^(0\d{2,3})-?(\d{7,8})(?:(?:-|转)(\d{1,6}))?$/.exec(s);
  if (!m) return null;
  return `${m[1]}-${m[2]}${m[3] ? `-${m[3]}` : ''}`;
}

// ── Images ──
export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';
export const IMAGE_TYPES: readonly ImageType[] = ['image/jpeg', 'image/png', 'image/webp'];
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

/** The image type the bytes actually are (magic numbers), whatever the header claims. */
export function sniffImage(b: Buffer): ImageType | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/** The declared media type without parameters, if it is one we store. */
export function declaredImageType(header: string | undefined): ImageType | null {
  const t = (header ?? '').split(';')[0].trim().toLowerCase();
  return (IMAGE_TYPES as readonly string[]).includes(t) ? (t as ImageType) : null;
}

// ── Calendar (UTC+8) ──
const CST_MS = 8 * 3600 * 1000;

/** 'YYYY-MM-DD' of the instant in China. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + CST_MS).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD HH:mm' of the instant in China (spreadsheet cells). */
export function chinaTime(at: Date): string {
  return new Date(at.getTime() + CST_MS).toISOString().slice(0, 16).replace('T', ' ');
}

export function chinaMonth(at: Date): string {
  return chinaDay(at).slice(0, 7);
}

/** The instants [from, to) of a 'YYYY-MM' month in China. */
export function monthRange(month: string): { from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number);
  return { from: new Date(Date.UTC(y, m - 1, 1) - CST_MS), to: new Date(Date.UTC(y, m, 1) - CST_MS) };
}

/** A real calendar day, 'YYYY-MM-DD', from 2000 on. */
export function isDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return +m[1] >= 2000 && d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** Share of `part` in `whole`, 4 decimals; null when there is nothing to count. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10000) / 10000 : null;
}
