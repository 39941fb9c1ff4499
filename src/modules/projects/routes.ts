import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, errorResponses } from '../../core/schemas.js';
import { authedCtx } from '../../core/request.js';
import { sendXlsx } from '../../core/excel.js';
import * as s from './schema.js';
import * as funds from './service-funds.js';
import * as proj from './service-projects.js';
import * as award from './service-award.js';
import * as impl from './service-implement.js';
import * as xp from './export.js';

const tags = ['projects'];
const FundReply = { 200: s.Fund, ...errorResponses };
const ProjectReply = { 200: s.Project, ...errorResponses };
const Empty = Type.Optional(Type.Object({}, { additionalProperties: false }));

/** Thin routes: funds and lines, projects through their lifecycle, tranches. */
export const projectsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // ── Funds ──
  app.get('/project-funds', { schema: { tags, summary: '资金池列表（含科目与已批准、已拨付、余额）', querystring: s.FundQuery, response: { 200: s.FundPage, ...errorResponses } } },
    async (req) => { const { page, pageSize, ...f } = req.query; return funds.listFunds(authedCtx(req), f, { page, pageSize }); });
  app.get('/project-funds/export.xlsx', { schema: { tags, summary: '导出资金池与科目 Excel', querystring: s.FundExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    const en = ctx.meta.lang === 'en';
    return sendXlsx(reply, en ? 'funds.xlsx' : '项目资金.xlsx', 'funds', funds.FUND_COLUMNS(en), funds.exportFunds(ctx, req.query));
  });
  app.post('/project-funds', { schema: { tags, summary: '新建年度资金池（区或街道；金额单位：分）', body: s.CreateFundBody, response: { 201: s.Fund, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await funds.createFund(authedCtx(req), req.body)));
  app.get('/project-funds/:id', { schema: { tags, summary: '资金池详情', params: IdParams, response: FundReply } },
    async (req) => funds.getFund(authedCtx(req), req.params.id));
  app.patch('/project-funds/:id', { schema: { tags, summary: '修改资金池（金额不低于已分配）', params: IdParams, body: s.UpdateFundBody, response: FundReply } },
    async (req) => funds.updateFund(authedCtx(req), req.params.id, req.body));
  app.post('/project-funds/:id/lines', { schema: { tags, summary: '新增预算科目（不超过资金池可分配余额）', params: IdParams, body: s.CreateLineBody, response: FundReply } },
    async (req) => funds.addLine(authedCtx(req), req.params.id, req.body));
  app.patch('/budget-lines/:id', { schema: { tags, summary: '修改预算科目（金额不低于已占用）', params: IdParams, body: s.UpdateLineBody, response: FundReply } },
    async (req) => funds.updateLine(authedCtx(req), req.params.id, req.body));

  // ── Projects: application and review ──
  app.get('/projects', { schema: { tags, summary: '项目列表（工作人员：范围内；社会组织：承接或投标的；居民：本社区公开的）', querystring: s.ProjectQuery, response: { 200: s.ProjectPage, ...errorResponses } } },
    async (req) => { const { page, pageSize, ...f } = req.query; return proj.listProjects(authedCtx(req), f, { page, pageSize }); });
  app.get('/projects/export.xlsx', { schema: { tags, summary: '导出项目 Excel', querystring: s.ProjectExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    const en = ctx.meta.lang === 'en';
    return sendXlsx(reply, en ? 'projects.xlsx' : '项目.xlsx', 'projects', xp.PROJECT_COLUMNS(en), xp.exportProjects(ctx, req.query));
  });
  app.post('/projects', { schema: { tags, summary: '社区申报项目（草稿，或 submit: true 直接提交）', body: s.CreateProjectBody, response: { 201: s.Project, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await proj.createProject(authedCtx(req), req.body)));
  app.get('/projects/:id', { schema: { tags, summary: '项目详情与全过程记录', params: IdParams, response: ProjectReply } },
    async (req) => proj.getProject(authedCtx(req), req.params.id));
  app.patch('/projects/:id', { schema: { tags, summary: '修改申报（草稿或退回修改）', params: IdParams, body: s.UpdateProjectBody, response: ProjectReply } },
    async (req) => proj.updateProject(authedCtx(req), req.params.id, req.body));
  app.post('/projects/:id/submit', { schema: { tags, summary: '提交申报', params: IdParams, body: Empty, response: ProjectReply } },
    async (req) => proj.submitProject(authedCtx(req), req.params.id));
  app.post('/projects/:id/return', { schema: { tags, summary: '退回修改（附理由）', params: IdParams, body: s.ReasonBody, response: ProjectReply } },
    async (req) => proj.decline(authedCtx(req), req.params.id, 'return', req.body.reason));
  app.post('/projects/:id/reject', { schema: { tags, summary: '不予批准（附理由）', params: IdParams, body: s.ReasonBody, response: ProjectReply } },
    async (req) => proj.decline(authedCtx(req), req.params.id, 'reject', req.body.reason));
  app.post('/projects/:id/approve', { schema: { tags, summary: '批准并从预算科目占用资金（不超过申请金额与科目余额）', params: IdParams, body: s.ApproveBody, response: ProjectReply } },
    async (req) => proj.approveProject(authedCtx(req), req.params.id, req.body));

  // ── Award ──
  app.post('/projects/:id/award', { schema: { tags, summary: '直接委托社会组织或社工承接', params: IdParams, body: s.AwardBody, response: ProjectReply } },
    async (req) => award.awardDirect(authedCtx(req), req.params.id, req.body));
  app.post('/projects/:id/competition', { schema: { tags, summary: '发布竞争性评审（评分项与截止时间）', params: IdParams, body: s.CompetitionBody, response: ProjectReply } },
    async (req) => award.openCompetition(authedCtx(req), req.params.id, req.body));
  app.post('/projects/:id/bids', { schema: { tags, summary: '社会组织投标（报价与方案；截止前可重新提交）', params: IdParams, body: s.BidBody, response: ProjectReply } },
    async (req) => award.submitBid(authedCtx(req), req.params.id, req.body));
  app.post('/projects/:id/close-bidding', { schema: { tags, summary: '截止投标，进入评审', params: IdParams, body: Empty, response: ProjectReply } },
    async (req) => award.closeBidding(authedCtx(req), req.params.id));
  app.post('/bids/:id/scores', { schema: { tags, summary: '评审打分（每位评审一份，可修改）', params: IdParams, body: s.ScoreBody, response: ProjectReply } },
    async (req) => award.scoreBid(authedCtx(req), req.params.id, req.body.scores));
  app.post('/projects/:id/award-best', { schema: { tags, summary: '按平均分授予最优投标（同分：报价低者，再同：先投者）', params: IdParams, body: Empty, response: ProjectReply } },
    async (req) => award.awardBest(authedCtx(req), req.params.id));

  // ── Implementation ──
  app.post('/projects/:id/milestones', { schema: { tags, summary: '新增项目节点（承接方）', params: IdParams, body: s.MilestoneBody, response: ProjectReply } },
    async (req) => impl.addMilestone(authedCtx(req), req.params.id, req.body));
  app.post('/milestones/:id/done', { schema: { tags, summary: '节点完成', params: IdParams, body: s.NoteBody, response: ProjectReply } },
    async (req) => impl.completeMilestone(authedCtx(req), req.params.id, req.body.note));
  app.post('/projects/:id/activities', { schema: { tags, summary: '登记项目活动', params: IdParams, body: s.ActivityBody, response: ProjectReply } },
    async (req) => impl.addActivity(authedCtx(req), req.params.id, req.body));
  app.post('/projects/:id/beneficiaries', { schema: { tags, summary: '登记服务对象（人数，或关联一位本社区居民）', params: IdParams, body: s.BeneficiaryBody, response: ProjectReply } },
    async (req) => impl.addBeneficiary(authedCtx(req), req.params.id, req.body));
  app.post('/projects/:id/tranches', { schema: { tags, summary: '申请拨付（不超过批准金额减已拨付和待拨付）', params: IdParams, body: s.TrancheBody, response: ProjectReply } },
    async (req) => impl.requestTranche(authedCtx(req), req.params.id, req.body));
  app.get('/tranches', { schema: { tags, summary: '拨付批次列表', querystring: s.TrancheQuery, response: { 200: s.TranchePage, ...errorResponses } } },
    async (req) => { const { page, pageSize, ...f } = req.query; return xp.listTranches(authedCtx(req), f, { page, pageSize }); });
  app.get('/tranches/export.xlsx', { schema: { tags, summary: '导出拨付批次 Excel', querystring: s.TrancheExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    const en = ctx.meta.lang === 'en';
    return sendXlsx(reply, en ? 'tranches.xlsx' : '拨付批次.xlsx', 'tranches', xp.TRANCHE_COLUMNS(en), xp.exportTranches(ctx, req.query));
  });
  app.post('/tranches/:id/approve', { schema: { tags, summary: '审核通过拨付申请', params: IdParams, body: Empty, response: ProjectReply } },
    async (req) => impl.decideTranche(authedCtx(req), req.params.id, 'approve', {}));
  app.post('/tranches/:id/pay', { schema: { tags, summary: '拨付（登记支付凭证号）', params: IdParams, body: s.PayBody, response: ProjectReply } },
    async (req) => impl.decideTranche(authedCtx(req), req.params.id, 'pay', { paymentRef: req.body.paymentRef }));
  app.post('/tranches/:id/reject', { schema: { tags, summary: '驳回拨付申请', params: IdParams, body: s.ReasonBody, response: ProjectReply } },
    async (req) => impl.decideTranche(authedCtx(req), req.params.id, 'reject', { reason: req.body.reason }));

  // ── Supervision, acceptance, closure ──
  app.post('/projects/:id/supervision', { schema: { tags, summary: '监督：居民反馈或投诉、社区实地查看', params: IdParams, body: s.SupervisionBody, response: ProjectReply } },
    async (req) => impl.addSupervision(authedCtx(req), req.params.id, req.body));
  app.post('/supervision/:id/reply', { schema: { tags, summary: '回复监督意见（事事有回音）', params: IdParams, body: s.ReplyBody, response: ProjectReply } },
    async (req) => impl.replySupervision(authedCtx(req), req.params.id, req.body.reply));
  app.post('/projects/:id/accept', { schema: { tags, summary: '验收（结果、得分、意见）', params: IdParams, body: s.AcceptBody, response: ProjectReply } },
    async (req) => impl.acceptProject(authedCtx(req), req.params.id, req.body));
  app.post('/projects/:id/close', { schema: { tags, summary: '结项（未使用资金退回预算科目）', params: IdParams, body: s.NoteBody, response: ProjectReply } },
    async (req) => impl.closeProject(authedCtx(req), req.params.id, req.body.note));
};
