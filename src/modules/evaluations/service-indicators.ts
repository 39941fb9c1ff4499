import type { AuthedCtx } from '../../core/context.js';
import { inTransaction, recordAudit } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import { inScope } from '../../core/scope.js';
import { paged, type PageQuery } from '../../core/schemas.js';
import type { IndicatorPurpose } from '../../db/schema-evaluations.js';
import * as repo from './repo.js';
import * as policy from './policy.js';
import { rankOf, treeErrors, treeTotals, type TreeNode } from './rules.js';

/**
 * 考核指标体系: a tree of weighted indicators for community and experiment-zone assessments.
 * Managers edit the tree (siblings' weights sum to 100) until the first score; assigned
 * evaluators (accounts in scope) score every leaf for every subject org; totals roll up.
 */
export interface TreeInput { title?: string; purpose?: IndicatorPurpose; nodes?: TreeNode[]; subjectIds?: number[]; evaluatorIds?: number[] }

async function checkRefs(ctx: AuthedCtx, orgPath: string, input: TreeInput) {
  const db = ctx.deps.db;
  const fields: Record<string, { zh: string; en: string }> = {};
  if (input.nodes) Object.assign(fields, treeErrors(input.nodes));
  if (input.subjectIds?.length) {
    const found = await db.selectFrom('org').select('id').where('id', 'in', input.subjectIds).where('path', 'like', `${orgPath}%`).execute();
    if (found.length !== input.subjectIds.length) fields.subjectIds = { zh: '含有不在本组织下的对象', en: 'names an org outside this org' };
  }
  if (input.evaluatorIds?.length) {
    const found = await db.selectFrom('app_user as u').innerJoin('org as o', 'o.id', 'u.org_id').select('u.id')
      .where('u.id', 'in', input.evaluatorIds).where(inScope(ctx.actor, 'o.path')).execute();
    if (found.length !== input.evaluatorIds.length) fields.evaluatorIds = { zh: '含有不在您管辖范围内的账号', en: 'names an account outside your scope' };
  }
  if (Object.keys(fields).length) throw errors.validation(fields);
}

async function writeNodes(trx: Parameters<Parameters<typeof inTransaction>[1]>[0], treeId: number, org: { id: number; path: string }, nodes: TreeNode[]) {
  await trx.deleteFrom('indicator_node').where('tree_id', '=', treeId).execute();
  const idOf = new Map<string, number>();
  // Parents first: insert level by level.
  let pending = nodes.map((n, i) => ({ ...n, i }));
  while (pending.length) {
    const ready = pending.filter((n) => n.parentKey === null || idOf.has(n.parentKey));
    for (const n of ready) {
      const r = await trx.insertInto('indicator_node').values({
        tree_id: treeId, org_id: org.id, org_path: org.path, parent_id: n.parentKey === null ? null : idOf.get(n.parentKey)!, position: n.i + 1, name: n.name.trim(), weight: n.weight,
      }).returning('id').executeTakeFirstOrThrow();
      idOf.set(n.key, r.id);
    }
    pending = pending.filter((n) => !idOf.has(n.key));
  }
}

async function treeRow(ctx: AuthedCtx, id: number) {
  const t = await ctx.deps.db.selectFrom('indicator_tree as t').innerJoin('org as o', 'o.id', 't.org_id').selectAll('t').select('o.name as org_name')
    .where('t.id', '=', id).executeTakeFirst();
  if (!t) throw errors.notFound('indicatorTree');
  const evaluator = t.evaluator_ids.includes(ctx.actor.userId);
  if (!policy.canReadAt(ctx.actor, t.org_path) && !evaluator) throw errors.notFound('indicatorTree');
  return { t, evaluator };
}

