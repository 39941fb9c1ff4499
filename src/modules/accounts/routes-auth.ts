import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { errorResponses } from '../../core/schemas.js';
import { authedCtx, ctxOf } from '../../core/request.js';
import type { Actor } from '../../core/context.js';
import { permissionsOf } from '../../core/roles.js';
import * as s from './schema.js';
import * as auth from './service-auth.js';

export const SESSION_COOKIE = 'gz_sid';

export function presentMe(a: Actor) {
  return {
    user: {
      id: a.userId, username: a.username, displayName: a.displayName, role: a.role,
      org: { id: a.orgId, name: a.orgName, level: a.orgLevel, code: a.orgCode },
      permissions: [...permissionsOf(a.role)], totpEnabled: a.totpEnabled, mustChangePassword: a.mustChangePassword,
    },
    csrfToken: a.csrfToken,
  };
}

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['auth'];
  const cfg = app.deps.config;
  const clearCookie = (reply: FastifyReply) => reply.clearCookie(SESSION_COOKIE, { path: '/' });

  app.post('/auth/login', {
    config: { public: true, rateLimit: { max: cfg.loginRateLimitPerMinute, timeWindow: '1 minute' } },
    schema: { tags, summary: '登录', body: s.LoginBody, response: { 200: s.MeResponse, 423: errorResponses[400], ...errorResponses } },
  }, async (req, reply) => {
    const { token, actor } = await auth.login(ctxOf(req), req.body);
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/', httpOnly: true, sameSite: 'lax', secure: cfg.secureCookies || req.protocol === 'https',
      maxAge: cfg.session.absoluteHours * 3600,
    });
    return presentMe(actor);
  });

  app.post('/auth/logout', {
    config: { allowWhilePasswordExpired: true },
    schema: { tags, summary: '退出登录', response: { 204: Type.Null(), ...errorResponses } },
  }, async (req, reply) => {
    await auth.logout(authedCtx(req));
    clearCookie(reply);
    return reply.status(204).send(null);
  });

  app.get('/auth/me', {
    config: { allowWhilePasswordExpired: true },
    schema: { tags, summary: '当前用户', response: { 200: s.MeResponse, ...errorResponses } },
  }, async (req) => presentMe(authedCtx(req).actor));

  app.post('/auth/password', {
    config: { allowWhilePasswordExpired: true },
    schema: { tags, summary: '修改密码（结束所有会话）', body: s.PasswordBody, response: { 204: Type.Null(), ...errorResponses } },
  }, async (req, reply) => {
    await auth.changePassword(authedCtx(req), req.body.oldPassword, req.body.newPassword);
    clearCookie(reply);
    return reply.status(204).send(null);
  });

  app.post('/auth/totp/setup', { schema: { tags, summary: '生成双因素密钥', response: { 200: s.TotpSetup, ...errorResponses } } },
    async (req) => auth.setupTotp(authedCtx(req)));

  app.post('/auth/totp/enable', { schema: { tags, summary: '启用双因素认证', body: s.TotpCodeBody, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await auth.enableTotp(authedCtx(req), req.body.code);
      return reply.status(204).send(null);
    });

  app.post('/auth/totp/disable', { schema: { tags, summary: '关闭双因素认证', body: s.TotpDisableBody, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await auth.disableTotp(authedCtx(req), req.body.password);
      return reply.status(204).send(null);
    });
};
