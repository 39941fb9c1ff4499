import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, errorResponses } from '../../core/schemas.js';
import { authedCtx } from '../../core/request.js';
import { pathInScope } from '../../core/scope.js';
import { errors } from '../../core/errors.js';
import { sendXlsx } from '../../core/excel.js';
import * as s from './schema.js';
import * as policy from './policy.js';
import { getStats } from './service-stats.js';
import { listNotifications, markRead } from './service-notifications.js';
import { flushChanges, parseChanges, type ChangeMessage } from './notify.js';

const tags = ['requests'];

/** The 接诉即办 figures, notifications, and the live board's event stream. */
export const liveRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Changes still batched for the boards go out before the server lets go of the database.
  app.addHook('onClose', async () => flushChanges(app.deps));
  app.get('/request-stats', { schema: { tags, summary: '响应率、解决率、满意率（按区域或承办单位）', querystring: s.StatsQuery, response: { 200: s.Stats, ...errorResponses } } },
    async (req) => getStats(authedCtx(req), req.query));

  app.get('/request-stats/export.xlsx', { schema: { tags, summary: '导出三率统计 Excel', querystring: s.StatsQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    const st = await getStats(ctx, req.query);
    const en = ctx.meta.lang === 'en';
    const cols = [['name', en ? 'Unit' : '单位'], ['received', en ? 'Received' : '受理量'], ['responseRate', en ? 'Response %' : '响应率%'], ['resolutionRate', en ? 'Resolution %' : '解决率%'],
      ['satisfactionRate', en ? 'Satisfaction %' : '满意率%'], ['overdue', en ? 'Overdue' : '超期'], ['avgHandleHours', en ? 'Avg hours' : '平均办理时长(小时)']].map(([key, header]) => ({ key, header }));
    async function* rows() { for (const r of st.rows) yield r; yield { ...st.totals, name: en ? 'Total' : '合计' }; }
    return sendXlsx(reply, en ? 'request-figures.xlsx' : '诉求三率.xlsx', 'figures', cols, rows());
  });

  app.get('/notifications', { schema: { tags, summary: '我的通知', querystring: s.NotificationQuery, response: { 200: s.NotificationPage, ...errorResponses } } }, async (req) => {
    const { page, pageSize, unread } = req.query;
    return listNotifications(authedCtx(req), unread === true, { page, pageSize });
  });
  app.post('/notifications/:id/read', { schema: { tags, summary: '标记已读', params: IdParams, response: { 204: Type.Null(), ...errorResponses } } }, async (req, reply) => {
    await markRead(authedCtx(req), req.params.id);
    return reply.status(204).send(null);
  });
  app.post('/notifications/read-all', { schema: { tags, summary: '全部标记已读', response: { 204: Type.Null(), ...errorResponses } } }, async (req, reply) => {
    await markRead(authedCtx(req), 'all');
    return reply.status(204).send(null);
  });

  /**
   * Server-Sent Events: one message per change of a request the viewer may see (decided from
   * the paths in the change message, no query). The client refetches what it shows.
   */
  // Hidden from OpenAPI: an event stream never ends, which the generic route checks cannot drive.
  app.get('/request-events', { schema: { tags, summary: '诉求实时变更（SSE）', hide: true } }, async (req, reply) => {
    const ctx = authedCtx(req);
    const a = ctx.actor;
    if (!policy.canReadRequests(a) && !policy.canSubmit(a)) throw errors.forbidden();
    const staff = policy.canReadRequests(a);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write('retry: 3000\n\n');
    const sees = (m: ChangeMessage) => staff
      ? pathInScope(a, m.orgPath) || (m.handlerPath !== null && pathInScope(a, m.handlerPath)) || m.summoned.some((p) => pathInScope(a, p))
      : m.reporterUserId === a.userId;
    const onChange = (payload: string) => {
      for (const m of parseChanges(payload)) if (sees(m)) res.write(`data: ${JSON.stringify({ id: m.id, status: m.status })}\n\n`);
    };
    const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
    ctx.deps.bus.on('request', onChange);
    req.raw.on('close', () => { clearInterval(ping); ctx.deps.bus.off('request', onChange); });
  });
};