async function present(ctx: AuthedCtx, id: number) {
  const { t, evaluator } = await treeRow(ctx, id);
  const db = ctx.deps.db;
  const [nodes, subjects, evaluators, scored] = await Promise.all([
    db.selectFrom('indicator_node').select(['id', 'parent_id', 'position', 'name', 'weight']).where('tree_id', '=', id).orderBy('position').execute(),
    t.subject_ids.length ? db.selectFrom('org').select(['id', 'name']).where('id', 'in', t.subject_ids).orderBy('id').execute() : [],
    t.evaluator_ids.length ? db.selectFrom('app_user').select(['id', 'display_name as name']).where('id', 'in', t.evaluator_ids).orderBy('id').execute() : [],
    db.selectFrom('indicator_score').select('node_id').where('tree_id', '=', id).limit(1).executeTakeFirst(),
  ]);
  const manage = policy.canManageAt(ctx.actor, t.org_path);
  return {
    id: t.id, orgId: t.org_id, orgName: t.org_name, title: t.title, purpose: t.purpose,
    nodes: nodes.map((n) => ({ id: n.id, parentId: n.parent_id, position: n.position, name: n.name, weight: n.weight })),
    subjects, evaluators, scored: !!scored, createdAt: t.created_at.toISOString(),
    actions: [...(manage ? (scored ? ['editPeople'] : ['edit', 'editPeople']) : []), ...(evaluator ? ['score'] : []), ...(policy.canReadAt(ctx.actor, t.org_path) ? ['totals'] : [])],
  };
}
export const getTree = (ctx: AuthedCtx, id: number) => present(ctx, id);

export async function createTree(ctx: AuthedCtx, input: Required<TreeInput> & { orgId: number }) {
  const a = ctx.actor;
  if (!policy.canRead(a) || !policy.canManageAt(a, a.orgPath)) throw errors.forbidden();
  const org = await repo.orgById(ctx.deps.db, input.orgId);
  if (!org || !org.path.startsWith(a.orgPath)) throw errors.field('orgId', { zh: '不在您的管辖范围内', en: 'is not within your scope' });
  await checkRefs(ctx, org.path, input);
  const id = await inTransaction(ctx, async (trx) => {
    const t = await trx.insertInto('indicator_tree').values({
      org_id: org.id, org_path: org.path, title: input.title.trim(), purpose: input.purpose, subject_ids: input.subjectIds, evaluator_ids: input.evaluatorIds, created_by: a.userId,
    }).returning('id').executeTakeFirstOrThrow();
    await writeNodes(trx, t.id, org, input.nodes);
    await recordAudit(trx, ctx, { action: 'evaluation.tree.create', entityType: 'indicatorTree', entityId: t.id, orgPath: org.path, detail: { title: input.title, nodes: input.nodes.length } });
    return t.id;
  });
  return present(ctx, id);
}

export async function updateTree(ctx: AuthedCtx, id: number, input: TreeInput) {
  const { t } = await treeRow(ctx, id);
  if (!policy.canManageAt(ctx.actor, t.org_path)) throw errors.forbidden();
  await checkRefs(ctx, t.org_path, input);
  await inTransaction(ctx, async (trx) => {
    await trx.selectFrom('indicator_tree').select('id').where('id', '=', id).forUpdate().execute();
    const scored = await trx.selectFrom('indicator_score').select('node_id').where('tree_id', '=', id).limit(1).executeTakeFirst();
    if (scored && (input.nodes || input.subjectIds?.length !== undefined && !t.subject_ids.every((s) => input.subjectIds!.includes(s))))
      throw errors.conflict('ALREADY_SCORED', { zh: '已有评分，指标不能再修改（评价人员和新增对象仍可调整）', en: 'Scores exist: the indicators can no longer change (evaluators and added subjects still can)' });
    await trx.updateTable('indicator_tree').set({
      ...(input.title ? { title: input.title.trim() } : {}), ...(input.purpose ? { purpose: input.purpose } : {}),
      ...(input.subjectIds ? { subject_ids: input.subjectIds } : {}), ...(input.evaluatorIds ? { evaluator_ids: input.evaluatorIds } : {}), updated_at: new Date(),
    }).where('id', '=', id).execute();
    if (input.nodes) await writeNodes(trx, id, { id: t.org_id, path: t.org_path }, input.nodes);
    await recordAudit(trx, ctx, { action: 'evaluation.tree.update', entityType: 'indicatorTree', entityId: id, orgPath: t.org_path, detail: { ...input, nodes: input.nodes?.length } });
  });
  return present(ctx, id);
}

