import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Paged, errorResponses, paged } from '../../core/schemas.js';
import { authedCtx } from '../../core/request.js';
import { sendXlsx } from '../../core/excel.js';
import * as s from './schema.js';
import * as service from './service.js';
import { exportHouseholdRows, HOUSEHOLD_EXPORT_COLUMNS } from './export.js';

/** 户: thin routes over the households service. */
export const placesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['places'];

  app.get('/households', { schema: { tags, summary: '搜索户（范围内，地址脱敏）', querystring: s.HouseholdQuery, response: { 200: Paged(s.Household), ...errorResponses } } }, async (req) => {
    const ctx = authedCtx(req);
    const { page, pageSize, ...q } = req.query;
    const r = await service.searchHouseholds(ctx, q, { page, pageSize });
    return paged(r.rows.map((h) => service.presentHousehold(ctx, h)), r.total, { page, pageSize });
  });

  app.get('/households/export.xlsx', { schema: { tags, summary: '导出户 Excel（地址脱敏）', querystring: s.HouseholdExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    const en = ctx.meta.lang === 'en';
    return sendXlsx(reply, en ? 'households.xlsx' : '户.xlsx', 'households', HOUSEHOLD_EXPORT_COLUMNS(ctx.meta.lang), exportHouseholdRows(ctx, req.query));
  });

  app.post('/households', { schema: { tags, summary: '新建户（按坐标归入网格）', body: s.CreateHouseholdBody, response: { 201: s.Household, ...errorResponses } } }, async (req, reply) => {
    return reply.status(201).send(await service.createHousehold(authedCtx(req), req.body));
  });

  app.get('/households/:id', { schema: { tags, summary: '户详情（含成员，脱敏）', params: IdParams, response: { 200: s.HouseholdDetail, ...errorResponses } } }, async (req) => {
    return service.getHouseholdDetail(authedCtx(req), req.params.id);
  });

  app.patch('/households/:id', { schema: { tags, summary: '修改户', params: IdParams, body: s.UpdateHouseholdBody, response: { 200: s.Household, ...errorResponses } } }, async (req) => {
    return service.updateHousehold(authedCtx(req), req.params.id, req.body);
  });

  app.post('/households/:id/reveal', { schema: { tags, summary: '查看完整地址（需说明理由，记审计）', params: IdParams, body: s.RevealBody, response: { 200: s.RevealResult, ...errorResponses } } },
    async (req) => ({ value: await service.revealAddress(authedCtx(req), req.params.id, req.body.reason) }));
};
