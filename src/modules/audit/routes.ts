import type { FastifyPluginAsync } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Paged, errorResponses, paged, pageTotal } from '../../core/schemas.js';
import { authedCtx } from '../../core/request.js';
import { errors } from '../../core/errors.js';
import { sendXlsx } from '../../core/excel.js';
import type { AuthedCtx } from '../../core/context.js';
import type { AuditRow } from '../../db/schema.js';
import * as s from './schema.js';
import * as repo from './repo.js';
import { canReadAudit } from './policy.js';
import { fieldsOf, verifyAuditChain } from './verify.js';

const present = (r: AuditRow) => ({ id: r.id, ...fieldsOf(r), detail: (r.detail ?? {}) as Record<string, unknown> });

function authorised(req: Parameters<typeof authedCtx>[0]): AuthedCtx {
  const ctx = authedCtx(req);
  if (!canReadAudit(ctx.actor)) throw errors.forbidden();
  return ctx;
}

async function* exportRows(ctx: AuthedCtx, f: repo.AuditFilter) {
  let before = Number.MAX_SAFE_INTEGER;
  for (;;) {
    const rows = await repo.exportBatch(ctx.deps.db, ctx.actor, f, before, 2000);
    for (const r of rows) yield { ...present(r), detail: JSON.stringify(r.detail) };
    if (rows.length < 2000) break;
    before = rows[rows.length - 1].id;
  }
}

/** The audit console's API: search, verify, export — audit admin only. Reading the log is not itself audited. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['audit'];
  app.get('/audit', { schema: { tags, summary: '查询审计日志', querystring: s.AuditQuery, response: { 200: Paged(s.AuditRecord), ...errorResponses } } }, async (req) => {
    const ctx = authorised(req);
    const { page, pageSize, ...f } = req.query;
    const rows = await repo.search(ctx.deps.db, ctx.actor, f, { page, pageSize });
    const total = await pageTotal(rows, { page, pageSize }, () => repo.count(ctx.deps.db, ctx.actor, f));
    return paged(rows.map(present), total, { page, pageSize });
  });
  app.post('/audit/verify', { schema: { tags, summary: '校验哈希链', response: { 200: s.VerifyResult, ...errorResponses } } }, async (req) => {
    const ctx = authorised(req);
    const r = await verifyAuditChain(ctx.deps.db);
    return { ...r, message: r.message[ctx.meta.lang] };
  });
  app.get('/audit/export.xlsx', { schema: { tags, summary: '导出审计日志', querystring: s.AuditExportQuery } }, async (req, reply) => {
    const ctx = authorised(req);
    const en = ctx.meta.lang === 'en';
    const cols = ['id', 'at', 'actorName', 'actorRole', 'action', 'entityType', 'entityId', 'orgPath', 'ip', 'outcome', 'detail'];
    const zh = ['序号', '时间', '操作人', '角色', '操作', '对象类型', '对象', '组织路径', 'IP', '结果', '详情'];
    return sendXlsx(reply, en ? 'audit.xlsx' : '审计日志.xlsx', 'audit', cols.map((k, i) => ({ header: en ? k : zh[i], key: k })), exportRows(ctx, req.query));
  });
};

export const auditModule: { name: string; routes: FastifyPluginAsync[] } = { name: 'audit', routes: [routes as FastifyPluginAsync] };
