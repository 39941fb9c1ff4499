import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, Paged, errorResponses, paged } from '../../core/schemas.js';
import { authedCtx } from '../../core/request.js';
import { sendXlsx } from '../../core/excel.js';
import * as s from './schema.js';
import * as people from './service-people.js';
import * as profiles from './service-profiles.js';
import * as config from './service-config.js';
import { PROFILE_COLUMNS, STATION_COLUMNS, WORKER_COLUMNS, exportProfiles, exportShowsPay, exportStations, exportWorkers } from './export.js';

const tags = ['workforce'];
const YearQuery = Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }, { additionalProperties: false });

/** Thin routes: social work stations, social workers, community workers, the pay configuration. */
export const workforceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/social-work-stations', { schema: { tags, summary: '社工站列表', querystring: s.StationQuery, response: { 200: Paged(s.Station), ...errorResponses } } }, async (req) => {
    const { page, pageSize, ...q } = req.query;
    const r = await people.listStations(authedCtx(req), q, { page, pageSize });
    return paged(r.items, r.total, { page, pageSize });
  });
  app.get('/social-work-stations/export.xlsx', { schema: { tags, summary: '导出社工站 Excel', querystring: s.StationExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    return sendXlsx(reply, ctx.meta.lang === 'en' ? 'stations.xlsx' : '社工站.xlsx', 'stations', STATION_COLUMNS(ctx.meta.lang), await exportStations(ctx, req.query));
  });
  app.post('/social-work-stations', { schema: { tags, summary: '新建社工站（街道或社区）', body: s.CreateStationBody, response: { 201: s.Station, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await people.createStation(authedCtx(req), req.body)));
  app.get('/social-work-stations/:id', { schema: { tags, summary: '社工站详情', params: IdParams, response: { 200: s.Station, ...errorResponses } } },
    async (req) => people.getStation(authedCtx(req), req.params.id));
  app.patch('/social-work-stations/:id', { schema: { tags, summary: '修改或关闭社工站', params: IdParams, body: s.UpdateStationBody, response: { 200: s.Station, ...errorResponses } } },
    async (req) => people.updateStation(authedCtx(req), req.params.id, req.body));

  app.get('/social-workers', { schema: { tags, summary: '专业社工列表', querystring: s.SocialWorkerQuery, response: { 200: Paged(s.SocialWorker), ...errorResponses } } }, async (req) => {
    const { page, pageSize, ...q } = req.query;
    const r = await people.listWorkers(authedCtx(req), q, { page, pageSize });
    return paged(r.items, r.total, { page, pageSize });
  });
  app.get('/social-workers/export.xlsx', { schema: { tags, summary: '导出专业社工 Excel', querystring: s.SocialWorkerExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    return sendXlsx(reply, ctx.meta.lang === 'en' ? 'social-workers.xlsx' : '专业社工.xlsx', 'social workers', WORKER_COLUMNS(ctx.meta.lang), await exportWorkers(ctx, req.query));
  });
  app.post('/social-workers', { schema: { tags, summary: '登记专业社工', body: s.CreateSocialWorkerBody, response: { 201: s.SocialWorker, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await people.createWorker(authedCtx(req), req.body)));
  app.get('/social-workers/:id', { schema: { tags, summary: '专业社工详情', params: IdParams, response: { 200: s.SocialWorker, ...errorResponses } } },
    async (req) => people.getWorker(authedCtx(req), req.params.id));
  app.patch('/social-workers/:id', { schema: { tags, summary: '修改专业社工（证书、社工站、账号）', params: IdParams, body: s.UpdateSocialWorkerBody, response: { 200: s.SocialWorker, ...errorResponses } } },
    async (req) => people.updateWorker(authedCtx(req), req.params.id, req.body));
  app.post('/social-workers/:id/reveal', { schema: { tags, summary: '查看社工完整电话（需说明理由，留痕）', params: IdParams, body: s.RevealBody, response: { 200: s.Revealed, ...errorResponses } } },
    async (req) => people.revealWorkerPhone(authedCtx(req), req.params.id, req.body.reason));

  app.get('/worker-profiles', { schema: { tags, summary: '社区工作者列表（薪酬仅管理者可见）', querystring: s.ProfileQuery, response: { 200: Paged(s.Profile), ...errorResponses } } }, async (req) => {
    const { page, pageSize, ...q } = req.query;
    const r = await profiles.listProfiles(authedCtx(req), q, { page, pageSize });
    return paged(r.items, r.total, { page, pageSize });
  });
  app.get('/worker-profiles/export.xlsx', { schema: { tags, summary: '导出社区工作者 Excel（薪酬列仅管理者）', querystring: s.ProfileExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    const rows = await exportProfiles(ctx, req.query);
    return sendXlsx(reply, ctx.meta.lang === 'en' ? 'community-workers.xlsx' : '社区工作者.xlsx', 'community workers', PROFILE_COLUMNS(ctx.meta.lang, exportShowsPay(ctx)), rows);
  });
  app.post('/worker-profiles', { schema: { tags, summary: '建立社区工作者档案', body: s.CreateProfileBody, response: { 201: s.ProfileDetail, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await profiles.createProfile(authedCtx(req), req.body)));
  app.get('/worker-profiles/:id', { schema: { tags, summary: '社区工作者档案（培训、奖励、薪酬）', params: IdParams, querystring: YearQuery, response: { 200: s.ProfileDetail, ...errorResponses } } },
    async (req) => profiles.getProfile(authedCtx(req), req.params.id, req.query.year));
  app.patch('/worker-profiles/:id', { schema: { tags, summary: '修改档案、调整岗位等级', params: IdParams, body: s.UpdateProfileBody, response: { 200: s.ProfileDetail, ...errorResponses } } },
    async (req) => profiles.updateProfile(authedCtx(req), req.params.id, req.body));
  app.post('/worker-profiles/:id/trainings', { schema: { tags, summary: '记录培训', params: IdParams, body: s.CreateTrainingBody, response: { 201: s.ProfileDetail, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await profiles.addTraining(authedCtx(req), req.params.id, req.body)));
  app.post('/worker-profiles/:id/bonuses', { schema: { tags, summary: '发放持证一次性奖励', params: IdParams, body: s.CreateBonusBody, response: { 201: s.ProfileDetail, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await profiles.awardBonus(authedCtx(req), req.params.id, req.body)));
  app.post('/worker-profiles/:id/reveal', { schema: { tags, summary: '查看完整电话（需说明理由，留痕）', params: IdParams, body: s.RevealBody, response: { 200: s.Revealed, ...errorResponses } } },
    async (req) => profiles.revealProfilePhone(authedCtx(req), req.params.id, req.body.reason));

  app.get('/workforce/config', { schema: { tags, summary: '职级体系、当地平均工资与持证奖励（现行）', querystring: s.ConfigQuery, response: { 200: s.Config, ...errorResponses } } },
    async (req) => config.getConfig(authedCtx(req), req.query));
  app.post('/workforce/ladder', { schema: { tags, summary: '配置职级体系（岗位与等级系数）', body: s.PutLadderBody, response: { 200: s.Config, ...errorResponses } } },
    async (req) => config.putLadder(authedCtx(req), req.body));
  app.post('/workforce/wages', { schema: { tags, summary: '配置当地城镇在岗职工平均工资', body: s.PutWageBody, response: { 200: s.Config, ...errorResponses } } },
    async (req) => config.putWage(authedCtx(req), req.body));
  app.post('/workforce/cert-bonuses', { schema: { tags, summary: '配置持证奖励与津贴标准', body: s.PutBonusBody, response: { 200: s.Config, ...errorResponses } } },
    async (req) => config.putBonuses(authedCtx(req), req.body));
};
