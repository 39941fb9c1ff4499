import type { AuthedCtx } from '../../core/context.js';
import { errors } from '../../core/errors.js';
import { pageTotal, paged, type PageQuery } from '../../core/schemas.js';
import * as repo from './repo.js';
import * as rec from './repo-records.js';
import { presentTranche } from './present.js';
import { KIND_ZH, STATUS_ZH } from './access.js';
import { TRANCHE_ZH } from './service-implement.js';
import { underPathOf, visibility } from './service-projects.js';
import { yuan } from './rules.js';

/** Excel exports of projects and tranches, and the tranche list (the payment desk), in the caller's scope. */
const iso = (d: Date | string | null) => (d === null ? '' : new Date(d).toISOString());

export const PROJECT_COLUMNS = (en: boolean) => [
  { header: en ? 'ID' : '编号', key: 'id', width: 8 }, { header: en ? 'Title' : '项目名称', key: 'title', width: 28 },
  { header: en ? 'Kind' : '类型', key: 'kind', width: 14 }, { header: en ? 'Community' : '申报社区', key: 'orgName', width: 16 },
  { header: en ? 'Status' : '状态', key: 'status', width: 12 }, { header: en ? 'Requested (yuan)' : '申请金额（元）', key: 'requested', width: 14 },
  { header: en ? 'Approved (yuan)' : '批准金额（元）', key: 'approved', width: 14 }, { header: en ? 'Paid (yuan)' : '已拨付（元）', key: 'paid', width: 14 },
  { header: en ? 'Released (yuan)' : '结余退回（元）', key: 'released', width: 14 }, { header: en ? 'Fund' : '资金池', key: 'fund', width: 18 },
  { header: en ? 'Budget line' : '预算科目', key: 'line', width: 18 }, { header: en ? 'Awardee' : '承接方', key: 'awardee', width: 20 },
  { header: en ? 'Target beneficiaries' : '目标受益人数', key: 'target', width: 10 }, { header: en ? 'Served' : '已服务人次', key: 'served', width: 10 },
  { header: en ? 'Period' : '实施周期', key: 'period', width: 24 }, { header: en ? 'Acceptance' : '验收结果', key: 'acceptance', width: 12 },
];

export async function* exportProjects(ctx: AuthedCtx, f: repo.ProjectFilter): AsyncGenerator<Record<string, unknown>> {
  const v = await visibility(ctx);
  if (v.kind === 'resident') throw errors.forbidden();
  const en = ctx.meta.lang === 'en';
  const under = await underPathOf(ctx, f.orgId);
  for await (const p of repo.batches((after) => repo.projectBatch(ctx.deps.db, v.visible, f, under, after, 500), 500)) {
    yield {
      id: p.id, title: p.title, kind: en ? p.kind : KIND_ZH[p.kind], orgName: p.org_name, status: en ? p.status : STATUS_ZH[p.status],
      requested: yuan(p.requested_amount), approved: yuan(p.approved_amount), paid: yuan(p.paid_amount), released: yuan(p.released_amount),
      fund: p.fund_name ?? '', line: p.line_name ?? '', awardee: p.awardee_name ?? '', target: p.beneficiaries_target, served: p.served_count,
      period: `${p.period_start} ~ ${p.period_end}`,
      acceptance: p.acceptance_result ? `${en ? p.acceptance_result : p.acceptance_result === 'passed' ? '合格' : '不合格'} ${Number(p.acceptance_score)}` : '',
    };
  }
}

/** Tranches are seen through their project: staff in scope, the awardee's staff for their own projects. */
async function trancheVisibility(ctx: AuthedCtx) {
  const v = await visibility(ctx);
  if (v.kind === 'resident') throw errors.forbidden();
  // The tranche query joins its project as p, so the project rule applies as it stands.
  return v;
}

export async function listTranches(ctx: AuthedCtx, f: rec.TrancheFilter, page: PageQuery) {
  const v = await trancheVisibility(ctx);
  const rows = await rec.listTranches(ctx.deps.db, v.visible, f, page);
  const total = await pageTotal(rows, page, () => rec.countTranches(ctx.deps.db, v.visible, f));
  return paged(rows.map((t) => presentTranche(ctx.actor, t)), total, page);
}

export const TRANCHE_COLUMNS = (en: boolean) => [
  { header: en ? 'ID' : '编号', key: 'id', width: 8 }, { header: en ? 'Project' : '项目', key: 'project', width: 26 },
  { header: en ? 'No.' : '批次', key: 'seq', width: 6 }, { header: en ? 'Amount (yuan)' : '金额（元）', key: 'amount', width: 14 },
  { header: en ? 'Purpose' : '用途', key: 'purpose', width: 28 }, { header: en ? 'Evidence' : '凭证说明', key: 'evidence', width: 24 },
  { header: en ? 'Status' : '状态', key: 'status', width: 10 }, { header: en ? 'Requested by' : '申请人', key: 'requestedBy', width: 12 },
  { header: en ? 'Requested at' : '申请时间', key: 'requestedAt', width: 22 }, { header: en ? 'Approved by' : '审核人', key: 'approvedBy', width: 12 },
  { header: en ? 'Approved at' : '审核时间', key: 'approvedAt', width: 22 }, { header: en ? 'Paid by' : '拨付人', key: 'paidBy', width: 12 },
  { header: en ? 'Paid at' : '拨付时间', key: 'paidAt', width: 22 }, { header: en ? 'Payment ref.' : '支付凭证号', key: 'paymentRef', width: 18 },
  { header: en ? 'Rejection reason' : '驳回理由', key: 'rejectReason', width: 20 },
];

export async function* exportTranches(ctx: AuthedCtx, f: rec.TrancheFilter): AsyncGenerator<Record<string, unknown>> {
  const v = await trancheVisibility(ctx);
  const en = ctx.meta.lang === 'en';
  for await (const t of repo.batches((after) => rec.trancheBatch(ctx.deps.db, v.visible, f, after, 500), 500)) {
    yield {
      id: t.id, project: t.project_title, seq: t.seq, amount: yuan(t.amount), purpose: t.purpose, evidence: t.evidence, status: en ? t.status : TRANCHE_ZH[t.status],
      requestedBy: t.requested_name, requestedAt: iso(t.requested_at), approvedBy: t.approved_name ?? '', approvedAt: iso(t.approved_at),
      paidBy: t.paid_name ?? '', paidAt: iso(t.paid_at), paymentRef: t.payment_ref ?? '', rejectReason: t.reject_reason ?? '',
    };
  }
}
