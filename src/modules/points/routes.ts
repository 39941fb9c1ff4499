import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, errorResponses } from '../../core/schemas.js';
import { authedCtx } from '../../core/request.js';
import { sendXlsx } from '../../core/excel.js';
import * as s from './schema.js';
import * as svc from './service.js';

const tags = ['points'];

/** Thin routes of the points ledger (积分). */
export const pointsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/points/me', { schema: { tags, summary: '我的积分：余额与明细', querystring: s.PageOnly, response: { 200: s.MyPoints, ...errorResponses } } },
    async (req) => svc.myPoints(authedCtx(req), req.query));

  app.get('/points/accounts', { schema: { tags, summary: '积分账户（范围内）', querystring: s.AccountsQuery, response: { 200: s.AccountPage, ...errorResponses } } }, async (req) => {
    const { page, pageSize, ...q } = req.query;
    return svc.listAccounts(authedCtx(req), q, { page, pageSize });
  });
  app.get('/points/accounts/export.xlsx', { schema: { tags, summary: '导出积分账户 Excel', querystring: s.AccountsExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    const en = ctx.meta.lang === 'en';
    return sendXlsx(reply, en ? 'points-accounts.xlsx' : '积分账户.xlsx', 'accounts', svc.ACCOUNT_COLUMNS(en), svc.exportAccounts(ctx, req.query));
  });
  app.get('/points/accounts/:id', { schema: { tags, summary: '账户明细（对账单）', params: IdParams, querystring: s.PageOnly, response: { 200: s.Statement, ...errorResponses } } },
    async (req) => svc.statement(authedCtx(req), req.params.id, req.query));

  app.get('/points/txns', { schema: { tags, summary: '积分流水（范围内）', querystring: s.TxnsQuery, response: { 200: s.TxnPage, ...errorResponses } } }, async (req) => {
    const { page, pageSize, ...q } = req.query;
    return svc.listTxns(authedCtx(req), q, { page, pageSize });
  });
  app.get('/points/txns/export.xlsx', { schema: { tags, summary: '导出积分流水 Excel', querystring: s.TxnsExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    const en = ctx.meta.lang === 'en';
    return sendXlsx(reply, en ? 'points-movements.xlsx' : '积分流水.xlsx', 'movements', svc.TXN_COLUMNS(en), svc.exportTxns(ctx, req.query));
  });
  app.post('/points/txns/:id/reverse', { schema: { tags, summary: '冲正一笔流水（反向记账，一次）', params: IdParams, body: s.ReverseBody, response: { 200: s.Posted, 201: s.Posted, ...errorResponses } } },
    async (req, reply) => {
      const r = await svc.correct(authedCtx(req), req.params.id, req.body);
      return reply.status(r.created ? 201 : 200).send(r);
    });

  app.get('/points/summary', { schema: { tags, summary: '各社区积分池概况', querystring: s.SummaryQuery, response: { 200: Type.Object({ items: Type.Array(s.PoolRow) }), ...errorResponses } } },
    async (req) => svc.summary(authedCtx(req), req.query.orgId));

  app.post('/points/issue', { schema: { tags, summary: '向社区积分池下拨积分', body: s.IssueBody, response: { 200: s.Posted, 201: s.Posted, ...errorResponses } } }, async (req, reply) => {
    const r = await svc.issueToPool(authedCtx(req), req.body);
    return reply.status(r.created ? 201 : 200).send(r);
  });
  app.post('/points/awards', { schema: { tags, summary: '积分奖励（从社区积分池）', body: s.AwardBody, response: { 200: s.Posted, 201: s.Posted, ...errorResponses } } }, async (req, reply) => {
    const r = await svc.award(authedCtx(req), req.body);
    return reply.status(r.created ? 201 : 200).send(r);
  });

  app.post('/points/verify', { schema: { tags, summary: '校验积分账本', body: Type.Optional(Type.Object({}, { additionalProperties: false })), response: { 200: s.VerifyReport, ...errorResponses } } },
    async (req) => svc.verify(authedCtx(req)));
};
