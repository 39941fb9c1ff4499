import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Paged, errorResponses, paged } from '../../core/schemas.js';
import { authedCtx } from '../../core/request.js';
import { sendXlsx } from '../../core/excel.js';
import * as s from './schema.js';
import * as lists from './service-lists.js';
import { NEED_COLUMNS, OFFER_COLUMNS, POST_COLUMNS, exportNeeds, exportOffers, exportPosts } from './export.js';

const tags = ['partners'];

/** Thin routes: the need list, the service list, service posts, and the resident's view of them. */
export const listRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/partner-needs', { schema: { tags, summary: '需求清单', querystring: s.NeedQuery, response: { 200: Paged(s.Need), ...errorResponses } } }, async (req) => {
    const { page, pageSize, ...q } = req.query;
    const r = await lists.listNeeds(authedCtx(req), q, { page, pageSize });
    return paged(r.items, r.total, { page, pageSize });
  });
  app.get('/partner-needs/export.xlsx', { schema: { tags, summary: '导出需求清单 Excel', querystring: s.NeedExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    const rows = await exportNeeds(ctx, req.query);
    return sendXlsx(reply, ctx.meta.lang === 'en' ? 'needs.xlsx' : '需求清单.xlsx', 'needs', NEED_COLUMNS(ctx.meta.lang), rows);
  });
  app.post('/partner-needs', { schema: { tags, summary: '发布需求', body: s.CreateNeedBody, response: { 201: s.Need, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await lists.createNeed(authedCtx(req), req.body)));
  app.get('/partner-needs/:id', { schema: { tags, summary: '需求详情', params: IdParams, response: { 200: s.Need, ...errorResponses } } },
    async (req) => lists.getNeed(authedCtx(req), req.params.id));
  app.patch('/partner-needs/:id', { schema: { tags, summary: '修改、完成或关闭需求', params: IdParams, body: s.UpdateNeedBody, response: { 200: s.Need, ...errorResponses } } },
    async (req) => lists.updateNeed(authedCtx(req), req.params.id, req.body));

  app.get('/service-offers', { schema: { tags, summary: '服务清单', querystring: s.OfferQuery, response: { 200: Paged(s.Offer), ...errorResponses } } }, async (req) => {
    const { page, pageSize, ...q } = req.query;
    const r = await lists.listOffers(authedCtx(req), q, { page, pageSize });
    return paged(r.items, r.total, { page, pageSize });
  });
  app.get('/service-offers/export.xlsx', { schema: { tags, summary: '导出服务清单 Excel', querystring: s.OfferExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    const rows = await exportOffers(ctx, req.query);
    return sendXlsx(reply, ctx.meta.lang === 'en' ? 'service-list.xlsx' : '服务清单.xlsx', 'service list', OFFER_COLUMNS(ctx.meta.lang), rows);
  });
  app.post('/service-offers', { schema: { tags, summary: '登记服务项目（党员或共建单位）', body: s.CreateOfferBody, response: { 201: s.Offer, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await lists.createOffer(authedCtx(req), req.body)));
  app.patch('/service-offers/:id', { schema: { tags, summary: '修改或撤下服务项目', params: IdParams, body: s.UpdateOfferBody, response: { 200: s.Offer, ...errorResponses } } },
    async (req) => lists.updateOffer(authedCtx(req), req.params.id, req.body));

  app.get('/service-posts', { schema: { tags, summary: '服务岗位', querystring: s.PostQuery, response: { 200: Paged(s.Post), ...errorResponses } } }, async (req) => {
    const { page, pageSize, ...q } = req.query;
    const r = await lists.listPosts(authedCtx(req), q, { page, pageSize });
    return paged(r.items, r.total, { page, pageSize });
  });
  app.get('/service-posts/export.xlsx', { schema: { tags, summary: '导出服务岗位 Excel', querystring: s.PostExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    const rows = await exportPosts(ctx, req.query);
    return sendXlsx(reply, ctx.meta.lang === 'en' ? 'service-posts.xlsx' : '服务岗位.xlsx', 'service posts', POST_COLUMNS(ctx.meta.lang), rows);
  });
  app.post('/service-posts', { schema: { tags, summary: '设立服务岗位', body: s.CreatePostBody, response: { 201: s.Post, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await lists.createPost(authedCtx(req), req.body)));
  app.patch('/service-posts/:id', { schema: { tags, summary: '修改或关闭服务岗位', params: IdParams, body: s.UpdatePostBody, response: { 200: s.Post, ...errorResponses } } },
    async (req) => lists.updatePost(authedCtx(req), req.params.id, req.body));

  app.get('/me/partner-needs', { schema: { tags, summary: '本社区待认领的需求（居民）', querystring: s.MyListQuery, response: { 200: Paged(s.Need), ...errorResponses } } }, async (req) => {
    const r = await lists.residentNeeds(authedCtx(req), req.query);
    return paged(r.items, r.total, req.query);
  });
  app.get('/me/service-posts', { schema: { tags, summary: '本社区开放的服务岗位（居民）', querystring: s.MyListQuery, response: { 200: Paged(s.Post), ...errorResponses } } }, async (req) => {
    const r = await lists.residentPosts(authedCtx(req), req.query);
    return paged(r.items, r.total, req.query);
  });
};
