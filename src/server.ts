import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import crypto from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import type { Deps } from './core/context.js';
import { errors } from './core/errors.js';
import { installErrorHandler, langOf } from './core/http-errors.js';
import { installValidators } from './core/validation.js';
import { installSecurityHeaders } from './core/security-headers.js';
import './core/request.js';
import { VERSION } from './version.js';
import { systemModule } from './modules/system/routes.js';
import { accountsModule } from './modules/accounts/index.js';
import { orgsModule } from './modules/orgs/index.js';
import { auditModule } from './modules/audit/routes.js';
import { placesModule } from './modules/places/index.js';
import { residentsModule } from './modules/residents/index.js';
import { importsModule } from './modules/imports/index.js';
import { gridworkModule } from './modules/gridwork/index.js';
import { requestsModule } from './modules/requests/index.js';
import { open311Module } from './modules/requests/open311/index.js';
import { pointsModule } from './modules/points/index.js';
import { storeModule } from './modules/store/index.js';
import { volunteeringModule } from './modules/volunteering/index.js';
import { partnersModule } from './modules/partners/index.js';
import { deliberationModule } from './modules/deliberation/index.js';
import { votingModule } from './modules/voting/index.js';
import { microprojectsModule } from './modules/microprojects/index.js';
import { socialorgsModule } from './modules/socialorgs/index.js';
import { workforceModule } from './modules/workforce/index.js';
import { projectsModule } from './modules/projects/index.js';
import { evaluationsModule } from './modules/evaluations/index.js';
import { resolveSession } from './modules/accounts/service-auth.js';
import { SESSION_COOKIE } from './modules/accounts/routes-auth.js';

/** Every domain module, in registration order. A new module is one line here. */
export const MODULES: { name: string; routes: FastifyPluginAsync[]; prefix?: string }[] = [
  systemModule, accountsModule, orgsModule, auditModule,
  placesModule, residentsModule, importsModule, gridworkModule, requestsModule, open311Module,
  pointsModule, storeModule, volunteeringModule, partnersModule,
  deliberationModule, votingModule, microprojectsModule, socialorgsModule, workforceModule, projectsModule, evaluationsModule,
];

const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/web');
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface ServerOptions { logger?: boolean | object; webDir?: string }

export async function buildServer(deps: Deps, opts: ServerOptions = {}): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger: opts.logger ?? (config.logLevel === 'silent' ? false : { level: config.logLevel }),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    // Malformed HTTP (bad URL bytes, broken headers) still gets our error shape, never a bare socket close.
    clientErrorHandler: (err, socket) => {
      if (!socket.writable) return socket.destroy();
      const body = JSON.stringify({ error: { code: 'BAD_HTTP_REQUEST', message: '请求格式错误 / malformed HTTP request' } });
      socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    },
    frameworkErrors: (err, req, reply) => {
      const e = errors.badRequest('BAD_URL', { zh: `请求地址无效：${err.message}`, en: `Invalid request URL: ${err.message}` });
      return (reply as FastifyReply).status(400).send(e.render(langOf(req as FastifyRequest)));
    },
  });
  app.decorate('deps', deps);
  app.decorateRequest('actor', null);
  installErrorHandler(app, config.bodyLimitBytes);
  installValidators(app);

  await app.register(cookie);
  installSecurityHeaders(app, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"],
        // Map tiles come from the configured tile server, if any.
        imgSrc: ["'self'", 'data:', 'blob:', ...tileOrigin(config.requests.mapTileUrl)], fontSrc: ["'self'", 'data:'], connectSrc: ["'self'"],
        objectSrc: ["'none'"], baseUri: ["'self'"], formAction: ["'self'"], frameAncestors: ["'none'"],
      },
    },
    hsts: config.secureCookies ? { maxAge: 31536000 } : false,
  });
  await app.register(rateLimit, { global: false, errorResponseBuilder: () => errors.tooManyRequests() });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Gongzhi 共治 API', version: VERSION, description: '社区治理与服务平台接口。认证：会话 Cookie gz_sid；写操作需 X-CSRF-Token 头。' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  app.addHook('onRequest', async (req) => authenticate(req));

  for (const m of MODULES) {
    for (const routes of m.routes) await app.register(routes, { prefix: m.prefix ?? '/api/v1' });
  }

  const apiPrefixes = ['/api', ...MODULES.flatMap((m) => (m.prefix ? [m.prefix] : []))];
  const webDir = opts.webDir ?? WEB_DIR;
  const hasWeb = fs.existsSync(path.join(webDir, 'index.html'));
  // wildcard: true serves files present now (a rebuild while running is picked up); hashed assets are immutable.
  if (hasWeb) await app.register(fastifyStatic, {
    root: webDir, wildcard: true, index: 'index.html', cacheControl: false,
    setHeaders: (res, file) => res.setHeader('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  app.setNotFoundHandler((req, reply) => {
    // Only client-side routes fall back to the app; a missing file (/assets/x.js) stays a 404.
    // The static plugin's wildcard route catches every GET, so API prefixes (/api, /open311) are excluded here too.
    const spaRoute = hasWeb && req.method === 'GET' && !apiPrefixes.some((p) => req.url.startsWith(p)) && !/\.[a-z0-9]+($|\?)/i.test(req.url);
    if (!spaRoute) {
      const e = errors.notFound('route');
      return reply.status(404).send(e.render(langOf(req)));
    }
    // index.html names the current build's hashed assets, so it is never cached.
    return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
  });
  return app;
}

function tileOrigin(url: string | null): string[] {
  if (!url) return [];
  try { return [new URL(url.replace(/\{[a-z]\}/g, '0')).origin]; } catch { return []; }
}

/**
 * The one gate in front of every route: a route is private unless it says `public`.
 * Resolves the session cookie into `req.actor`, enforces a pending password change and
 * checks the CSRF token on cookie-authenticated writes.
 */
async function authenticate(req: FastifyRequest) {
  const cfg = req.routeOptions.config;
  // Keyed on the matched route, so unknown /api/v1 paths (caught by the static wildcard) stay 404.
  if (cfg?.public || !req.routeOptions.url?.startsWith('/api/v1/')) return;
  const token = req.cookies[SESSION_COOKIE];
  const actor = token ? await resolveSession(req.server.deps, token) : null;
  if (!actor) throw token ? errors.sessionExpired() : errors.unauthenticated();
  req.actor = actor;
  if (!SAFE_METHODS.has(req.method)) {
    const sent = Buffer.from(String(req.headers['x-csrf-token'] ?? ''));
    const expected = Buffer.from(actor.csrfToken);
    const ok = sent.length === expected.length && crypto.timingSafeEqual(sent, expected);
    if (!ok) throw errors.csrf();
  }
  if (actor.mustChangePassword && !cfg?.allowWhilePasswordExpired)
    throw errors.passwordChangeRequired();
}
