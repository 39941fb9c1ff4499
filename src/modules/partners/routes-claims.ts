import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Paged, errorResponses, paged } from '../../core/schemas.js';
import { authedCtx } from '../../core/request.js';
import { sendXlsx } from '../../core/excel.js';
import * as s from './schema.js';
import * as claims from './service-claims.js';
import * as rankings from './service-rankings.js';
import { CLAIM_COLUMNS, RANKING_COLUMNS, exportClaims, exportRanking } from './export.js';

const tags = ['partners'];

/** Thin routes: claims (认领), feedback, annual rankings (考评). */
export const claimRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/partner-claims', { schema: { tags, summary: '认领记录', querystring: s.ClaimQuery, response: { 200: Paged(s.Claim), ...errorResponses } } }, async (req) => {
    const { page, pageSize, ...q } = req.query;
    const r = await claims.listClaims(authedCtx(req), q, { page, pageSize });
    return paged(r.items, r.total, { page, pageSize });
  });
  app.get('/partner-claims/export.xlsx', { schema: { tags, summary: '导出认领记录 Excel', querystring: s.ClaimExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    const rows = await exportClaims(ctx, req.query);
    return sendXlsx(reply, ctx.meta.lang === 'en' ? 'claims.xlsx' : '认领记录.xlsx', 'claims', CLAIM_COLUMNS(ctx.meta.lang), rows);
  });
  app.post('/partner-claims', { schema: { tags, summary: '登记认领（党员或共建单位）', body: s.CreateClaimBody, response: { 201: s.Claim, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await claims.createClaim(authedCtx(req), req.body)));
  app.get('/partner-claims/:id', { schema: { tags, summary: '认领详情', params: IdParams, response: { 200: s.Claim, ...errorResponses } } },
    async (req) => claims.getClaim(authedCtx(req), req.params.id));
  app.post('/partner-claims/:id/transition', { schema: { tags, summary: '开始、完成（填写结果）或退出认领', params: IdParams, body: s.ClaimActionBody, response: { 200: s.Claim, ...errorResponses } } },
    async (req) => claims.actOnClaim(authedCtx(req), req.params.id, req.body.action, req.body.note));
  app.post('/partner-claims/:id/feedback', { schema: { tags, summary: '群众评价（1–5 分）', params: IdParams, body: s.FeedbackBody, response: { 200: s.Claim, ...errorResponses } } },
    async (req) => claims.rateClaim(authedCtx(req), req.params.id, req.body));
  app.get('/me/partner-claims', { schema: { tags, summary: '我的认领（以及我提出的需求的认领）', querystring: s.MyListQuery, response: { 200: Paged(s.Claim), ...errorResponses } } }, async (req) => {
    const r = await claims.myClaims(authedCtx(req), req.query);
    return paged(r.items, r.total, req.query);
  });
  app.post('/me/partner-claims', { schema: { tags, summary: '以在职党员身份认领需求或服务岗位', body: s.MyClaimBody, response: { 201: s.Claim, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await claims.claimAsMember(authedCtx(req), req.body)));

  app.get('/partner-rankings', { schema: { tags, summary: '年度积分排名（社区、街道及以上）', querystring: s.RankingQuery, response: { 200: Paged(s.RankingRow), ...errorResponses } } }, async (req) => {
    const { page, pageSize, ...q } = req.query;
    const r = await rankings.ranking(authedCtx(req), q, { page, pageSize });
    return paged(r.items, r.total, { page, pageSize });
  });
  app.get('/partner-rankings/export.xlsx', { schema: { tags, summary: '导出年度排名 Excel', querystring: s.RankingExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    const rows = await exportRanking(ctx, req.query);
    return sendXlsx(reply, ctx.meta.lang === 'en' ? `ranking-${req.query.year}.xlsx` : `年度考评排名-${req.query.year}.xlsx`, 'ranking', RANKING_COLUMNS(ctx.meta.lang), rows);
  });
  app.post('/partner-rankings/recompute', { schema: { tags, summary: '重新计算年度考评积分', body: s.RecomputeBody, response: { 200: s.Recomputed, ...errorResponses } } },
    async (req) => rankings.recompute(authedCtx(req), req.body));
};
