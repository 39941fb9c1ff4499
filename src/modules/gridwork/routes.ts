import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorResponse, IdParams, Items, Paged, errorResponses, paged } from '../../core/schemas.js';
import { authedCtx } from '../../core/request.js';
import { sendXlsx } from '../../core/excel.js';
import * as s from './schema.js';
import * as posts from './service-posts.js';
import { getAttachment, uploadAttachment } from './service-attachments.js';
import { coverage } from './service-coverage.js';
import { exportCoverage } from './export.js';
import { IMAGE_TYPES, MAX_IMAGE_BYTES } from './rules.js';

const tags = ['gridwork'];

/** Thin routes: grid posts (1+4+X, A/B), the residents' card view, photos, coverage. */
export const gridworkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/grid-posts', { schema: { tags, summary: '网格岗位（1+4+X，AB 岗）按网格分页', querystring: s.PostsQuery, response: { 200: Paged(s.GridStaffing), ...errorResponses } } }, async (req) => {
    const { orgId, page, pageSize } = req.query;
    const r = await posts.listPosts(authedCtx(req), orgId, { page, pageSize });
    return paged(r.items, r.total, { page, pageSize });
  });

  app.post('/grid-posts', { schema: { tags, summary: '新设网格岗位', body: s.CreatePostBody, response: { 201: s.GridPost, ...errorResponses } } }, async (req, reply) => {
    return reply.status(201).send(await posts.createPost(authedCtx(req), req.body));
  });

  app.patch('/grid-posts/:id', { schema: { tags, summary: '修改岗位人员或亮牌信息', params: IdParams, body: s.UpdatePostBody, response: { 200: s.GridPost, ...errorResponses } } },
    async (req) => posts.updatePost(authedCtx(req), req.params.id, req.body));

  app.delete('/grid-posts/:id', { schema: { tags, summary: '撤销网格岗位', params: IdParams, response: { 204: Type.Null(), ...errorResponses } } }, async (req, reply) => {
    await posts.deletePost(authedCtx(req), req.params.id);
    return reply.status(204).send(null);
  });

  app.get('/me/grid-workers', { schema: { tags, summary: '我的网格员（亮牌）', response: { 200: Items(s.GridCard), ...errorResponses } } },
    async (req) => ({ items: await posts.myGridCards(authedCtx(req)) }));

  app.get('/coverage', { schema: { tags, summary: '网格覆盖率：户数、本月走访、信息采集完整度', querystring: s.CoverageQuery, response: { 200: s.Coverage, ...errorResponses } } },
    async (req) => coverage(authedCtx(req), req.query));

  app.get('/coverage/export.xlsx', { schema: { tags, summary: '导出网格覆盖率 Excel（含合计行）', querystring: s.CoverageQuery } }, async (req, reply) => {
    const x = await exportCoverage(authedCtx(req), req.query);
    return sendXlsx(reply, x.filename, 'coverage', x.columns, x.rows);
  });

  await app.register(attachmentRoutes);
};

/** Photos travel as raw image bodies; the parser lives in this plugin, so no other route accepts them. */
const attachmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addContentTypeParser([...IMAGE_TYPES], { parseAs: 'buffer', bodyLimit: MAX_IMAGE_BYTES }, (_req, body, done) => done(null, body));

  app.post('/attachments', {
    bodyLimit: MAX_IMAGE_BYTES,
    schema: { tags, summary: '上传图片（JPEG/PNG/WebP，≤ 2 MB，原始请求体）', response: { 201: s.Attachment, ...errorResponses, 413: ErrorResponse, 415: ErrorResponse } },
  }, async (req, reply) => reply.status(201).send(await uploadAttachment(authedCtx(req), req.body, req.headers['content-type'])));

  app.get('/attachments/:id', { schema: { tags, summary: '读取图片', params: IdParams, response: { 200: s.Binary, ...errorResponses } } }, async (req, reply) => {
    const a = await getAttachment(authedCtx(req), req.params.id);
    return reply.type(a.contentType).header('cache-control', 'private, max-age=300').header('content-disposition', 'inline').send(a.data);
  });
};
