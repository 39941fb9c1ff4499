import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Paged, errorResponses, ErrorResponse } from '../../core/schemas.js';
import { authedCtx } from '../../core/request.js';
import * as s from './schema.js';
import * as service from './service.js';
import { stopJobs } from './run.js';
import { XLSX_MIME } from './source.js';

const download = (filename: string) => ({
  'content-type': XLSX_MIME,
  'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`,
  'cache-control': 'no-store',
});

/** Thin routes: schema-validated input → service operation → presented output. */
export const importsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['imports'];
  const uploadLimit = app.deps.config.importUploadLimitBytes;

  // Raw file uploads, for these routes only (the rest of the API takes JSON). Browsers send
  // a .csv as text/csv, text/plain or (on Windows) application/vnd.ms-excel.
  app.addContentTypeParser(['text/csv', 'text/plain', 'application/octet-stream', 'application/vnd.ms-excel', XLSX_MIME],
    { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  // A server stopping lets running imports finish their batch; committing again resumes them.
  app.addHook('onClose', async () => { await stopJobs(app.deps); });

  app.get('/imports/template.xlsx', { schema: { tags, summary: '下载居民导入模板' } }, async (req, reply) => {
    const buf = await service.template(authedCtx(req));
    return reply.headers(download('居民信息导入模板.xlsx')).send(buf);
  });

  app.post('/imports/residents', {
    bodyLimit: uploadLimit,
    schema: {
      tags, summary: '上传居民导入文件（请求体为 .xlsx 或 .csv 文件本身）并预览', querystring: s.UploadQuery,
      response: { 201: s.UploadResult, ...errorResponses, 413: ErrorResponse, 415: ErrorResponse },
    },
  }, async (req, reply) => {
    const r = await service.uploadResidents(authedCtx(req), req.query, req.body, req.headers['content-type']);
    return reply.status(201).send(r);
  });

  app.post('/imports/:id/commit', { schema: { tags, summary: '开始（或继续）导入', params: IdParams, response: { 202: s.Job, ...errorResponses } } },
    async (req, reply) => reply.status(202).send(await service.commitJob(authedCtx(req), req.params.id)));

  app.get('/imports', { schema: { tags, summary: '导入任务列表（范围内）', querystring: s.ListQuery, response: { 200: Paged(s.Job), ...errorResponses } } },
    async (req) => service.listJobs(authedCtx(req), req.query));

  app.get('/imports/:id', { schema: { tags, summary: '导入进度与结果', params: IdParams, response: { 200: s.Job, ...errorResponses } } },
    async (req) => service.getJob(authedCtx(req), req.params.id));

  app.get('/imports/:id/errors.xlsx', { schema: { tags, summary: '下载未导入行及原因（含原始证件号码，记审计）', params: IdParams } }, async (req, reply) => {
    const r = await service.errorReport(authedCtx(req), req.params.id);
    return reply.headers(download(r.filename)).send(r.data);
  });
};
