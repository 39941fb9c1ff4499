import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Items, Paged, errorResponses, paged } from '../../core/schemas.js';
import { authedCtx } from '../../core/request.js';
import { sendXlsx } from '../../core/excel.js';
import * as s from './schema.js';
import * as orgs from './service-orgs.js';
import * as inc from './service-incubation.js';
import { ORG_COLUMNS, SERVICE_COLUMNS, exportOrgs, exportServices } from './export.js';

const tags = ['socialorgs'];

/** Thin routes: the social-organization registry, staff, incubation bases and services, growth assessments. */
export const socialOrgRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/social-orgs', { schema: { tags, summary: '社会组织列表：搜索、筛选、分页', querystring: s.OrgQuery, response: { 200: Paged(s.SocialOrg), ...errorResponses } } }, async (req) => {
    const { page, pageSize, ...q } = req.query;
    const r = await orgs.listOrgs(authedCtx(req), q, { page, pageSize });
    return paged(r.items, r.total, { page, pageSize });
  });
  app.get('/social-orgs/export.xlsx', { schema: { tags, summary: '导出社会组织 Excel（个人信息脱敏）', querystring: s.OrgExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    return sendXlsx(reply, ctx.meta.lang === 'en' ? 'social-organizations.xlsx' : '社会组织.xlsx', 'social organizations', ORG_COLUMNS(ctx.meta.lang), await exportOrgs(ctx, req.query));
  });
  app.post('/social-orgs', { schema: { tags, summary: '登记或备案社会组织', body: s.CreateOrgBody, response: { 201: s.SocialOrgDetail, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await orgs.createOrg(authedCtx(req), req.body)));
  app.get('/social-orgs/:id', { schema: { tags, summary: '社会组织详情（服务范围、工作人员）', params: IdParams, response: { 200: s.SocialOrgDetail, ...errorResponses } } },
    async (req) => orgs.getOrg(authedCtx(req), req.params.id));
  app.patch('/social-orgs/:id', { schema: { tags, summary: '修改社会组织信息', params: IdParams, body: s.UpdateOrgBody, response: { 200: s.SocialOrgDetail, ...errorResponses } } },
    async (req) => orgs.updateOrg(authedCtx(req), req.params.id, req.body));
  app.post('/social-orgs/:id/status', { schema: { tags, summary: '暂停、恢复或注销（需说明理由）', params: IdParams, body: s.StatusBody, response: { 200: s.SocialOrgDetail, ...errorResponses } } },
    async (req) => orgs.setStatus(authedCtx(req), req.params.id, req.body));
  app.post('/social-orgs/:id/reveal', { schema: { tags, summary: '查看负责人证件号或电话（需说明理由，留痕）', params: IdParams, body: s.RevealBody, response: { 200: s.Revealed, ...errorResponses } } },
    async (req) => orgs.reveal(authedCtx(req), req.params.id, req.body));
  app.post('/social-orgs/:id/staff', { schema: { tags, summary: '关联社会组织工作人员账号', params: IdParams, body: s.StaffBody, response: { 201: s.SocialOrgDetail, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await orgs.addStaff(authedCtx(req), req.params.id, req.body)));
  app.post('/social-orgs/:id/staff/remove', { schema: { tags, summary: '解除工作人员账号关联', params: IdParams, body: s.StaffRemoveBody, response: { 200: s.SocialOrgDetail, ...errorResponses } } },
    async (req) => orgs.removeStaff(authedCtx(req), req.params.id, req.body));
  app.get('/social-orgs/:id/assessments', { schema: { tags, summary: '成长评估历史', params: IdParams, response: { 200: Items(s.Assessment), ...errorResponses } } },
    async (req) => inc.listAssessments(authedCtx(req), req.params.id));
  app.post('/social-orgs/:id/assessments', { schema: { tags, summary: '记录成长评估', params: IdParams, body: s.CreateAssessmentBody, response: { 201: Items(s.Assessment), ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await inc.recordAssessment(authedCtx(req), req.params.id, req.body)));

  app.get('/incubation-bases', { schema: { tags, summary: '孵化基地列表（政府、街道、社区三级）', querystring: s.BaseQuery, response: { 200: Paged(s.Base), ...errorResponses } } }, async (req) => {
    const { page, pageSize, ...q } = req.query;
    const r = await inc.listBases(authedCtx(req), q, { page, pageSize });
    return paged(r.items, r.total, { page, pageSize });
  });
  app.post('/incubation-bases', { schema: { tags, summary: '新建孵化基地', body: s.CreateBaseBody, response: { 201: s.BaseDetail, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await inc.createBase(authedCtx(req), req.body)));
  app.get('/incubation-bases/:id', { schema: { tags, summary: '孵化基地详情与在孵组织', params: IdParams, response: { 200: s.BaseDetail, ...errorResponses } } },
    async (req) => inc.getBase(authedCtx(req), req.params.id));
  app.patch('/incubation-bases/:id', { schema: { tags, summary: '修改或关闭孵化基地', params: IdParams, body: s.UpdateBaseBody, response: { 200: s.BaseDetail, ...errorResponses } } },
    async (req) => inc.updateBase(authedCtx(req), req.params.id, req.body));

  app.get('/incubations', { schema: { tags, summary: '孵化记录列表', querystring: s.IncubationQuery, response: { 200: Paged(s.Incubation), ...errorResponses } } }, async (req) => {
    const { page, pageSize, ...q } = req.query;
    const r = await inc.listIncubations(authedCtx(req), q, { page, pageSize });
    return paged(r.items, r.total, { page, pageSize });
  });
  app.post('/incubations', { schema: { tags, summary: '组织入驻孵化基地', body: s.CreateIncubationBody, response: { 201: s.Incubation, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await inc.startIncubation(authedCtx(req), req.body)));
  app.post('/incubations/:id/close', { schema: { tags, summary: '出壳或退出孵化', params: IdParams, body: s.CloseIncubationBody, response: { 200: s.Incubation, ...errorResponses } } },
    async (req) => inc.closeIncubation(authedCtx(req), req.params.id, req.body));

  app.get('/incubation-services', { schema: { tags, summary: '孵化服务记录（六种基本服务）', querystring: s.ServiceQuery, response: { 200: Paged(s.Service), ...errorResponses } } }, async (req) => {
    const { page, pageSize, ...q } = req.query;
    const r = await inc.listServices(authedCtx(req), q, { page, pageSize });
    return paged(r.items, r.total, { page, pageSize });
  });
  app.get('/incubation-services/summary', { schema: { tags, summary: '按服务类型汇总次数与时长', querystring: s.ServiceExportQuery, response: { 200: s.ServiceSummary, ...errorResponses } } },
    async (req) => inc.summarizeServices(authedCtx(req), req.query));
  app.get('/incubation-services/export.xlsx', { schema: { tags, summary: '导出孵化服务记录 Excel', querystring: s.ServiceExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    return sendXlsx(reply, ctx.meta.lang === 'en' ? 'incubation-services.xlsx' : '孵化服务记录.xlsx', 'incubation services', SERVICE_COLUMNS(ctx.meta.lang), await exportServices(ctx, req.query));
  });
  app.post('/incubation-services', { schema: { tags, summary: '记录一次孵化服务', body: s.CreateServiceBody, response: { 201: s.Service, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await inc.recordService(authedCtx(req), req.body)));
};
