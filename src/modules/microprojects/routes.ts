import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { IdParams, errorResponses } from '../../core/schemas.js';
import { authedCtx } from '../../core/request.js';
import { sendXlsx } from '../../core/excel.js';
import * as s from './schema.js';
import * as bud from './service-budgets.js';
import * as prop from './service-proposals.js';
import * as round from './service-rounds.js';
import * as proj from './service-projects.js';

const tags = ['microprojects'];
const Empty = Type.Optional(Type.Object({}, { additionalProperties: false }));
const ok = <T>(schema: T) => ({ 200: schema, ...errorResponses });
const xlsx = (reply: FastifyReply, en: boolean, name: [string, string], columns: { header: string; key: string; width?: number }[], rows: AsyncIterable<Record<string, unknown>>) =>
  sendXlsx(reply, en ? name[1] : name[0], 'sheet1', columns, rows);

/** Thin routes of 民生微实事: budgets, proposals, rounds, projects and their supervision. */
export const microprojectsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // ── Budgets ──
  app.get('/micro-budgets', { schema: { tags, summary: '年度预算（工作人员：范围内；居民：本社区）', querystring: s.BudgetQuery, response: ok(s.BudgetPage) } },
    async (req) => { const { page, pageSize, ...f } = req.query; return bud.listBudgets(authedCtx(req), f, { page, pageSize }); });
  app.get('/micro-budgets/export.xlsx', { schema: { tags, summary: '导出年度预算 Excel（预算、安排、支出、结余）', querystring: s.BudgetExportQuery } },
    async (req, reply) => { const ctx = authedCtx(req); const en = ctx.meta.lang === 'en'; return xlsx(reply, en, ['微实事预算.xlsx', 'micro-budgets.xlsx'], bud.BUDGET_COLUMNS(en), bud.exportBudgets(ctx, req.query)); });
  app.post('/micro-budgets', { schema: { tags, summary: '设立社区年度预算（金额：分）', body: s.CreateBudgetBody, response: { 201: s.Budget, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await bud.createBudget(authedCtx(req), req.body)));
  app.get('/micro-budgets/:id', { schema: { tags, summary: '年度预算详情', params: IdParams, response: ok(s.Budget) } },
    async (req) => bud.getBudget(authedCtx(req), req.params.id));
  app.patch('/micro-budgets/:id', { schema: { tags, summary: '修改预算金额或说明（不低于已安排）', params: IdParams, body: s.UpdateBudgetBody, response: ok(s.Budget) } },
    async (req) => bud.updateBudget(authedCtx(req), req.params.id, req.body));

  // ── Proposals ──
  app.get('/micro-proposals', { schema: { tags, summary: '项目申报（居民：本人的和已通过审核的）', querystring: s.ProposalQuery, response: ok(s.ProposalPage) } },
    async (req) => { const { page, pageSize, ...f } = req.query; return prop.listProposals(authedCtx(req), f, { page, pageSize }); });
  app.get('/micro-proposals/export.xlsx', { schema: { tags, summary: '导出申报及投票结果 Excel', querystring: s.ProposalExportQuery } },
    async (req, reply) => { const ctx = authedCtx(req); const en = ctx.meta.lang === 'en'; return xlsx(reply, en, ['微实事申报.xlsx', 'micro-proposals.xlsx'], prop.PROPOSAL_COLUMNS(en), prop.exportProposals(ctx, req.query)); });
  app.post('/micro-proposals', { schema: { tags, summary: '提交申报（居民）或代录（工作人员）', body: s.CreateProposalBody, response: { 201: s.Proposal, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await prop.createProposal(authedCtx(req), req.body)));
  app.get('/micro-proposals/:id', { schema: { tags, summary: '申报详情（含审核意见）', params: IdParams, response: ok(s.Proposal) } },
    async (req) => prop.getProposal(authedCtx(req), req.params.id));
  app.patch('/micro-proposals/:id', { schema: { tags, summary: '修改申报（待审核或退回修改时；改后重新审核）', params: IdParams, body: s.UpdateProposalBody, response: ok(s.Proposal) } },
    async (req) => prop.updateProposal(authedCtx(req), req.params.id, req.body));
  app.post('/micro-proposals/:id/review', { schema: { tags, summary: '审核：通过 / 不通过 / 退回修改', params: IdParams, body: s.ReviewBody, response: ok(s.Proposal) } },
    async (req) => prop.reviewProposal(authedCtx(req), req.params.id, req.body));
  app.get('/micro-photos/:id', { schema: { tags, summary: '申报或项目的图片', params: IdParams } }, async (req, reply) => {
    const a = await prop.photo(authedCtx(req), req.params.id);
    return reply.type(a.contentType).header('cache-control', 'private, max-age=300').header('content-disposition', 'inline').send(a.data);
  });

  // ── Rounds ──
  app.get('/micro-rounds', { schema: { tags, summary: '投票轮次', querystring: s.RoundQuery, response: ok(s.RoundPage) } },
    async (req) => { const { page, pageSize, ...f } = req.query; return round.listRounds(authedCtx(req), f, { page, pageSize }); });
  app.post('/micro-rounds', { schema: { tags, summary: '发起投票轮次（已通过的申报，认可投票）', body: s.OpenRoundBody, response: { 201: s.Round, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await round.openRound(authedCtx(req), req.body)));
  app.get('/micro-rounds/:id', { schema: { tags, summary: '投票轮次及结果', params: IdParams, response: ok(s.Round) } },
    async (req) => round.getRound(authedCtx(req), req.params.id));
  app.post('/micro-rounds/:id/close', { schema: { tags, summary: '结束投票并在预算内确定入选项目', params: IdParams, body: Empty, response: ok(s.Round) } },
    async (req) => round.closeRound(authedCtx(req), req.params.id));
  app.get('/micro-rounds/:id/results.xlsx', { schema: { tags, summary: '导出投票结果 Excel', params: IdParams } },
    async (req, reply) => { const ctx = authedCtx(req); const en = ctx.meta.lang === 'en'; return xlsx(reply, en, ['微实事投票结果.xlsx', 'micro-round-results.xlsx'], round.RESULT_COLUMNS(en), round.exportResults(ctx, req.params.id)); });

  // ── Projects ──
  app.get('/micro-projects', { schema: { tags, summary: '实施项目（本社区居民可见）', querystring: s.ProjectQuery, response: ok(s.ProjectPage) } },
    async (req) => { const { page, pageSize, ...f } = req.query; return proj.listProjects(authedCtx(req), f, { page, pageSize }); });
  app.get('/micro-projects/export.xlsx', { schema: { tags, summary: '导出实施项目 Excel（预算、支出、节点、满意度）', querystring: s.ProjectExportQuery } },
    async (req, reply) => { const ctx = authedCtx(req); const en = ctx.meta.lang === 'en'; return xlsx(reply, en, ['微实事项目.xlsx', 'micro-projects.xlsx'], proj.PROJECT_COLUMNS(en), proj.exportProjects(ctx, req.query)); });
  app.get('/micro-projects/:id', { schema: { tags, summary: '项目详情：节点、资金、照片、监督意见、评价', params: IdParams, response: ok(s.Project) } },
    async (req) => proj.getProject(authedCtx(req), req.params.id));
  app.post('/micro-projects/:id/milestones', { schema: { tags, summary: '添加实施节点', params: IdParams, body: s.MilestoneBody, response: ok(s.Project) } },
    async (req) => proj.addMilestone(authedCtx(req), req.params.id, req.body));
  app.patch('/micro-milestones/:id', { schema: { tags, summary: '修改实施节点（如登记完成日期）', params: IdParams, body: s.UpdateMilestoneBody, response: ok(s.Project) } },
    async (req) => proj.updateMilestone(authedCtx(req), req.params.id, req.body));
  app.post('/micro-projects/:id/spending', { schema: { tags, summary: '登记资金使用（合计不超过项目预算）', params: IdParams, body: s.SpendingBody, response: ok(s.Project) } },
    async (req) => proj.addSpending(authedCtx(req), req.params.id, req.body));
  app.get('/micro-spending/export.xlsx', { schema: { tags, summary: '导出资金使用 Excel', querystring: s.SpendingQuery } },
    async (req, reply) => { const ctx = authedCtx(req); const en = ctx.meta.lang === 'en'; return xlsx(reply, en, ['微实事资金使用.xlsx', 'micro-spending.xlsx'], proj.SPENDING_COLUMNS(en), proj.exportSpending(ctx, req.query)); });
  app.post('/micro-projects/:id/photos', { schema: { tags, summary: '添加实施照片（先上传 /attachments）', params: IdParams, body: s.PhotoBody, response: ok(s.Project) } },
    async (req) => proj.addPhoto(authedCtx(req), req.params.id, req.body));
  app.post('/micro-projects/:id/complete', { schema: { tags, summary: '项目完工', params: IdParams, body: s.CompleteBody, response: ok(s.Project) } },
    async (req) => proj.completeProject(authedCtx(req), req.params.id, req.body.note));
  app.post('/micro-projects/:id/comments', { schema: { tags, summary: '提交监督意见（居民）', params: IdParams, body: s.CommentBody, response: ok(s.Project) } },
    async (req) => proj.addComment(authedCtx(req), req.params.id, req.body.body));
  app.post('/micro-projects/:id/rating', { schema: { tags, summary: '满意度评价（完工后每位居民一次）', params: IdParams, body: s.RatingBody, response: ok(s.Project) } },
    async (req) => proj.rateProject(authedCtx(req), req.params.id, req.body));
  app.get('/micro-comments', { schema: { tags, summary: '监督意见', querystring: s.CommentQuery, response: ok(s.CommentPage) } },
    async (req) => { const { page, pageSize, ...f } = req.query; return proj.listComments(authedCtx(req), f, { page, pageSize }); });
  app.post('/micro-comments/:id/reply', { schema: { tags, summary: '答复监督意见', params: IdParams, body: s.ReplyBody, response: ok(s.Comment) } },
    async (req) => proj.replyComment(authedCtx(req), req.params.id, req.body.reply));
};
