import type { Msg } from '../../core/errors.js';
import type { HeldCertLevel } from '../../db/schema-workforce.js';

/**
 * Pure rules of the community workforce: the career ladder (四岗十八级) and the pay derived
 * from it. Seed 002: pay is set "不低于当地城镇在岗职工平均工资" — never below the local
 * average wage — on a ladder of four posts and eighteen grades. Seed 004: certificate
 * holders among full-time community workers get a monthly allowance (200 / 400 yuan) and
 * a one-off award on passing (1,000 / 3,000 yuan).
 */

export interface LadderGrade { grade: number; coefficient: number }
export interface LadderPost { code: string; name: string; minGrade: number; maxGrade: number }

/**
 * Monthly pay in whole yuan:
 *   averageMonthly = ⌈annualWage / 12⌉ (rounded UP, so twelve months never fall below the annual average);
 *   gradePay = annualWage × coefficient / 12 rounded half up to the yuan (integer arithmetic on the
 *              coefficient in thousandths, so 0.5 yuan always rounds up and no float error creeps in);
 *   basePay = max(gradePay, averageMonthly) — the floor;
 *   monthly = basePay + the certificate allowance; annual = monthly × 12.
 */
export function derivePay(input: { annualWage: number; coefficient: number; allowance: number }) {
  const { annualWage, coefficient, allowance } = input;
  if (!Number.isInteger(annualWage) || annualWage <= 0) throw new Error('annual wage must be a positive whole number of yuan');
  if (!Number.isInteger(allowance) || allowance < 0) throw new Error('allowance must be a whole number of yuan ≥ 0');
  const milli = Math.round(coefficient * 1000);
  const averageMonthly = Math.ceil(annualWage / 12);
  // round_half_up(a / b) = floor((2a + b) / 2b) for a, b > 0
  const a = annualWage * milli, b = 12 * 1000;
  const gradePay = Math.floor((2 * a + b) / (2 * b));
  const basePay = Math.max(gradePay, averageMonthly);
  const monthly = basePay + allowance;
  return { averageMonthly, gradePay, basePay, floored: gradePay < averageMonthly, allowance, monthly, annual: monthly * 12 };
}
export type Pay = ReturnType<typeof derivePay>;

/** Why a ladder configuration is invalid (field → message), or an empty object. */
export function ladderProblems(grades: readonly LadderGrade[], posts: readonly LadderPost[]): Record<string, Msg> {
  const out: Record<string, Msg> = {};
  const sorted = [...grades].sort((x, y) => x.grade - y.grade);
  if (!sorted.length) out.grades = { zh: '至少需要一个等级', en: 'needs at least one grade' };
  else if (sorted.some((g, i) => g.grade !== i + 1)) out.grades = { zh: '等级必须从 1 开始连续编号且不重复', en: 'must be numbered 1, 2, 3 … without gaps or repeats' };
  else if (sorted.some((g, i) => i > 0 && g.coefficient < sorted[i - 1].coefficient)) out.grades = { zh: '系数不能随等级升高而降低', en: 'coefficients must not fall as the grade rises' };
  else if (sorted.some((g) => g.coefficient < 1)) out.grades = { zh: '系数不能低于 1（薪酬不低于当地平均工资）', en: 'coefficients must be at least 1 (pay never below the local average wage)' };
  const top = sorted.length;
  if (!posts.length) out.posts = { zh: '至少需要一个岗位', en: 'needs at least one post' };
  else if (new Set(posts.map((p) => p.code)).size !== posts.length) out.posts = { zh: '岗位代码重复', en: 'post codes repeat' };
  else if (posts.some((p) => p.minGrade < 1 || p.maxGrade > top || p.minGrade > p.maxGrade)) out.posts = { zh: `岗位的等级范围必须在 1–${top} 之内且起点不高于终点`, en: `each post's grade range must lie within 1–${top}, lowest first` };
  else {
    const covered = new Set(posts.flatMap((p) => Array.from({ length: p.maxGrade - p.minGrade + 1 }, (_, i) => p.minGrade + i)));
    if (covered.size !== top) out.posts = { zh: '每个等级都必须属于至少一个岗位', en: 'every grade must belong to at least one post' };
  }
  return out;
}

/** Why a post and grade do not fit the ladder, or null. */
export function gradeProblem(posts: readonly LadderPost[], post: string, grade: number): { field: 'post' | 'grade'; msg: Msg } | null {
  const p = posts.find((x) => x.code === post);
  if (!p) return { field: 'post', msg: { zh: '不是现行职级体系中的岗位', en: 'is not a post of the ladder in force' } };
  if (grade < p.minGrade || grade > p.maxGrade) return { field: 'grade', msg: { zh: `${p.name}的等级范围是 ${p.minGrade}–${p.maxGrade} 级`, en: `must be within ${p.minGrade}–${p.maxGrade} for ${p.code}` } };
  return null;
}

export const HELD_LEVELS: readonly HeldCertLevel[] = ['assistant', 'intermediate', 'senior'];

/** Today's date and year in China time. */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
export const chinaYear = (now = new Date()) => Number(chinaToday(now).slice(0, 4));
