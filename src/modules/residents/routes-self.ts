import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Paged, errorResponses, paged } from '../../core/schemas.js';
import { authedCtx } from '../../core/request.js';
import { sendXlsx } from '../../core/excel.js';
import * as s from './schema.js';
import * as self from './service-self.js';
import * as corrections from './service-corrections.js';

/** Resident self-service (PIPL: access, copy, correction) and the workers' correction queue. */
export const residentSelfRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['residents-self'];

  app.get('/me/resident', { schema: { tags, summary: '我的居民信息（本人，明文）', response: { 200: s.OwnRecord, ...errorResponses } } },
    async (req) => self.ownRecord(authedCtx(req)));

  app.get('/me/household', { schema: { tags, summary: '我的户（其他成员脱敏）', response: { 200: s.OwnHousehold, ...errorResponses } } },
    async (req) => self.ownHousehold(authedCtx(req)));

  app.get('/me/resident/export.xlsx', { schema: { tags, summary: '导出我的信息 Excel' } }, async (req, reply) => {
    const ctx = authedCtx(req);
    const rows = await self.ownExportRows(ctx);
    const en = ctx.meta.lang === 'en';
    return sendXlsx(reply, en ? 'my-record.xlsx' : '我的居民信息.xlsx', 'record', [
      { header: en ? 'Field' : '项目', key: 'field', width: 18 }, { header: en ? 'Value' : '内容', key: 'value', width: 40 },
    ], rows);
  });

  app.post('/me/corrections', { schema: { tags, summary: '申请更正我的信息', body: s.CorrectionBody, response: { 201: s.Correction, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await self.createCorrection(authedCtx(req), req.body)));

  app.get('/me/corrections', { schema: { tags, summary: '我的更正申请', querystring: s.OwnCorrectionQuery, response: { 200: Paged(s.Correction), ...errorResponses } } }, async (req) => {
    const r = await self.ownCorrections(authedCtx(req), req.query);
    return paged(r.items, r.total, req.query);
  });

  app.get('/corrections', { schema: { tags, summary: '更正申请（范围内）', querystring: s.CorrectionQuery, response: { 200: Paged(s.Correction), ...errorResponses } } }, async (req) => {
    const { page, pageSize, status } = req.query;
    const r = await corrections.listCorrections(authedCtx(req), status, { page, pageSize });
    return paged(r.items, r.total, { page, pageSize });
  });

  app.post('/corrections/:id/accept', { schema: { tags, summary: '受理更正申请', params: IdParams, body: s.ReplyBody, response: { 200: s.Correction, ...errorResponses } } },
    async (req) => corrections.handleCorrection(authedCtx(req), req.params.id, 'accept', req.body.reply));

  app.post('/corrections/:id/reject', { schema: { tags, summary: '驳回更正申请', params: IdParams, body: s.ReplyBody, response: { 200: s.Correction, ...errorResponses } } },
    async (req) => corrections.handleCorrection(authedCtx(req), req.params.id, 'reject', req.body.reply));
};
