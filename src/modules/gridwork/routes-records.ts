import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Paged, errorResponses, paged } from '../../core/schemas.js';
import { authedCtx } from '../../core/request.js';
import { sendXlsx } from '../../core/excel.js';
import * as s from './schema.js';
import * as visits from './service-visits.js';
import * as logs from './service-logs.js';
import { exportLogRows, exportMeetingRows, exportVisitRows, LOG_EXPORT_COLUMNS, MEETING_EXPORT_COLUMNS, VISIT_EXPORT_COLUMNS } from './export.js';

const tags = ['gridwork'];

/** Thin routes: home visits, work logs, weekly meeting notes, and their Excel exports. */
export const recordRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/visits', { schema: { tags, summary: '入户走访记录（范围内）', querystring: s.VisitQuery, response: { 200: Paged(s.Visit), ...errorResponses } } }, async (req) => {
    const { page, pageSize, ...q } = req.query;
    const r = await visits.listVisits(authedCtx(req), q, { page, pageSize });
    return paged(r.rows, r.total, { page, pageSize });
  });

  app.get('/visits/export.xlsx', { schema: { tags, summary: '导出走访记录 Excel（范围内，地址脱敏）', querystring: s.VisitExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    const en = ctx.meta.lang === 'en';
    return sendXlsx(reply, en ? 'visits.xlsx' : '走访记录.xlsx', 'visits', VISIT_EXPORT_COLUMNS(ctx.meta.lang), exportVisitRows(ctx, req.query));
  });

  app.post('/visits', { schema: { tags, summary: '登记入户走访', body: s.CreateVisitBody, response: { 201: s.Visit, ...errorResponses } } }, async (req, reply) => {
    return reply.status(201).send(await visits.createVisit(authedCtx(req), req.body));
  });

  app.get('/visits/:id', { schema: { tags, summary: '走访详情', params: IdParams, response: { 200: s.Visit, ...errorResponses } } },
    async (req) => visits.getVisit(authedCtx(req), req.params.id));

  app.patch('/visits/:id', { schema: { tags, summary: '跟进办结或重新打开', params: IdParams, body: s.UpdateVisitBody, response: { 200: s.Visit, ...errorResponses } } },
    async (req) => visits.setFollowUp(authedCtx(req), req.params.id, req.body));

  app.get('/work-logs', { schema: { tags, summary: '工作日志（范围内）', querystring: s.WorkLogQuery, response: { 200: Paged(s.WorkLog), ...errorResponses } } }, async (req) => {
    const { page, pageSize, ...q } = req.query;
    const r = await logs.listLogs(authedCtx(req), q, { page, pageSize });
    return paged(r.rows, r.total, { page, pageSize });
  });

  app.get('/work-logs/export.xlsx', { schema: { tags, summary: '导出工作日志 Excel（范围内）', querystring: s.WorkLogExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    const en = ctx.meta.lang === 'en';
    return sendXlsx(reply, en ? 'work-logs.xlsx' : '工作日志.xlsx', 'work logs', LOG_EXPORT_COLUMNS(ctx.meta.lang), exportLogRows(ctx, req.query));
  });

  app.post('/work-logs', { schema: { tags, summary: '写工作日志', body: s.CreateWorkLogBody, response: { 201: s.WorkLog, ...errorResponses } } }, async (req, reply) => {
    return reply.status(201).send(await logs.createLog(authedCtx(req), req.body));
  });

  app.get('/grid-meetings', { schema: { tags, summary: '周例会记录（范围内）', querystring: s.MeetingQuery, response: { 200: Paged(s.Meeting), ...errorResponses } } }, async (req) => {
    const { page, pageSize, ...q } = req.query;
    const r = await logs.listMeetings(authedCtx(req), q, { page, pageSize });
    return paged(r.rows, r.total, { page, pageSize });
  });

  app.get('/grid-meetings/export.xlsx', { schema: { tags, summary: '导出周例会记录 Excel（范围内）', querystring: s.MeetingExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    const en = ctx.meta.lang === 'en';
    return sendXlsx(reply, en ? 'grid-meetings.xlsx' : '周例会.xlsx', 'meetings', MEETING_EXPORT_COLUMNS(ctx.meta.lang), exportMeetingRows(ctx, req.query));
  });

  app.post('/grid-meetings', { schema: { tags, summary: '记录周例会', body: s.CreateMeetingBody, response: { 201: s.Meeting, ...errorResponses } } }, async (req, reply) => {
    return reply.status(201).send(await logs.createMeeting(authedCtx(req), req.body));
  });
};
