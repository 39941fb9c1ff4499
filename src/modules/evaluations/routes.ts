import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, errorResponses } from '../../core/schemas.js';
import { authedCtx } from '../../core/request.js';
import { sendXlsx } from '../../core/excel.js';
import * as s from './schema.js';
import * as camp from './service-campaigns.js';
import * as score from './service-scoring.js';
import * as survey from './service-surveys.js';
import * as res from './service-results.js';
import * as ind from './service-indicators.js';
import { certificate } from './certificate.js';

const tags = ['evaluations'];
const CampaignReply = { 200: s.Campaign, ...errorResponses };
const RectReply = { 200: s.Rectification, ...errorResponses };
const TreeReply = { 200: s.Tree, ...errorResponses };
const Empty = Type.Optional(Type.Object({}, { additionalProperties: false }));
const xlsxName = (en: boolean, zh: string, enName: string) => (en ? `${enName}.xlsx` : `${zh}.xlsx`);

/** Thin routes: campaigns, scoring, surveys (in the app), results, rectifications, indicator trees. */
export const evaluationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // ── Campaigns ──
  app.get('/eval-campaigns', { schema: { tags, summary: '评价活动列表（范围内）', querystring: s.CampaignQuery, response: { 200: s.CampaignPage, ...errorResponses } } },
    async (req) => { const { page, pageSize, ...f } = req.query; return camp.listCampaigns(authedCtx(req), f, { page, pageSize }); });
  app.get('/eval-campaigns/export.xlsx', { schema: { tags, summary: '导出评价活动 Excel', querystring: s.CampaignExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req); const en = ctx.meta.lang === 'en';
    return sendXlsx(reply, xlsxName(en, '评价活动', 'campaigns'), 'campaigns', camp.CAMPAIGN_COLUMNS(en), camp.exportCampaigns(ctx, req.query));
  });
  app.post('/eval-campaigns', { schema: { tags, summary: '创建评价活动（草稿；默认六个维度、权重 10/40/50）', body: s.CreateCampaignBody, response: { 201: s.Campaign, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await camp.createCampaign(authedCtx(req), req.body)));
  app.get('/eval-campaigns/:id', { schema: { tags, summary: '评价活动详情（维度、被评价对象及完成情况、抽样进度）', params: IdParams, response: CampaignReply } },
    async (req) => camp.getCampaign(authedCtx(req), req.params.id));
  app.patch('/eval-campaigns/:id', { schema: { tags, summary: '修改评价活动（仅草稿：周期、权重、维度、合格线、抽样）', params: IdParams, body: s.UpdateCampaignBody, response: CampaignReply } },
    async (req) => camp.updateCampaign(authedCtx(req), req.params.id, req.body));
  app.post('/eval-campaigns/:id/evaluatees', { schema: { tags, summary: '添加被评价对象（仅草稿）', params: IdParams, body: s.AddEvaluateeBody, response: CampaignReply } },
    async (req) => camp.addEvaluatee(authedCtx(req), req.params.id, req.body));
  app.delete('/eval-evaluatees/:id', { schema: { tags, summary: '移除被评价对象（仅草稿）', params: IdParams, response: CampaignReply } },
    async (req) => camp.removeEvaluatee(authedCtx(req), req.params.id));
  app.post('/eval-campaigns/:id/open', { schema: { tags, summary: '开始评价（按种子抽取入户测评样本，维度固定）', params: IdParams, body: Empty, response: CampaignReply } },
    async (req) => camp.openCampaign(authedCtx(req), req.params.id));
  app.post('/eval-campaigns/:id/close', { schema: { tags, summary: '结束评价：计算得分、排名、表彰与整改', params: IdParams, body: Empty, response: CampaignReply } },
    async (req) => camp.closeCampaign(authedCtx(req), req.params.id));
  app.post('/eval-campaigns/:id/publish', { schema: { tags, summary: '公示评价结果', params: IdParams, body: Empty, response: CampaignReply } },
    async (req) => camp.publishCampaign(authedCtx(req), req.params.id));

  // ── Scoring ──
  app.get('/eval-scoring', { schema: { tags, summary: '我可代为打分的评价（自评、互评）', response: { 200: s.MyScoring, ...errorResponses } } },
    async (req) => score.myScoring(authedCtx(req)));
  app.get('/eval-campaigns/:id/sheet', { schema: { tags, summary: '打分表（一个评分单位对所有对象）', params: IdParams, querystring: s.SheetQuery, response: { 200: s.Sheet, ...errorResponses } } },
    async (req) => score.sheet(authedCtx(req), req.params.id, req.query.raterId));
  app.post('/eval-campaigns/:id/scores', { schema: { tags, summary: '提交自评或互评（一行覆盖全部维度，可在评价中修改）', params: IdParams, body: s.ScoreBody, response: { 200: s.Sheet, ...errorResponses } } },
    async (req) => score.submitScores(authedCtx(req), req.params.id, req.body));

  // ── Sample and surveys ──
  app.get('/eval-campaigns/:id/sample', { schema: { tags, summary: '入户测评样本与作答进度', params: IdParams, querystring: s.SampleQuery, response: { 200: s.SamplePage, ...errorResponses } } },
    async (req) => { const { page, pageSize, ...f } = req.query; return survey.samplePage(authedCtx(req), req.params.id, f, { page, pageSize }); });
  app.get('/eval-campaigns/:id/sample.xlsx', { schema: { tags, summary: '导出样本户及测评链接（留痕）', params: IdParams } }, async (req, reply) => {
    const ctx = authedCtx(req); const en = ctx.meta.lang === 'en';
    return sendXlsx(reply, xlsxName(en, '测评样本', 'survey-sample'), 'sample', survey.SAMPLE_COLUMNS(en), survey.exportSample(ctx, req.params.id));
  });
  app.get('/eval-surveys/mine', { schema: { tags, summary: '我家的满意度测评', response: { 200: s.MySurveys, ...errorResponses } } },
    async (req) => survey.mySurveys(authedCtx(req)));
  app.post('/eval-surveys/:id/answer', { schema: { tags, summary: '在应用中作答（每户一次）', params: IdParams, body: s.AnswerBody, response: { 200: s.Survey, ...errorResponses } } },
    async (req) => survey.answerInApp(authedCtx(req), req.params.id, req.body));

  // ── Results ──
  app.get('/eval-campaigns/:id/results', { schema: { tags, summary: '评价结果与排名', params: IdParams, response: { 200: s.Results, ...errorResponses } } },
    async (req) => res.results(authedCtx(req), req.params.id));
  app.get('/eval-campaigns/:id/results.xlsx', { schema: { tags, summary: '导出评价结果 Excel', params: IdParams } }, async (req, reply) => {
    const ctx = authedCtx(req);
    const r = await res.resultsExport(ctx, req.params.id);
    return sendXlsx(reply, `${r.title}.xlsx`, 'results', r.columns, r.rows);
  });
  app.get('/eval-evaluatees/:id/certificate.pdf', { schema: { tags, summary: '荣誉证书（PDF）', params: IdParams } }, async (req, reply) => {
    const c = await certificate(authedCtx(req), req.params.id);
    return reply.type('application/pdf').header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(c.filename)}`).header('cache-control', 'no-store').send(c.pdf);
  });
  app.get('/eval-published', { schema: { tags, summary: '已公示的评价结果（本人所在区域）', querystring: s.PublishedQuery, response: { 200: s.PublishedPage, ...errorResponses } } },
    async (req) => res.listPublished(authedCtx(req), { page: req.query.page, pageSize: req.query.pageSize }));
  app.get('/eval-published/:id', { schema: { tags, summary: '公示的评价结果与排名', params: IdParams, response: { 200: s.Results, ...errorResponses } } },
    async (req) => res.getPublished(authedCtx(req), req.params.id));

  // ── Rectifications ──
  app.get('/eval-rectifications', { schema: { tags, summary: '整改列表（范围内，可筛逾期）', querystring: s.RectQuery, response: { 200: s.RectPage, ...errorResponses } } },
    async (req) => { const { page, pageSize, ...f } = req.query; return res.listRectifications(authedCtx(req), f, { page, pageSize }); });
  app.get('/eval-rectifications/export.xlsx', { schema: { tags, summary: '导出整改 Excel', querystring: s.RectExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req); const en = ctx.meta.lang === 'en';
    return sendXlsx(reply, xlsxName(en, '整改', 'rectifications'), 'rectifications', res.RECT_COLUMNS(en), res.exportRectifications(ctx, req.query));
  });
  app.get('/eval-rectifications/:id', { schema: { tags, summary: '整改详情（三级签字）', params: IdParams, response: RectReply } },
    async (req) => res.getRectification(authedCtx(req), req.params.id));
  app.post('/eval-rectifications/:id/report', { schema: { tags, summary: '填报整改措施', params: IdParams, body: s.ReportBody, response: RectReply } },
    async (req) => res.reportMeasures(authedCtx(req), req.params.id, req.body.measures));
  app.post('/eval-rectifications/:id/signoff', { schema: { tags, summary: '签字确认（社区党组织 / 单位代表 / 居民代表；三级齐全即销号）', params: IdParams, body: s.SignoffBody, response: RectReply } },
    async (req) => res.signOff(authedCtx(req), req.params.id, req.body));

  // ── Indicator trees ──
  app.get('/indicator-trees', { schema: { tags, summary: '考核指标体系列表', querystring: s.TreeQuery, response: { 200: s.TreePage, ...errorResponses } } },
    async (req) => { const { page, pageSize, ...f } = req.query; return ind.listTrees(authedCtx(req), f, { page, pageSize }); });
  app.get('/indicator-trees/export.xlsx', { schema: { tags, summary: '导出考核指标体系列表 Excel', querystring: s.TreeExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req); const en = ctx.meta.lang === 'en';
    return sendXlsx(reply, xlsxName(en, '考核指标体系', 'indicator-trees'), 'trees', ind.TREE_COLUMNS(en), ind.exportTrees(ctx, req.query));
  });
  app.post('/indicator-trees', { schema: { tags, summary: '创建考核指标体系（同级权重合计 100）', body: s.CreateTreeBody, response: { 201: s.Tree, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await ind.createTree(authedCtx(req), req.body)));
  app.get('/indicator-trees/:id', { schema: { tags, summary: '考核指标体系详情', params: IdParams, response: TreeReply } },
    async (req) => ind.getTree(authedCtx(req), req.params.id));
  app.patch('/indicator-trees/:id', { schema: { tags, summary: '修改考核指标体系（有评分后指标不可改）', params: IdParams, body: s.UpdateTreeBody, response: TreeReply } },
    async (req) => ind.updateTree(authedCtx(req), req.params.id, req.body));
  app.get('/indicator-trees/:id/sheet', { schema: { tags, summary: '我的评分表', params: IdParams, response: { 200: s.TreeSheet, ...errorResponses } } },
    async (req) => ind.mySheet(authedCtx(req), req.params.id));
  app.post('/indicator-trees/:id/scores', { schema: { tags, summary: '为一个考核对象的末级指标打分', params: IdParams, body: s.TreeScoreBody, response: { 200: s.TreeSheet, ...errorResponses } } },
    async (req) => ind.scoreTree(authedCtx(req), req.params.id, req.body));
  app.get('/indicator-trees/:id/totals', { schema: { tags, summary: '汇总得分（逐级加权）与排名', params: IdParams, response: { 200: s.TreeTotals, ...errorResponses } } },
    async (req) => ind.totals(authedCtx(req), req.params.id));
  app.get('/indicator-trees/:id/totals.xlsx', { schema: { tags, summary: '导出汇总得分 Excel', params: IdParams } }, async (req, reply) => {
    const r = await ind.totalsExport(authedCtx(req), req.params.id);
    return sendXlsx(reply, `${r.title}.xlsx`, 'totals', r.columns, r.rows);
  });
};
