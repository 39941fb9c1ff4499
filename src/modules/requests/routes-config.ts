import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, Items, Paged, PageQueryFields, errorResponses, paged } from '../../core/schemas.js';
import { authedCtx } from '../../core/request.js';
import * as s from './schema.js';
import * as c from './service-config.js';

const tags = ['requests'];

/** Thin routes: the category catalogue, routing rules, Open311 keys. */
export const configRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/request-categories', { schema: { tags, summary: '诉求分类', querystring: Type.Object({ all: Type.Optional(Type.Boolean()) }, { additionalProperties: false }), response: { 200: Items(s.Category), ...errorResponses } } },
    async (req) => ({ items: await c.listCategories(authedCtx(req), req.query.all === true) }));
  app.post('/request-categories', { schema: { tags, summary: '新建诉求分类', body: s.CreateCategoryBody, response: { 201: s.Category, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await c.createCategory(authedCtx(req), req.body)));
  app.patch('/request-categories/:id', { schema: { tags, summary: '修改诉求分类', params: IdParams, body: s.UpdateCategoryBody, response: { 200: s.Category, ...errorResponses } } },
    async (req) => c.updateCategory(authedCtx(req), req.params.id, req.body));

  app.get('/request-routes', { schema: { tags, summary: '派单规则', querystring: s.RouteQuery, response: { 200: Paged(s.RouteRule), ...errorResponses } } }, async (req) => {
    const { page, pageSize, ...q } = req.query;
    const r = await c.listRoutes(authedCtx(req), q, { page, pageSize });
    return paged(r.items, r.total, { page, pageSize });
  });
  app.post('/request-routes', { schema: { tags, summary: '新建派单规则', body: s.CreateRouteBody, response: { 201: s.RouteRule, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await c.createRoute(authedCtx(req), req.body)));
  app.delete('/request-routes/:id', { schema: { tags, summary: '删除派单规则', params: IdParams, response: { 204: Type.Null(), ...errorResponses } } }, async (req, reply) => {
    await c.deleteRoute(authedCtx(req), req.params.id);
    return reply.status(204).send(null);
  });

  app.get('/open311-keys', { schema: { tags, summary: 'Open311 接入密钥', querystring: Type.Object(PageQueryFields, { additionalProperties: false }), response: { 200: Paged(s.ApiKey), ...errorResponses } } }, async (req) => {
    const r = await c.listKeys(authedCtx(req), req.query);
    return paged(r.items, r.total, req.query);
  });
  app.post('/open311-keys', { schema: { tags, summary: '新建 Open311 密钥（仅显示一次）', body: s.CreateApiKeyBody, response: { 201: s.CreatedApiKey, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await c.createKey(authedCtx(req), req.body)));
  app.delete('/open311-keys/:id', { schema: { tags, summary: '吊销 Open311 密钥', params: IdParams, response: { 204: Type.Null(), ...errorResponses } } }, async (req, reply) => {
    await c.revokeKey(authedCtx(req), req.params.id);
    return reply.status(204).send(null);
  });
};
