import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, Paged, errorResponses, paged } from '../../core/schemas.js';
import { authedCtx } from '../../core/request.js';
import { errors } from '../../core/errors.js';
import { sendXlsx } from '../../core/excel.js';
import { ROLE_LABELS } from '../../core/roles.js';
import * as s from './schema.js';
import * as users from './service-users.js';
import * as policy from './policy.js';

export const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['users'];

  app.get('/users', { schema: { tags, summary: '用户列表（范围内）', querystring: s.UserQuery, response: { 200: Paged(s.User), ...errorResponses } } }, async (req) => {
    const { page, pageSize, ...f } = req.query;
    const r = await users.listUsers(authedCtx(req), f, { page, pageSize });
    return paged(r.rows, r.total, { page, pageSize });
  });

  app.get('/users/export.xlsx', { schema: { tags, summary: '导出用户 Excel（手机号脱敏）', querystring: s.UserExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    if (!policy.canListUsers(ctx.actor)) throw errors.forbidden();
    const en = ctx.meta.lang === 'en';
    return sendXlsx(reply, en ? 'users.xlsx' : '用户.xlsx', 'users', [
      { header: en ? 'Username' : '用户名', key: 'username' },
      { header: en ? 'Name' : '姓名', key: 'displayName' },
      { header: en ? 'Role' : '角色', key: 'role' },
      { header: en ? 'Org' : '所属组织', key: 'orgName', width: 30 },
      { header: en ? 'Phone' : '手机号', key: 'phoneMasked' },
      { header: en ? 'Status' : '状态', key: 'status' },
      { header: en ? 'Last login' : '最近登录', key: 'lastLoginAt', width: 24 },
    ], users.exportUserRows(ctx, req.query, (r) => ({ ...r, role: ROLE_LABELS[r.role][ctx.meta.lang] })));
  });

  app.get('/users/role-options', { schema: { tags, summary: '我可分配的角色及其可归属的组织层级', response: { 200: s.RoleOptions, ...errorResponses } } }, async (req) => {
    const ctx = authedCtx(req);
    if (!policy.canListUsers(ctx.actor)) throw errors.forbidden();
    return { items: policy.roleOptions(ctx.actor) };
  });

  app.get('/users/:id', { schema: { tags, summary: '用户详情', params: IdParams, response: { 200: s.User, ...errorResponses } } },
    async (req) => users.getUser(authedCtx(req), req.params.id));

  app.post('/users', { schema: { tags, summary: '新建用户', body: s.CreateUserBody, response: { 201: s.User, ...errorResponses } } }, async (req, reply) => {
    return reply.status(201).send(await users.createUser(authedCtx(req), req.body));
  });

  app.patch('/users/:id', { schema: { tags, summary: '修改用户', params: IdParams, body: s.UpdateUserBody, response: { 200: s.User, ...errorResponses } } },
    async (req) => users.updateUser(authedCtx(req), req.params.id, req.body));

  app.post('/users/:id/reset-password', { schema: { tags, summary: '重置密码（安全管理员）', params: IdParams, body: s.ResetPasswordBody, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await users.resetPassword(authedCtx(req), req.params.id, req.body.newPassword);
      return reply.status(204).send(null);
    });

  app.post('/users/:id/unlock', { schema: { tags, summary: '解除锁定（安全管理员）', params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await users.unlockUser(authedCtx(req), req.params.id);
      return reply.status(204).send(null);
    });

  app.post('/users/:id/reveal', { schema: { tags, summary: '查看明文个人信息（需说明理由，记审计）', params: IdParams, body: s.RevealBody, response: { 200: s.RevealResult, ...errorResponses } } },
    async (req) => ({ value: await users.revealUserField(authedCtx(req), req.params.id, req.body.field, req.body.reason) }));
};
