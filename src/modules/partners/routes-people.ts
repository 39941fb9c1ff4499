import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Paged, errorResponses, paged } from '../../core/schemas.js';
import { authedCtx } from '../../core/request.js';
import { sendXlsx } from '../../core/excel.js';
import * as s from './schema.js';
import * as people from './service-people.js';
import * as contracts from './service-contracts.js';
import { CONTRACT_COLUMNS, MEMBER_COLUMNS, UNIT_COLUMNS, exportContracts, exportMembers, exportUnits } from './export.js';

const tags = ['partners'];

/** Thin routes: party members (双报到), partner units, contracts and duty lists. */
export const peopleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/party-members', { schema: { tags, summary: '在职党员（双报到）列表：搜索、分页', querystring: s.MemberQuery, response: { 200: Paged(s.PartyMember), ...errorResponses } } }, async (req) => {
    const { page, pageSize, ...q } = req.query;
    const r = await people.listMembers(authedCtx(req), q, { page, pageSize });
    return paged(r.items, r.total, { page, pageSize });
  });
  app.get('/party-members/export.xlsx', { schema: { tags, summary: '导出在职党员 Excel（电话脱敏）', querystring: s.MemberExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    const rows = await exportMembers(ctx, req.query);
    return sendXlsx(reply, ctx.meta.lang === 'en' ? 'party-members.xlsx' : '在职党员.xlsx', 'party members', MEMBER_COLUMNS(ctx.meta.lang), rows);
  });
  app.post('/party-members', { schema: { tags, summary: '登记报到党员', body: s.CreateMemberBody, response: { 201: s.PartyMember, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await people.createMember(authedCtx(req), req.body)));
  app.get('/party-members/:id', { schema: { tags, summary: '党员详情', params: IdParams, response: { 200: s.PartyMember, ...errorResponses } } },
    async (req) => people.getMember(authedCtx(req), req.params.id));
  app.patch('/party-members/:id', { schema: { tags, summary: '修改党员信息、审核或关联居民账号', params: IdParams, body: s.UpdateMemberBody, response: { 200: s.PartyMember, ...errorResponses } } },
    async (req) => people.updateMember(authedCtx(req), req.params.id, req.body));
  app.post('/party-members/:id/reveal', { schema: { tags, summary: '查看党员完整电话（需说明理由，留痕）', params: IdParams, body: s.RevealBody, response: { 200: s.Revealed, ...errorResponses } } },
    async (req) => people.revealMemberPhone(authedCtx(req), req.params.id, req.body.reason));
  app.get('/me/party-member', { schema: { tags, summary: '我的党员报到信息', response: { 200: s.MyMember, ...errorResponses } } },
    async (req) => people.myMember(authedCtx(req)));

  app.get('/partner-units', { schema: { tags, summary: '共建单位列表', querystring: s.UnitQuery, response: { 200: Paged(s.PartnerUnit), ...errorResponses } } }, async (req) => {
    const { page, pageSize, ...q } = req.query;
    const r = await people.listUnits(authedCtx(req), q, { page, pageSize });
    return paged(r.items, r.total, { page, pageSize });
  });
  app.get('/partner-units/export.xlsx', { schema: { tags, summary: '导出共建单位 Excel（电话脱敏）', querystring: s.UnitExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    const rows = await exportUnits(ctx, req.query);
    return sendXlsx(reply, ctx.meta.lang === 'en' ? 'partner-units.xlsx' : '共建单位.xlsx', 'partner units', UNIT_COLUMNS(ctx.meta.lang), rows);
  });
  app.post('/partner-units', { schema: { tags, summary: '登记共建单位', body: s.CreateUnitBody, response: { 201: s.PartnerUnit, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await people.createUnit(authedCtx(req), req.body)));
  app.get('/partner-units/:id', { schema: { tags, summary: '共建单位详情', params: IdParams, response: { 200: s.PartnerUnit, ...errorResponses } } },
    async (req) => people.getUnit(authedCtx(req), req.params.id));
  app.patch('/partner-units/:id', { schema: { tags, summary: '修改共建单位', params: IdParams, body: s.UpdateUnitBody, response: { 200: s.PartnerUnit, ...errorResponses } } },
    async (req) => people.updateUnit(authedCtx(req), req.params.id, req.body));
  app.post('/partner-units/:id/reveal', { schema: { tags, summary: '查看单位联系电话（需说明理由，留痕）', params: IdParams, body: s.RevealBody, response: { 200: s.Revealed, ...errorResponses } } },
    async (req) => people.revealUnitPhone(authedCtx(req), req.params.id, req.body.reason));

  app.get('/partner-contracts', { schema: { tags, summary: '共建协议列表', querystring: s.ContractQuery, response: { 200: Paged(s.Contract), ...errorResponses } } }, async (req) => {
    const { page, pageSize, ...q } = req.query;
    const r = await contracts.listContracts(authedCtx(req), q, { page, pageSize });
    return paged(r.items, r.total, { page, pageSize });
  });
  app.get('/partner-contracts/export.xlsx', { schema: { tags, summary: '导出共建协议 Excel', querystring: s.ContractExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    const rows = await exportContracts(ctx, req.query);
    return sendXlsx(reply, ctx.meta.lang === 'en' ? 'contracts.xlsx' : '共建协议.xlsx', 'contracts', CONTRACT_COLUMNS(ctx.meta.lang), rows);
  });
  app.post('/partner-contracts', { schema: { tags, summary: '签订共建协议（含责任清单）', body: s.CreateContractBody, response: { 201: s.ContractDetail, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await contracts.createContract(authedCtx(req), req.body)));
  app.get('/partner-contracts/:id', { schema: { tags, summary: '协议详情与责任清单', params: IdParams, response: { 200: s.ContractDetail, ...errorResponses } } },
    async (req) => contracts.getContract(authedCtx(req), req.params.id));
  app.patch('/partner-contracts/:id', { schema: { tags, summary: '修改、续期或终止协议', params: IdParams, body: s.UpdateContractBody, response: { 200: s.ContractDetail, ...errorResponses } } },
    async (req) => contracts.updateContract(authedCtx(req), req.params.id, req.body));
  app.post('/partner-contracts/:id/duties', { schema: { tags, summary: '添加责任事项', params: IdParams, body: s.CreateDutyBody, response: { 201: s.ContractDetail, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await contracts.addDuty(authedCtx(req), req.params.id, req.body)));
  app.patch('/partner-duties/:id', { schema: { tags, summary: '责任事项完成或重新打开', params: IdParams, body: s.UpdateDutyBody, response: { 200: s.ContractDetail, ...errorResponses } } },
    async (req) => contracts.setDuty(authedCtx(req), req.params.id, req.body));
};
