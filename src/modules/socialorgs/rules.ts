import type { Msg } from '../../core/errors.js';
import type { GrowthLevel, IncubationServiceKind, IncubationStatus } from '../../db/schema-socialorgs.js';

/** Pure rules of the social-organization registry: credit codes, growth levels, incubation moves. */

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from 0-9 and the 21 capitals without
 * I, O, Z, S, V. Character 1 is the registering authority (5 = civil affairs, for social
 * organizations), 2 the kind, 3-8 the division code, 9-17 the organization code, and the
 * 18th a check character: with weights 3^i mod 31 (1, 3, 9, 27, 19, 26, …), the check value
 * is (31 − Σ value·weight mod 31) mod 31.
 */
export const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARS.indexOf(first17[i]);
    if (v < 0) throw new Error(`not a credit-code character: ${first17[i]}`);
    sum += v * USCC_WEIGHTS[i];
  }
  return USCC_CHARS[(31 - (sum % 31)) % 31];
}

/** Normal form: trimmed, upper-cased. */
export const normalizeUscc = (raw: string) => raw.trim().toUpperCase();

/** Why a (normalized) credit code is invalid, or null when it is valid. */
export function usccProblem(code: string): Msg | null {
  if (code.length !== 18) return { zh: '统一社会信用代码应为 18 位', en: 'a unified social credit code has 18 characters' };
  if (![...code].every((c) => USCC_CHARS.includes(c))) return { zh: '统一社会信用代码含有无效字符（不含 I、O、Z、S、V）', en: 'contains characters a credit code never uses (I, O, Z, S, V)' };
  if (!/^\d{6}$/.test(code.slice(2, 8))) return { zh: '统一社会信用代码第 3–8 位应为行政区划代码', en: 'characters 3–8 must be a division code' };
  if (usccCheckChar(code.slice(0, 17)) !== code[17]) return { zh: '统一社会信用代码校验位错误', en: 'the check character is wrong' };
  return null;
}

/** The six basic incubation services (六种基本孵化服务, seed 000); the seed names two, the rest follow common practice. */
export const SERVICE_KINDS: readonly IncubationServiceKind[] = [
  'capacity_training', 'growth_assessment', 'project_guidance', 'resource_matching', 'venue_support', 'registration_assistance',
];

/** The five scored dimensions of a growth assessment (0–100 each). */
export const GROWTH_DIMENSIONS = ['governance', 'capacity', 'projects', 'finance', 'influence'] as const;
export type GrowthScores = Record<(typeof GROWTH_DIMENSIONS)[number], number>;

/**
 * Total = mean of the five dimensions rounded half up to one decimal (computed in tenths
 * of integers, so no float error); level by the total: ≥ 90 5A, ≥ 80 4A, ≥ 70 3A,
 * ≥ 60 2A, ≥ 50 1A, else none (not yet rated).
 */
export function growthResult(s: GrowthScores): { total: number; level: GrowthLevel } {
  const sum = GROWTH_DIMENSIONS.reduce((a, k) => a + s[k], 0);
  const tenths = Math.floor((sum * 10 * 2 + GROWTH_DIMENSIONS.length) / (2 * GROWTH_DIMENSIONS.length));
  const total = tenths / 10;
  const level: GrowthLevel = total >= 90 ? '5A' : total >= 80 ? '4A' : total >= 70 ? '3A' : total >= 60 ? '2A' : total >= 50 ? '1A' : 'none';
  return { total, level };
}

/** An incubation ends once: incubating → graduated (出壳) or exited. */
export function canCloseIncubation(status: IncubationStatus): boolean {
  return status === 'incubating';
}

/** Today's date in China time, YYYY-MM-DD. */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
