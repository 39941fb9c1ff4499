import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, errorResponses } from '../../core/schemas.js';
import { authedCtx } from '../../core/request.js';
import { sendXlsx } from '../../core/excel.js';
import * as s from './schema.js';
import * as service from './service.js';
import { updateResident } from './service-update.js';
import * as lifecycle from './service-lifecycle.js';
import { exportResidents } from './export.js';
import { RESIDENT_META } from './meta.js';

/** Staff routes for resident records. Thin: schema → one service operation → presented output. */
export const residentsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['residents'];

  app.get('/residents/meta', { schema: { tags, summary: '居民字段的取值与中英文标签', response: { 200: s.Meta, ...errorResponses } } }, async (req) => {
    authedCtx(req);
    return RESIDENT_META;
  });

  app.get('/residents', { schema: { tags, summary: '居民列表与搜索（范围内，脱敏）', querystring: s.ListQuery, response: { 200: s.ResidentPage, ...errorResponses } } }, async (req) => {
    const { page, pageSize, ...f } = req.query;
    const r = await service.listResidents(authedCtx(req), f, { page, pageSize });
    return { items: r.items, total: r.total, page, pageSize, totalExact: r.totalExact };
  });

  app.get('/residents/export.xlsx', { schema: { tags, summary: '导出居民 Excel（默认脱敏；明文需权限与理由，记审计）', querystring: s.ExportQuery } }, async (req, reply) => {
    const x = await exportResidents(authedCtx(req), req.query);
    return sendXlsx(reply, x.filename, 'residents', x.columns, x.rows);
  });

  app.get('/residents/:id', { schema: { tags, summary: '居民详情（脱敏）', params: IdParams, response: { 200: s.Resident, ...errorResponses } } },
    async (req) => service.getResident(authedCtx(req), req.params.id));

  app.post('/residents', { schema: { tags, summary: '登记居民', body: s.CreateBody, response: { 201: s.Resident, ...errorResponses } } }, async (req, reply) => {
    return reply.status(201).send(await service.createResident(authedCtx(req), req.body));
  });

  app.patch('/residents/:id', { schema: { tags, summary: '修改居民信息', params: IdParams, body: s.UpdateBody, response: { 200: s.Resident, ...errorResponses } } },
    async (req) => updateResident(authedCtx(req), req.params.id, req.body));

  app.post('/residents/:id/reveal', { schema: { tags, summary: '查看明文姓名/证件号/手机号（需理由，记审计）', params: IdParams, body: s.RevealBody, response: { 200: s.RevealResult, ...errorResponses } } },
    async (req) => ({ value: await service.revealResident(authedCtx(req), req.params.id, req.body.field, req.body.reason) }));

  app.post('/residents/:id/move', { schema: { tags, summary: '迁入/迁出户', params: IdParams, body: s.MoveBody, response: { 200: s.Resident, ...errorResponses } } },
    async (req) => lifecycle.moveResident(authedCtx(req), req.params.id, req.body));

  app.post('/residents/:id/deactivate', { schema: { tags, summary: '注销（迁走、死亡等）', params: IdParams, body: s.ReasonBody, response: { 200: s.Resident, ...errorResponses } } },
    async (req) => lifecycle.deactivateResident(authedCtx(req), req.params.id, req.body.reason));

  app.post('/residents/:id/reactivate', { schema: { tags, summary: '恢复有效', params: IdParams, body: s.ReasonBody, response: { 200: s.Resident, ...errorResponses } } },
    async (req) => lifecycle.reactivateResident(authedCtx(req), req.params.id, req.body.reason));

  app.post('/residents/:id/anonymize', { schema: { tags, summary: '匿名化（不可恢复）', params: IdParams, body: s.ReasonBody, response: { 200: s.Resident, ...errorResponses } } },
    async (req) => lifecycle.anonymizeResident(authedCtx(req), req.params.id, req.body.reason));

  app.get('/residents/:id/history', { schema: { tags, summary: '变更历史与入户记录', params: IdParams, response: { 200: s.History, ...errorResponses } } },
    async (req) => lifecycle.residentHistory(authedCtx(req), req.params.id));

  app.post('/residents/:id/account', { schema: { tags, summary: '为居民开通自助账号', params: IdParams, body: s.AccountBody, response: { 201: s.AccountResult, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await lifecycle.openAccount(authedCtx(req), req.params.id, req.body)));
};
