import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, errorResponses } from '../../core/schemas.js';
import { authedCtx } from '../../core/request.js';
import { sendXlsx } from '../../core/excel.js';
import * as s from './schema.js';
import * as vol from './service-volunteers.js';
import * as act from './service-activities.js';
import * as sign from './service-signups.js';
import * as att from './service-attendance.js';
import { myCertificate, volunteerCertificate } from './certificate.js';

const tags = ['volunteering'];
const ActivityReply = { 200: s.Activity, ...errorResponses };
const Empty = Type.Optional(Type.Object({}, { additionalProperties: false }));

/** Thin routes: volunteers, activities, sign-up, attendance. */
export const volunteeringRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // ── Volunteers ──
  app.get('/volunteers/me', { schema: { tags, summary: '我的志愿者资料（未登记为 null）', response: { 200: Type.Union([s.Volunteer, Type.Null()]), ...errorResponses } } },
    async (req) => vol.getMyVolunteer(authedCtx(req)));
  app.post('/volunteers/me', { schema: { tags, summary: '登记或更新志愿者资料（技能、可服务时间、电话加密）', body: s.RegisterBody, response: { 200: s.Volunteer, ...errorResponses } } },
    async (req) => (await vol.registerVolunteer(authedCtx(req), req.body))!);
  app.get('/volunteers/me/activities', { schema: { tags, summary: '我参加的活动（报名、候补、时长、积分）', querystring: s.MyActivityQuery, response: { 200: s.MyActivityPage, ...errorResponses } } },
    async (req) => sign.myActivities(authedCtx(req), req.query));
  const pdf = (reply: import('fastify').FastifyReply, c: { pdf: Buffer; filename: string }) => reply.type('application/pdf')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(c.filename)}`).header('cache-control', 'no-store').send(c.pdf);
  app.get('/volunteers/me/certificate.pdf', { schema: { tags, summary: '下载我的志愿服务证明（PDF）' } }, async (req, reply) => pdf(reply, await myCertificate(authedCtx(req))));
  app.get('/volunteers/:id/certificate.pdf', { schema: { tags, summary: '志愿服务证明（PDF）', params: IdParams } }, async (req, reply) => pdf(reply, await volunteerCertificate(authedCtx(req), req.params.id)));
  app.get('/volunteers', { schema: { tags, summary: '志愿者名册（范围内，电话脱敏）', querystring: s.VolunteerQuery, response: { 200: s.VolunteerPage, ...errorResponses } } },
    async (req) => { const { page, pageSize, ...f } = req.query; return vol.listVolunteers(authedCtx(req), f, { page, pageSize }); });
  app.get('/volunteers/export.xlsx', { schema: { tags, summary: '导出志愿者 Excel（电话脱敏）', querystring: s.VolunteerExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    const en = ctx.meta.lang === 'en';
    return sendXlsx(reply, en ? 'volunteers.xlsx' : '志愿者.xlsx', 'volunteers', vol.VOLUNTEER_COLUMNS(en), vol.exportVolunteers(ctx, req.query));
  });
  app.get('/volunteers/:id', { schema: { tags, summary: '志愿者详情', params: IdParams, response: { 200: s.Volunteer, ...errorResponses } } },
    async (req) => vol.getVolunteer(authedCtx(req), req.params.id));
  app.post('/volunteers/:id/reveal', { schema: { tags, summary: '查看志愿者电话（需理由，留痕）', params: IdParams, body: s.RevealBody, response: { 200: Type.Object({ value: Type.Union([Type.String(), Type.Null()]) }), ...errorResponses } } },
    async (req) => vol.revealPhone(authedCtx(req), req.params.id, req.body.reason));

  // ── Activities ──
  app.get('/activities', { schema: { tags, summary: '活动列表（工作人员：范围内；居民：本人所在街道、社区、网格发布的）', querystring: s.ActivityQuery, response: { 200: s.ActivityPage, ...errorResponses } } },
    async (req) => { const { page, pageSize, ...f } = req.query; return act.listActivities(authedCtx(req), f, { page, pageSize }); });
  app.get('/activities/export.xlsx', { schema: { tags, summary: '导出活动 Excel', querystring: s.ActivityExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    const en = ctx.meta.lang === 'en';
    return sendXlsx(reply, en ? 'activities.xlsx' : '志愿活动.xlsx', 'activities', act.ACTIVITY_COLUMNS(en), act.exportActivities(ctx, req.query));
  });
  app.post('/activities', { schema: { tags, summary: '创建活动（草稿）', body: s.CreateActivityBody, response: { 201: s.Activity, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await act.createActivity(authedCtx(req), req.body)));
  app.get('/activities/:id', { schema: { tags, summary: '活动详情（含我的报名）', params: IdParams, response: ActivityReply } },
    async (req) => act.getActivity(authedCtx(req), req.params.id));
  app.patch('/activities/:id', { schema: { tags, summary: '修改活动（仅草稿）', params: IdParams, body: s.UpdateActivityBody, response: ActivityReply } },
    async (req) => act.updateActivity(authedCtx(req), req.params.id, req.body));
  app.post('/activities/:id/publish', { schema: { tags, summary: '发布活动', params: IdParams, body: Empty, response: ActivityReply } },
    async (req) => act.publishActivity(authedCtx(req), req.params.id));
  app.post('/activities/:id/cancel', { schema: { tags, summary: '取消活动', params: IdParams, body: s.CancelBody, response: ActivityReply } },
    async (req) => act.cancelActivity(authedCtx(req), req.params.id, req.body.reason));
  app.post('/activities/:id/signup', { schema: { tags, summary: '报名（满员进入候补）', params: IdParams, body: Empty, response: ActivityReply } },
    async (req) => sign.signUp(authedCtx(req), req.params.id));
  app.post('/activities/:id/cancel-signup', { schema: { tags, summary: '取消报名（候补第一位递补）', params: IdParams, body: Empty, response: ActivityReply } },
    async (req) => sign.cancelSignup(authedCtx(req), req.params.id));

  // ── Attendance ──
  app.get('/activities/:id/qr', { schema: { tags, summary: '签到/签退二维码令牌（每 60 秒轮换）', params: IdParams, querystring: s.QrMode, response: { 200: s.QrToken, ...errorResponses } } },
    async (req) => att.qrToken(authedCtx(req), req.params.id, req.query.mode ?? 'in'));
  app.post('/activities/:id/scan', { schema: { tags, summary: '扫码签到或签退（居民手机）', params: IdParams, body: s.CheckInBody, response: ActivityReply } },
    async (req) => att.scan(authedCtx(req), req.params.id, req.body.token));
  app.get('/activities/:id/attendance', { schema: { tags, summary: '考勤表（报名、候补、签到签退、积分预览）', params: IdParams, response: { 200: s.Sheet, ...errorResponses } } },
    async (req) => att.sheet(authedCtx(req), req.params.id));
  app.get('/activities/:id/attendance.xlsx', { schema: { tags, summary: '导出考勤 Excel', params: IdParams } }, async (req, reply) => {
    const ctx = authedCtx(req);
    const en = ctx.meta.lang === 'en';
    return sendXlsx(reply, en ? 'attendance.xlsx' : '考勤.xlsx', 'attendance', att.ATTENDANCE_COLUMNS(en), att.exportAttendance(ctx, req.params.id));
  });
  app.post('/activities/:id/confirm', { schema: { tags, summary: '确认考勤并发放积分（重复确认不重复发放）', params: IdParams, body: Empty, response: { 200: s.ConfirmResult, ...errorResponses } } },
    async (req) => att.confirmAttendance(authedCtx(req), req.params.id));
  app.post('/signups/:id/attendance', { schema: { tags, summary: '手工登记或更正考勤', params: IdParams, body: s.AttendanceBody, response: { 200: s.Sheet, ...errorResponses } } },
    async (req) => att.markAttendance(authedCtx(req), req.params.id, req.body));
};
