import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, errorResponses } from '../../core/schemas.js';
import { authedCtx } from '../../core/request.js';
import { sendXlsx } from '../../core/excel.js';
import * as s from './schema.js';
import { submitRequest } from './service-submit.js';
import { getRequest } from './service-view.js';
import * as list from './service-list.js';
import * as wf from './service-workflow.js';
import * as wh from './service-whistle.js';

const tags = ['requests'];
const Detail = { 200: s.RequestDetail, ...errorResponses };
const PhotoParams = Type.Object({ id: IdParams.properties.id, photoId: IdParams.properties.id }, { additionalProperties: false });
const RevealBody = Type.Object({ field: Type.Enum(['contactName', 'contactPhone'] as const), reason: Type.String({ minLength: 2, maxLength: 200, pattern: '\\S' }) }, { additionalProperties: false });

/** Thin routes: intake, the board, the detail, and one POST per workflow action. */
export const requestRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/requests', { schema: { tags, summary: '提交诉求（随手拍/热线/网格员代报；clientKey 幂等）', body: s.SubmitBody, response: { 200: Type.Unknown(), 201: Type.Unknown(), ...errorResponses } } }, async (req, reply) => {
    const r = await submitRequest(authedCtx(req), req.body);
    return reply.status(r.created ? 201 : 200).send(r.request ?? { id: r.id, anonymous: true });
  });

  app.get('/requests', { schema: { tags, summary: '诉求队列（范围内；居民为本人）', querystring: s.ListQuery, response: { 200: s.RequestPage, ...errorResponses } } }, async (req) => {
    const { page, pageSize, ...q } = req.query;
    return list.listRequests(authedCtx(req), q, { page, pageSize });
  });

  app.get('/requests/export.xlsx', { schema: { tags, summary: '导出诉求 Excel（联系人脱敏）', querystring: s.ExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    const en = ctx.meta.lang === 'en';
    return sendXlsx(reply, en ? 'requests.xlsx' : '诉求.xlsx', 'requests', list.EXPORT_COLUMNS(en), list.exportRows(ctx, req.query));
  });

  app.get('/requests/map', { schema: { tags, summary: '地图：网格边界与未结诉求', querystring: s.MapQuery, response: { 200: s.MapData, ...errorResponses } } },
    async (req) => list.mapData(authedCtx(req), req.query.orgId));

  app.get('/requests/:id', { schema: { tags, summary: '诉求详情（含流转记录与吹哨报到）', params: IdParams, response: Detail } }, async (req) => getRequest(authedCtx(req), req.params.id));

  app.get('/requests/:id/dispatch-targets', { schema: { tags, summary: '可派单的单位', params: IdParams, response: { 200: Type.Object({ items: Type.Array(s.DispatchTarget) }), ...errorResponses } } },
    async (req) => ({ items: await list.dispatchTargets(authedCtx(req), req.params.id) }));

  app.get('/requests/:id/photos/:photoId', { schema: { tags, summary: '诉求照片', params: PhotoParams } }, async (req, reply) => {
    const a = await list.requestPhoto(authedCtx(req), req.params.id, req.params.photoId);
    return reply.type(a.contentType).header('cache-control', 'private, max-age=300').header('content-disposition', 'inline').send(a.data);
  });

  app.post('/requests/:id/reveal', { schema: { tags, summary: '查看联系人（需理由，留痕）', params: IdParams, body: RevealBody, response: { 200: Type.Object({ value: Type.Union([Type.String(), Type.Null()]) }), ...errorResponses } } },
    async (req) => list.revealContact(authedCtx(req), req.params.id, req.body.field, req.body.reason));

  const act = <B>(path: string, summary: string, body: unknown, run: (ctx: ReturnType<typeof authedCtx>, id: number, b: B) => Promise<Awaited<ReturnType<typeof getRequest>>>) =>
    app.post(`/requests/:id/${path}`, { schema: { tags, summary, params: IdParams, body: body as typeof s.NoteBody, response: Detail } },
      async (req) => run(authedCtx(req), req.params.id, req.body as B));

  act('accept', '受理', s.NoteBody, wf.acceptRequest);
  act('dispatch', '派单', s.DispatchBody, (c, id, b: { handlerOrgId: number; note?: string | null; version?: number }) => wf.dispatchRequest(c, id, b));
  act('redispatch', '改派', s.DispatchBody, (c, id, b: { handlerOrgId: number; note?: string | null; version?: number }) => wf.dispatchRequest(c, id, b, true));
  act('start', '签收处理', s.NoteBody, wf.startRequest);
  act('return', '退回', s.ReasonBody, wf.returnRequest);
  act('resolve', '办结', s.ResolveBody, wf.resolveRequest);
  act('rate', '评价', s.RateBody, wf.rateRequest);
  act('reopen', '不满意重启（一次）', s.ReasonBody, wf.reopenRequest);
  act('close', '关闭', s.ReasonBody, wf.closeRequest);
  act('merge', '合并', s.MergeBody, wf.mergeRequest);
  act('supervise', '督办', s.NoteBody, wf.superviseRequest);
  act('whistle', '吹哨（召集部门报到）', s.WhistleBody, wh.whistle);

  // A summons names its request, so its routes need only its own id.
  app.post('/request-summons/:id/check-in', { schema: { tags, summary: '部门报到', params: IdParams, body: Type.Optional(Type.Object({}, { additionalProperties: false })), response: Detail } },
    async (req) => { const ctx = authedCtx(req); return wh.checkIn(ctx, await wh.requestOfSummons(ctx, req.params.id), req.params.id); });
  app.post('/request-summons/:id/report', { schema: { tags, summary: '部门反馈办理情况', params: IdParams, body: s.ReportBody, response: Detail } },
    async (req) => { const ctx = authedCtx(req); return wh.reportSummons(ctx, await wh.requestOfSummons(ctx, req.params.id), req.params.id, req.body); });
};