export interface TreeFilter { q?: string; purpose?: IndicatorPurpose }
function treeQuery(ctx: AuthedCtx, f: TreeFilter) {
  let qb = ctx.deps.db.selectFrom('indicator_tree as t').innerJoin('org as o', 'o.id', 't.org_id')
    .select(['t.id', 'o.name as org_name', 't.title', 't.purpose', 't.subject_ids', 't.evaluator_ids', 't.created_at'])
    .where((eb) => eb.or([inScope(ctx.actor, 't.org_path'), eb(eb.val(ctx.actor.userId), '=', eb.fn.any('t.evaluator_ids'))]));
  if (f.q?.trim()) qb = qb.where('t.title', 'ilike', `%${repo.escapeLike(f.q.trim())}%`);
  if (f.purpose) qb = qb.where('t.purpose', '=', f.purpose);
  return qb;
}
const treeItem = (t: { id: number; org_name: string; title: string; purpose: string; subject_ids: number[]; evaluator_ids: number[]; created_at: Date }) => ({
  id: t.id, orgName: t.org_name, title: t.title, purpose: t.purpose, subjectCount: t.subject_ids.length, evaluatorCount: t.evaluator_ids.length, createdAt: t.created_at.toISOString(),
});
export async function listTrees(ctx: AuthedCtx, f: TreeFilter, page: PageQuery) {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const rows = await treeQuery(ctx, f).select((eb) => eb.fn.countAll<number>().over().as('total'))
    .orderBy('t.id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
  return paged(rows.map(treeItem), Number(rows[0]?.total ?? 0), page);
}
export const TREE_COLUMNS = (en: boolean) => [
  { header: en ? 'ID' : '编号', key: 'id', width: 8 }, { header: en ? 'Title' : '名称', key: 'title', width: 30 }, { header: en ? 'Org' : '组织', key: 'orgName', width: 20 },
  { header: en ? 'Purpose' : '用途', key: 'purpose', width: 12 }, { header: en ? 'Subjects' : '考核对象数', key: 'subjectCount', width: 10 },
  { header: en ? 'Evaluators' : '评分人数', key: 'evaluatorCount', width: 10 }, { header: en ? 'Created' : '创建时间', key: 'createdAt', width: 22 },
];
export async function* exportTrees(ctx: AuthedCtx, f: TreeFilter): AsyncGenerator<Record<string, unknown>> {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const en = ctx.meta.lang === 'en';
  await inTransaction(ctx, (trx) => recordAudit(trx, ctx, { action: 'evaluation.tree.export', entityType: 'indicatorTree', detail: { ...f } }));
  for (let after = 0; ;) {
    const rows = await treeQuery(ctx, f).where('t.id', '>', after).orderBy('t.id').limit(500).execute();
    for (const t of rows) yield { ...treeItem(t), purpose: en ? t.purpose : t.purpose === 'community' ? '社区考核' : '实验区考核' };
    if (rows.length < 500) return;
    after = rows[rows.length - 1].id;
  }
}

/** The evaluator's own scores: subject → node → score. */
export async function mySheet(ctx: AuthedCtx, id: number) {
  const tree = await present(ctx, id);
  if (!tree.actions.includes('score')) throw errors.forbidden();
  const rows = await ctx.deps.db.selectFrom('indicator_score').select(['subject_id', 'node_id', 'score']).where('tree_id', '=', id).where('evaluator_id', '=', ctx.actor.userId).execute();
  const mine: Record<string, Record<string, number>> = {};
  for (const r of rows) (mine[String(r.subject_id)] ??= {})[String(r.node_id)] = r.score;
  return { tree, mine };
}

export async function scoreTree(ctx: AuthedCtx, id: number, input: { subjectId: number; scores: { nodeId: number; score: number }[] }) {
  const { t, evaluator } = await treeRow(ctx, id);
  if (!evaluator || !policy.canRead(ctx.actor)) throw errors.forbidden();
  if (!t.subject_ids.includes(input.subjectId)) throw errors.field('subjectId', { zh: '不是本指标体系的考核对象', en: 'is not a subject of this tree' });
  const nodes = await ctx.deps.db.selectFrom('indicator_node').select(['id', 'parent_id']).where('tree_id', '=', id).execute();
  const leaves = new Set(nodes.filter((n) => !nodes.some((m) => m.parent_id === n.id)).map((n) => n.id));
  const bad = input.scores.findIndex((s) => !leaves.has(s.nodeId));
  if (bad >= 0) throw errors.field(`scores.${bad}.nodeId`, { zh: '须为末级指标', en: 'must be a leaf indicator of this tree' });
  if (new Set(input.scores.map((s) => s.nodeId)).size !== input.scores.length) throw errors.field('scores', { zh: '指标重复', en: 'repeats an indicator' });
  await inTransaction(ctx, async (trx) => {
    await trx.insertInto('indicator_score').values(input.scores.map((s) => ({
      node_id: s.nodeId, tree_id: id, org_id: t.org_id, org_path: t.org_path, subject_id: input.subjectId, evaluator_id: ctx.actor.userId, score: s.score, scored_at: new Date(),
    }))).onConflict((oc) => oc.columns(['node_id', 'subject_id', 'evaluator_id']).doUpdateSet((eb) => ({ score: eb.ref('excluded.score'), scored_at: eb.ref('excluded.scored_at') }))).execute();
    await recordAudit(trx, ctx, { action: 'evaluation.tree.score', entityType: 'indicatorTree', entityId: id, orgPath: t.org_path, detail: { subjectId: input.subjectId, scores: input.scores.length } });
  });
  return mySheet(ctx, id);
}

export async function totals(ctx: AuthedCtx, id: number) {
  const tree = await present(ctx, id);
  if (!tree.actions.includes('totals')) throw errors.forbidden();
  const scores = await ctx.deps.db.selectFrom('indicator_score').select(['subject_id', 'node_id', 'evaluator_id', 'score']).where('tree_id', '=', id).execute();
  const leafCount = tree.nodes.filter((n) => !tree.nodes.some((m) => m.parentId === n.id)).length;
  const items = tree.subjects.map((s) => {
    const mine = scores.filter((x) => x.subject_id === s.id);
    const leaf = new Map<number, number[]>();
    for (const x of mine) leaf.set(x.node_id, [...(leaf.get(x.node_id) ?? []), x.score]);
    const tot = treeTotals(tree.nodes, leaf);
    const perEvaluator = new Map<number, number>();
    for (const x of mine) perEvaluator.set(x.evaluator_id, (perEvaluator.get(x.evaluator_id) ?? 0) + 1);
    return {
      subjectId: s.id, name: s.name, score: tot.get(0)!, nodes: Object.fromEntries(tree.nodes.map((n) => [String(n.id), tot.get(n.id) ?? 0])),
      evaluatorsDone: [...perEvaluator.values()].filter((n) => n === leafCount).length,
    };
  });
  return { tree, items: rankOf(items).map(({ score, ...r }) => ({ ...r, total: score })).sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9)) };
}

export async function totalsExport(ctx: AuthedCtx, id: number) {
  const r = await totals(ctx, id);
  const en = ctx.meta.lang === 'en';
  await inTransaction(ctx, (trx) => recordAudit(trx, ctx, { action: 'evaluation.tree.totals.export', entityType: 'indicatorTree', entityId: id }));
  const columns = [
    { header: en ? 'Rank' : '名次', key: 'rank', width: 8 }, { header: en ? 'Subject' : '考核对象', key: 'name', width: 24 }, { header: en ? 'Total' : '总分', key: 'total', width: 10 },
    ...r.tree.nodes.map((n) => ({ header: `${n.name}（${n.weight}%）`, key: `n${n.id}`, width: 16 })),
    { header: en ? 'Evaluators done' : '已完成评分人数', key: 'done', width: 12 },
  ];
  async function* rows() {
    for (const x of r.items) yield { rank: x.rank ?? '', name: x.name, total: x.total, ...Object.fromEntries(Object.entries(x.nodes).map(([k, v]) => [`n${k}`, v])), done: x.evaluatorsDone };
  }
  return { columns, rows: rows(), title: r.tree.title };
}
