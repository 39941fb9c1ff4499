import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, Paged, errorResponses, paged } from '../../core/schemas.js';
import { authedCtx } from '../../core/request.js';
import * as s from './schema.js';
import * as service from './service-estates.js';

/** 小区 / 楼栋 / 单元: thin routes over service-estates. */
export const estateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['places'];
  const noContent = { 204: Type.Null(), ...errorResponses };

  app.get('/estates', { schema: { tags, summary: '搜索小区（范围内）', querystring: s.EstateQuery, response: { 200: Paged(s.Estate), ...errorResponses } } }, async (req) => {
    const ctx = authedCtx(req);
    const { q, orgId, page, pageSize } = req.query;
    const r = await service.searchEstates(ctx, { q, orgId }, { page, pageSize });
    return paged(r.rows.map((e) => service.presentEstate(ctx, e)), r.total, { page, pageSize });
  });

  app.post('/estates', { schema: { tags, summary: '新建小区', body: s.CreateEstateBody, response: { 201: s.Estate, ...errorResponses } } }, async (req, reply) => {
    const ctx = authedCtx(req);
    return reply.status(201).send(service.presentEstate(ctx, await service.createEstate(ctx, req.body)));
  });

  app.get('/estates/:id', { schema: { tags, summary: '小区详情', params: IdParams, response: { 200: s.Estate, ...errorResponses } } }, async (req) => {
    const ctx = authedCtx(req);
    return service.presentEstate(ctx, await service.getEstateInScope(ctx, req.params.id));
  });

  app.patch('/estates/:id', { schema: { tags, summary: '修改小区', params: IdParams, body: s.UpdateEstateBody, response: { 200: s.Estate, ...errorResponses } } }, async (req) => {
    const ctx = authedCtx(req);
    return service.presentEstate(ctx, await service.updateEstate(ctx, req.params.id, req.body));
  });

  app.delete('/estates/:id', { schema: { tags, summary: '删除小区（无楼栋和户时）', params: IdParams, response: noContent } }, async (req, reply) => {
    await service.deleteEstate(authedCtx(req), req.params.id);
    return reply.status(204).send(null);
  });

  app.get('/buildings', { schema: { tags, summary: '搜索楼栋', querystring: s.BuildingQuery, response: { 200: Paged(s.Building), ...errorResponses } } }, async (req) => {
    const ctx = authedCtx(req);
    const { q, estateId, page, pageSize } = req.query;
    const r = await service.searchBuildings(ctx, { q, estateId }, { page, pageSize });
    return paged(r.rows.map((b) => service.presentBuilding(ctx, b)), r.total, { page, pageSize });
  });

  app.post('/buildings', { schema: { tags, summary: '新建楼栋', body: s.CreateBuildingBody, response: { 201: s.Building, ...errorResponses } } }, async (req, reply) => {
    const ctx = authedCtx(req);
    return reply.status(201).send(service.presentBuilding(ctx, await service.createBuilding(ctx, req.body)));
  });

  app.get('/buildings/:id', { schema: { tags, summary: '楼栋详情', params: IdParams, response: { 200: s.Building, ...errorResponses } } }, async (req) => {
    const ctx = authedCtx(req);
    return service.presentBuilding(ctx, await service.getBuildingInScope(ctx, req.params.id));
  });

  app.patch('/buildings/:id', { schema: { tags, summary: '修改楼栋', params: IdParams, body: s.UpdateBuildingBody, response: { 200: s.Building, ...errorResponses } } }, async (req) => {
    const ctx = authedCtx(req);
    return service.presentBuilding(ctx, await service.updateBuilding(ctx, req.params.id, req.body));
  });

  app.delete('/buildings/:id', { schema: { tags, summary: '删除楼栋（无单元和户时）', params: IdParams, response: noContent } }, async (req, reply) => {
    await service.deleteBuilding(authedCtx(req), req.params.id);
    return reply.status(204).send(null);
  });

  app.get('/units', { schema: { tags, summary: '搜索单元', querystring: s.UnitQuery, response: { 200: Paged(s.Unit), ...errorResponses } } }, async (req) => {
    const ctx = authedCtx(req);
    const { q, buildingId, page, pageSize } = req.query;
    const r = await service.searchUnits(ctx, { q, buildingId }, { page, pageSize });
    return paged(r.rows.map((u) => service.presentUnit(ctx, u)), r.total, { page, pageSize });
  });

  app.post('/units', { schema: { tags, summary: '新建单元', body: s.CreateUnitBody, response: { 201: s.Unit, ...errorResponses } } }, async (req, reply) => {
    const ctx = authedCtx(req);
    return reply.status(201).send(service.presentUnit(ctx, await service.createUnit(ctx, req.body)));
  });

  app.patch('/units/:id', { schema: { tags, summary: '修改单元名称', params: IdParams, body: s.UpdateUnitBody, response: { 200: s.Unit, ...errorResponses } } }, async (req) => {
    const ctx = authedCtx(req);
    return service.presentUnit(ctx, await service.renameUnit(ctx, req.params.id, req.body));
  });

  app.delete('/units/:id', { schema: { tags, summary: '删除单元（无户时）', params: IdParams, response: noContent } }, async (req, reply) => {
    await service.deleteUnit(authedCtx(req), req.params.id);
    return reply.status(204).send(null);
  });
};
