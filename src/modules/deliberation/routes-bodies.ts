import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorResponse, IdParams, Items, Paged, errorResponses, paged } from '../../core/schemas.js';
import { authedCtx } from '../../core/request.js';
import { sendXlsx } from '../../core/excel.js';
import * as s from './schema.js';
import * as bodies from './service-bodies.js';
import * as meetings from './service-meetings.js';
import * as consultations from './service-consultations.js';
import { BODY_COLUMNS, MEETING_COLUMNS, exportBodies, exportMeetings } from './export.js';
import { FILE_TYPES, MAX_FILE_BYTES } from './files.js';

const tags = ['deliberation'];

/** Thin routes: bodies and representatives, forms, meetings with files, consultations and comments. */
export const bodyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/delib-bodies', { schema: { tags, summary: '议事会、议事组团列表', querystring: s.BodyQuery, response: { 200: Paged(s.Body), ...errorResponses } } }, async (req) => {
    const { page, pageSize, ...q } = req.query;
    const r = await bodies.listBodies(authedCtx(req), q, { page, pageSize });
    return paged(r.items, r.total, { page, pageSize });
  });
  app.get('/delib-bodies/export.xlsx', { schema: { tags, summary: '导出议事机构 Excel', querystring: s.BodyExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    return sendXlsx(reply, ctx.meta.lang === 'en' ? 'bodies.xlsx' : '议事机构.xlsx', 'bodies', BODY_COLUMNS(ctx.meta.lang), await exportBodies(ctx, req.query));
  });
  app.post('/delib-bodies', { schema: { tags, summary: '设立议事会或议事组团', body: s.CreateBodyBody, response: { 201: s.BodyDetail, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await bodies.createBody(authedCtx(req), req.body)));
  app.get('/delib-bodies/:id', { schema: { tags, summary: '议事机构与代表', params: IdParams, response: { 200: s.BodyDetail, ...errorResponses } } },
    async (req) => bodies.getBody(authedCtx(req), req.params.id));
  app.patch('/delib-bodies/:id', { schema: { tags, summary: '修改或撤销议事机构', params: IdParams, body: s.UpdateBodyBody, response: { 200: s.BodyDetail, ...errorResponses } } },
    async (req) => bodies.updateBody(authedCtx(req), req.params.id, req.body));
  app.post('/delib-bodies/:id/members', { schema: { tags, summary: '增加代表（可关联居民账号以便线上表决）', params: IdParams, body: s.AddMemberBody, response: { 201: s.BodyDetail, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await bodies.addMember(authedCtx(req), req.params.id, req.body)));
  app.patch('/delib-members/:id', { schema: { tags, summary: '修改代表、关联账号或离任', params: IdParams, body: s.UpdateMemberBody, response: { 200: s.BodyDetail, ...errorResponses } } },
    async (req) => bodies.updateMember(authedCtx(req), req.params.id, req.body));
  app.get('/delib-candidates', { schema: { tags, summary: '可关联为代表的社区账号', querystring: s.CandidateQuery, response: { 200: Items(s.Candidate), ...errorResponses } } },
    async (req) => bodies.candidates(authedCtx(req), req.query));

  app.get('/delib-forms', { schema: { tags, summary: '议事形式（六种默认形式 + 自定义）', querystring: s.FormQuery, response: { 200: Items(s.Form), ...errorResponses } } },
    async (req) => bodies.listForms(authedCtx(req), req.query));
  app.post('/delib-forms', { schema: { tags, summary: '增加自定义议事形式（6+X）', body: s.CreateFormBody, response: { 201: Items(s.Form), ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await bodies.createForm(authedCtx(req), req.body)));
  app.patch('/delib-forms/:id', { schema: { tags, summary: '修改或停用自定义议事形式', params: IdParams, body: s.UpdateFormBody, response: { 200: Items(s.Form), ...errorResponses } } },
    async (req) => bodies.updateForm(authedCtx(req), req.params.id, req.body));

  app.get('/delib-meetings', { schema: { tags, summary: '议事会议列表', querystring: s.MeetingQuery, response: { 200: Paged(s.Meeting), ...errorResponses } } }, async (req) => {
    const { page, pageSize, ...q } = req.query;
    const r = await meetings.listMeetings(authedCtx(req), q, { page, pageSize });
    return paged(r.items, r.total, { page, pageSize });
  });
  app.get('/delib-meetings/export.xlsx', { schema: { tags, summary: '导出议事会议 Excel（含纪要）', querystring: s.MeetingExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    return sendXlsx(reply, ctx.meta.lang === 'en' ? 'meetings.xlsx' : '议事会议.xlsx', 'meetings', MEETING_COLUMNS(ctx.meta.lang), await exportMeetings(ctx, req.query));
  });
  app.post('/delib-meetings', { schema: { tags, summary: '安排议事会议（形式、议题、议程、时间、地点）', body: s.CreateMeetingBody, response: { 201: s.MeetingDetail, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await meetings.createMeeting(authedCtx(req), req.body)));
  app.get('/delib-meetings/:id', { schema: { tags, summary: '会议详情：出席、议题、纪要、附件', params: IdParams, response: { 200: s.MeetingDetail, ...errorResponses } } },
    async (req) => meetings.getMeeting(authedCtx(req), req.params.id));
  app.patch('/delib-meetings/:id', { schema: { tags, summary: '修改或取消会议', params: IdParams, body: s.UpdateMeetingBody, response: { 200: s.MeetingDetail, ...errorResponses } } },
    async (req) => meetings.updateMeeting(authedCtx(req), req.params.id, req.body));
  app.put('/delib-meetings/:id/attendance', { schema: { tags, summary: '登记出席（未列出的在任代表记为缺席）', params: IdParams, body: s.AttendanceBody, response: { 200: s.MeetingDetail, ...errorResponses } } },
    async (req) => meetings.setAttendance(authedCtx(req), req.params.id, req.body));
  app.put('/delib-meetings/:id/minutes', { schema: { tags, summary: '记录会议纪要（会议即为已召开）', params: IdParams, body: s.MinutesBody, response: { 200: s.MeetingDetail, ...errorResponses } } },
    async (req) => meetings.recordMinutes(authedCtx(req), req.params.id, req.body));
  await app.register(fileRoutes);

  app.get('/delib-consultations', { schema: { tags, summary: '协商征询列表', querystring: s.ConsultationQuery, response: { 200: Paged(s.Consultation), ...errorResponses } } }, async (req) => {
    const { page, pageSize, ...q } = req.query;
    const r = await consultations.listConsultations(authedCtx(req), q, { page, pageSize });
    return paged(r.items, r.total, { page, pageSize });
  });
  app.post('/delib-consultations', { schema: { tags, summary: '就议题发起书面或网上征询', body: s.CreateConsultationBody, response: { 201: s.ConsultationDetail, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await consultations.createConsultation(authedCtx(req), req.body)));
  app.get('/delib-consultations/:id', { schema: { tags, summary: '征询详情与评论', params: IdParams, response: { 200: s.ConsultationDetail, ...errorResponses } } },
    async (req) => consultations.getConsultation(authedCtx(req), req.params.id));
  app.patch('/delib-consultations/:id', { schema: { tags, summary: '结束征询、填写汇总或调整截止时间', params: IdParams, body: s.UpdateConsultationBody, response: { 200: s.ConsultationDetail, ...errorResponses } } },
    async (req) => consultations.updateConsultation(authedCtx(req), req.params.id, req.body));
  app.post('/delib-consultations/:id/comments', { schema: { tags, summary: '发表评论或回复', params: IdParams, body: s.CommentBody, response: { 201: s.ConsultationDetail, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await consultations.addComment(authedCtx(req), req.params.id, req.body)));
  app.post('/delib-comments/:id/hide', { schema: { tags, summary: '隐藏评论（须说明理由）', params: IdParams, body: s.HideBody, response: { 200: s.ConsultationDetail, ...errorResponses } } },
    async (req) => consultations.hideComment(authedCtx(req), req.params.id, req.body.reason));
  app.get('/me/consultations', { schema: { tags, summary: '本社区的协商征询', querystring: s.MyConsultationQuery, response: { 200: Paged(s.Consultation), ...errorResponses } } }, async (req) => {
    const { page, pageSize } = req.query;
    const r = await consultations.myConsultations(authedCtx(req), { page, pageSize });
    return paged(r.items, r.total, { page, pageSize });
  });
};

/** Meeting files travel as raw bodies; the parser lives in this plugin, so no other route accepts them. */
const fileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addContentTypeParser([...FILE_TYPES], { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES }, (_req, body, done) => done(null, body));
  app.post('/delib-meetings/:id/attachments', {
    bodyLimit: MAX_FILE_BYTES,
    schema: {
      tags, summary: '上传会议附件（图片、PDF、Word，≤ 5 MB，原始请求体，文件名在查询参数中）', params: IdParams, querystring: s.UploadQuery,
      response: { 201: s.MeetingDetail, ...errorResponses, 413: ErrorResponse, 415: ErrorResponse },
    },
  }, async (req, reply) => reply.status(201).send(await meetings.uploadFile(authedCtx(req), req.params.id, req.query.fileName, req.body, req.headers['content-type'])));
  app.get('/delib-attachments/:id', { schema: { tags, summary: '下载会议附件', params: IdParams, response: { 200: Type.Any(), ...errorResponses } } }, async (req, reply) => {
    const f = await meetings.fileData(authedCtx(req), req.params.id);
    return reply.type(f.content_type).header('cache-control', 'private, max-age=300')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.file_name)}`).send(f.data);
  });
};
