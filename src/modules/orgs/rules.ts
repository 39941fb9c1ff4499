import type { OrgLevel } from '../../db/schema.js';
import type { Msg } from '../../core/errors.js';

/**
 * The shape of the hierarchy, as pure functions: which level may hang under which, and
 * how a child's official code extends its parent's (GB/T 2260 + the 12-digit village codes).
 */
export const TREE_LEVELS: readonly OrgLevel[] = ['root', 'province', 'city', 'district', 'street', 'community', 'grid'];

export const LEVEL_LABELS: Record<OrgLevel, Msg> = {
  root: { zh: '全国', en: 'Nation' },
  province: { zh: '省', en: 'Province' },
  city: { zh: '市', en: 'City' },
  district: { zh: '区县', en: 'District' },
  street: { zh: '街道/乡镇', en: 'Street/town' },
  community: { zh: '社区/村', en: 'Community/village' },
  grid: { zh: '网格', en: 'Grid' },
  department: { zh: '职能部门', en: 'Department' },
};

/** Levels a node of `parent` level may have as children. */
export function childLevels(parent: OrgLevel): OrgLevel[] {
  if (parent === 'grid' || parent === 'department') return [];
  const next = TREE_LEVELS[TREE_LEVELS.indexOf(parent) + 1];
  const out: OrgLevel[] = next ? [next] : [];
  if (parent === 'district' || parent === 'street') out.push('department');
  return out;
}

/** What a child's code looks like after its parent's code. */
const SUFFIX: Record<OrgLevel, RegExp> = {
  root: /^$/,
  province: /^\d{2}$/,
  city: /^\d{2}$/,
  district: /^\d{2}$/,
  street: /^\d{3}$/,
  community: /^\d{3}$/,
  grid: /^\d{3}$/,
  department: /^D\d{2,3}$/,
};
const SUFFIX_HELP: Record<OrgLevel, string> = {
  root: '', province: '2 位数字', city: '2 位数字', district: '2 位数字', street: '3 位数字',
  community: '3 位数字', grid: '3 位数字', department: 'D 加 2–3 位数字',
};

/** Returns why `code` cannot be the code of a `level` child of a parent coded `parentCode`. */
export function codeProblem(level: OrgLevel, code: string, parentLevel: OrgLevel, parentCode: string): Msg | null {
  const prefix = parentLevel === 'root' ? '' : parentCode;
  if (!code.startsWith(prefix)) return { zh: `必须以上级代码 ${prefix} 开头`, en: `must start with the parent's code ${prefix}` };
  if (!SUFFIX[level].test(code.slice(prefix.length)))
    return {
      zh: `应为上级代码 ${prefix || '（无）'} 加 ${SUFFIX_HELP[level]}`,
      en: `must be the parent's code ${prefix || '(none)'} followed by ${SUFFIX[level].source.replace(/[\^$]/g, '')}`,
    };
  return null;
}

export function levelProblem(level: OrgLevel, parentLevel: OrgLevel): Msg | null {
  if (childLevels(parentLevel).includes(level)) return null;
  const allowed = childLevels(parentLevel);
  return allowed.length
    ? { zh: `${LEVEL_LABELS[parentLevel].zh}下只能建立${allowed.map((l) => LEVEL_LABELS[l].zh).join('或')}`,
        en: `a ${LEVEL_LABELS[parentLevel].en} may only contain ${allowed.map((l) => LEVEL_LABELS[l].en).join(' or ')}` }
    : { zh: `${LEVEL_LABELS[parentLevel].zh}下不能再建下级`, en: `a ${LEVEL_LABELS[parentLevel].en} has no children` };
}

/** GB/T 2260 six-digit form for the top levels; the code itself below. */
export function divisionCode(level: OrgLevel, code: string): string | null {
  switch (level) {
    case 'province': return code + '0000';
    case 'city': return code + '00';
    case 'district': case 'street': case 'community': return code;
    default: return null;
  }
}

/** Validates a GeoJSON Polygon: closed rings of at least four [lon, lat] positions. */
export function boundaryProblem(b: unknown): Msg | null {
  const bad = (zh: string, en: string): Msg => ({ zh, en });
  if (typeof b !== 'object' || b === null) return bad('应为 GeoJSON Polygon 对象', 'must be a GeoJSON Polygon object');
  const g = b as { type?: unknown; coordinates?: unknown };
  if (g.type !== 'Polygon') return bad('type 必须为 Polygon', 'type must be Polygon');
  if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) return bad('coordinates 应为非空的环数组', 'coordinates must be a non-empty array of rings');
  for (const ring of g.coordinates) {
    if (!Array.isArray(ring) || ring.length < 4) return bad('每个环至少 4 个点', 'each ring needs at least 4 positions');
    for (const p of ring) {
      if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number' ||
        Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90)
        return bad('坐标应为 [经度, 纬度] 且在有效范围内', 'positions must be [lon, lat] within range');
    }
    const [f, l] = [ring[0], ring[ring.length - 1]];
    if (f[0] !== l[0] || f[1] !== l[1]) return bad('环必须闭合（首尾点相同）', 'rings must be closed (first position equals last)');
  }
  return null;
}
