import type { AuthedCtx } from '../../core/context.js';
import type { HeldCertLevel } from '../../db/schema-workforce.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import { msg, orgField, trimOrNull } from '../socialorgs/common.js';
import * as repo from './repo.js';
import * as policy from './policy.js';
import { chinaYear, derivePay, gradeProblem, ladderProblems, type LadderPost } from './rules.js';

/**
 * Pay configuration: the career ladder, the local average wage per year and the
 * certificate bonus rules. Each is kept per org (city, district or street); what applies
 * to a worker is the nearest configured org up the worker's path, the default 四岗十八级
 * and bonus rules hanging at the national root (migration 0018).
 */

/** Everything pay is derived from at one path and year, loaded once per path. */
export async function configAt(ctx: AuthedCtx, path: string, year: number) {
  const [ladder, wage, bonuses] = await Promise.all([repo.ladderFor(ctx.deps.db, path), repo.wageFor(ctx.deps.db, path, year), repo.bonusRulesFor(ctx.deps.db, path)]);
  return { ladder, wage, bonuses };
}
export type ConfigAt = Awaited<ReturnType<typeof configAt>>;

/** A memo of configAt per path for a list page. */
export function configCache(ctx: AuthedCtx, year: number) {
  const m = new Map<string, Promise<ConfigAt>>();
  return (path: string) => {
    if (!m.has(path)) m.set(path, configAt(ctx, path, year));
    return m.get(path)!;
  };
}

/** The pay of a worker at a grade, or why it cannot be derived. */
export function payOf(c: ConfigAt, year: number, p: { grade: number; cert_level: string }) {
  const g = c.ladder.grades.find((x) => x.grade === p.grade);
  if (!g) return { pay: null, problem: msg('该等级不在现行职级体系中', 'the grade is not on the ladder in force') };
  if (!c.wage) return { pay: null, problem: msg(`尚未配置 ${year} 年及以前的当地平均工资`, `no local average wage is configured for ${year} or before`) };
  const rule = c.bonuses.find((b) => b.cert_level === p.cert_level);
  const d = derivePay({ annualWage: c.wage.annual_wage, coefficient: g.coefficient, allowance: rule?.monthly_allowance ?? 0 });
  return { pay: { year: c.wage.year, annualWage: c.wage.annual_wage, wageOrgName: c.wage.name, coefficient: g.coefficient, ...d }, problem: null };
}

export async function getConfig(ctx: AuthedCtx, q: { orgId?: number; year?: number }) {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const org = await orgField(ctx, q.orgId ?? ctx.actor.orgId, policy.FILTER_LEVELS);
  const year = q.year ?? chinaYear();
  const [c, wages] = await Promise.all([configAt(ctx, org.path, year), repo.wagesOn(ctx.deps.db, org.path)]);
  const wage = (w: NonNullable<ConfigAt['wage']>) => ({ orgId: w.org_id, orgName: w.name, year: w.year, annualWage: w.annual_wage, source: w.source });
  return {
    orgId: org.id, orgName: org.name, year,
    ladder: { orgId: c.ladder.orgId, orgName: c.ladder.orgName, grades: c.ladder.grades, posts: c.ladder.posts },
    wage: c.wage ? wage(c.wage) : null,
    bonuses: c.bonuses.map((b) => ({ certLevel: b.cert_level, oneTimeBonus: b.one_time_bonus, monthlyAllowance: b.monthly_allowance, orgId: b.org_id, orgName: b.name })),
    wages: wages.map(wage),
    actions: policy.canConfigureAt(ctx.actor, org.path) && policy.CONFIG_LEVELS.includes(org.level) ? ['configure'] : [],
  };
}

async function configOrg(ctx: AuthedCtx, orgId: number) {
  if (!policy.canConfigure(ctx.actor)) throw errors.forbidden();
  return orgField(ctx, orgId, policy.CONFIG_LEVELS);
}

/**
 * Sets the ladder of an org. Refused while an active worker under it holds a post or
 * grade the new ladder would not have (move them first), so no profile is left off-ladder.
 */
export async function putLadder(ctx: AuthedCtx, input: { orgId: number; grades: { grade: number; coefficient: number }[]; posts: LadderPost[] }) {
  const org = await configOrg(ctx, input.orgId);
  const grades = input.grades.map((g) => ({ grade: g.grade, coefficient: Math.round(g.coefficient * 1000) / 1000 }));
  const problems = ladderProblems(grades, input.posts);
  if (Object.keys(problems).length) throw errors.validation(problems);
  const posts = input.posts.map((p) => ({ ...p, name: p.name.trim() }));
  const off = (await repo.profilesUnder(ctx.deps.db, org.path)).filter((p) => gradeProblem(posts, p.post, p.grade));
  if (off.length) {
    throw errors.conflict('LADDER_STRANDS_WORKERS', msg(`有 ${off.length} 名社区工作者（如 ${off[0].name}）的岗位或等级不在新体系中，请先调整`, `${off.length} workers (e.g. ${off[0].name}) hold a post or grade the new ladder lacks; move them first`), { posts: msg('会使现有人员脱离职级体系', 'would strand current workers') });
  }
  await inTransaction(ctx, async (trx) => {
    await repo.replaceLadder(trx, org, grades, posts, ctx.actor.userId);
    await recordAudit(trx, ctx, { action: 'workforce.ladder', entityType: 'ladderGrade', entityId: org.id, orgPath: org.path, detail: { grades, posts: posts.map((p) => p.code) } });
  });
  return getConfig(ctx, { orgId: org.id });
}

export async function putWage(ctx: AuthedCtx, input: { orgId: number; year: number; annualWage: number; source?: string | null }) {
  const org = await configOrg(ctx, input.orgId);
  if (input.year > chinaYear() + 1) throw errors.field('year', msg('最多只能配置到明年', 'can be at most next year'));
  await inTransaction(ctx, async (trx) => {
    await repo.upsertWage(trx, org, { year: input.year, annual_wage: input.annualWage, source: trimOrNull(input.source) ?? null }, ctx.actor.userId);
    await recordAudit(trx, ctx, { action: 'workforce.wage', entityType: 'ladderGrade', entityId: org.id, orgPath: org.path, detail: { year: input.year, annualWage: input.annualWage } });
  });
  return getConfig(ctx, { orgId: org.id, year: input.year });
}

export async function putBonuses(ctx: AuthedCtx, input: { orgId: number; rules: { certLevel: HeldCertLevel; oneTimeBonus: number; monthlyAllowance: number }[] }) {
  const org = await configOrg(ctx, input.orgId);
  if (new Set(input.rules.map((r) => r.certLevel)).size !== input.rules.length) throw errors.field('rules', msg('证书等级重复', 'repeats a certificate level'));
  await inTransaction(ctx, async (trx) => {
    for (const r of input.rules) await repo.upsertBonusRule(trx, org, { cert_level: r.certLevel, one_time_bonus: r.oneTimeBonus, monthly_allowance: r.monthlyAllowance }, ctx.actor.userId);
    await recordAudit(trx, ctx, { action: 'workforce.bonuses', entityType: 'ladderGrade', entityId: org.id, orgPath: org.path, detail: { rules: input.rules } });
  });
  return getConfig(ctx, { orgId: org.id });
}
