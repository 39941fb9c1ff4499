import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { langOf } from '../../../core/http-errors.js';
import { ctxOf } from '../../../core/request.js';
import { submitViaOpen311 } from '../service-submit.js';
import { formatOf, formatOfUrl, listDoc, open311Error, sendDoc, splitName, unknownFormat, type Format } from './format.js';
import { serviceNotFound, toFailure } from './errors.js';
import { apiKeyOf, clientKeyOf, parseRequestFilter, parseSubmit } from './query.js';
import { serviceNotice, toRequest, toService } from './present.js';
import * as repo from './repo.js';

/**
 * Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2): services, service definitions,
 * requests (list, one, create) and tokens, each as .json or .xml. Public: reads show only
 * requests of public categories and never a contact; creating needs an API key.
 * The routes stay out of the app's OpenAPI document (which describes the session API):
 * the published spec is their documentation.
 */
const schema = { hide: true };
const config = { public: true };
/** A light limit per client address: partners post one report at a time. */
export const POST_LIMIT_PER_MINUTE = 60;

const ID = /^[1-9]\d{0,14}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const need = (ext: string | undefined): Format => {
  const f = formatOf(ext);
  if (!f) throw unknownFormat(ext);
  return f;
};
/** `12.xml` → ['12', 'xml']; the format is checked first, so a bad one is answered as such. */
const fileParts = (file: string) => {
  const { name, ext } = splitName(file);
  return { name, fmt: need(ext) };
};
const notFound = (what: string, value: string) => open311Error(404, `${what} “${value}”不存在`, `${what} '${value}' was not found`);
const originOf = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

/** application/x-www-form-urlencoded, as the spec's POST sends it; a repeated name becomes a list. */
function parseForm(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null);
  for (const [k, v] of new URLSearchParams(text)) {
    const had = out[k];
    out[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
  }
  return out;
}

type Fmt = { Params: { format: string } };
type File = { Params: { file: string } };

export const open311Routes: FastifyPluginAsync = async (app) => {
  const { deps } = app;
  const db = deps.db;

  // The spec's POST is form-encoded; JSON is taken too. Plain text is not a request.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, parseForm(body as string)));

  const fail = (req: FastifyRequest, reply: FastifyReply, err: unknown) => {
    const lang = langOf(req);
    let f = toFailure(err, lang);
    if (!f) {
      req.log.error({ err }, 'open311: unhandled error');
      f = { status: 500, rows: [{ code: 500, description: lang === 'en' ? 'Internal error; it has been logged' : '服务器内部错误，已记录' }] };
    }
    return sendDoc(reply, formatOfUrl(req.url), listDoc('errors', 'error', f.rows), f.status);
  };
  app.setErrorHandler((err, req, reply) => fail(req, reply, err));
  app.setNotFoundHandler((req, reply) => fail(req, reply, open311Error(404,
    '没有这个 Open311 资源：可用 services、services/{service_code}、requests、requests/{service_request_id}、tokens/{token}，后接 .json 或 .xml',
    'No such Open311 resource: use services, services/{service_code}, requests, requests/{service_request_id} or tokens/{token}, with .json or .xml')));

  // When the web app is served, its static wildcard route (GET /*) would otherwise swallow unknown
  // Open311 paths; this more specific catch-all keeps them in Open311's error format.
  app.get('/*', { config, schema }, async (_req, reply) => reply.callNotFound());

  app.get<Fmt>('/services.:format', { config, schema }, async (req, reply) => {
    const fmt = need(req.params.format);
    const rows = (await repo.listServices(db)).map(toService);
    return sendDoc(reply, fmt, listDoc('services', 'service', rows));
  });

  app.get<File>('/services/:file', { config, schema }, async (req, reply) => {
    const { name, fmt } = fileParts(req.params.file);
    const s = name ? await repo.getService(db, name) : undefined;
    if (!s) throw serviceNotFound(name);
    // Our categories carry no custom attributes.
    return sendDoc(reply, fmt, {
      json: { service_code: s.code, attributes: [] },
      xml: { service_definition: { service_code: s.code, attributes: { attribute: [] } } },
    });
  });

  const sendRequests = async (req: FastifyRequest, reply: FastifyReply, fmt: Format, rows: repo.RequestRow[]) => {
    const notes = await repo.latestNotes(db, rows.map((r) => r.id));
    const lang = langOf(req);
    const out = rows.map((r) => toRequest(r, notes.get(r.id), originOf(req), lang));
    return sendDoc(reply, fmt, listDoc('service_requests', 'request', out));
  };

  app.get<Fmt>('/requests.:format', { config, schema }, async (req, reply) => {
    const fmt = need(req.params.format);
    const filter = parseRequestFilter(req.query as Record<string, unknown>);
    return sendRequests(req, reply, fmt, await repo.listRequests(db, filter));
  });

  app.get<File>('/requests/:file', { config, schema }, async (req, reply) => {
    const { name, fmt } = fileParts(req.params.file);
    const r = ID.test(name) ? await repo.getRequest(db, Number(name)) : undefined;
    if (!r) throw notFound('service_request_id', name);
    // One request is still a list of one, per the spec.
    return sendRequests(req, reply, fmt, [r]);
  });

  app.get<File>('/tokens/:file', { config, schema }, async (req, reply) => {
    const { name, fmt } = fileParts(req.params.file);
    const r = UUID.test(name) ? await repo.requestByToken(db, name.toLowerCase()) : undefined;
    if (!r) throw notFound('token', name);
    return sendDoc(reply, fmt, listDoc('service_requests', 'request', [{ service_request_id: r.id, token: r.open311_token }]));
  });

  app.post<Fmt>('/requests.:format', {
    config: { ...config, rateLimit: { max: POST_LIMIT_PER_MINUTE, timeWindow: '1 minute' } }, schema,
  }, async (req, reply) => {
    const fmt = need(req.params.format);
    const rawKey = apiKeyOf(req.body);
    if (!rawKey) throw open311Error(403, '缺少 api_key', 'api_key was not provided');
    const key = await repo.findKey(db, deps.cipher.lookupHash(rawKey));
    if (!key || key.revoked_at) throw open311Error(403, 'api_key 无效或已停用，无法创建诉求', "Invalid api_key received -- can't proceed with create_request");
    const input = parseSubmit(req.body);
    if (!(await repo.getService(db, input.categoryCode))) throw serviceNotFound(input.categoryCode);
    const clientKey = clientKeyOf(req.headers['idempotency-key']);
    const r = await submitViaOpen311(ctxOf(req), { id: key.id, orgId: key.org_id, orgPath: key.org_path }, { ...input, clientKey });
    const created = await repo.createdRequest(db, r.id);
    return sendDoc(reply, fmt, listDoc('service_requests', 'request', [{
      service_request_id: r.id,
      token: r.token,
      service_notice: serviceNotice(created.resolve_due_at, langOf(req)),
      // We keep no accounts for Open311 submitters.
      account_id: null,
    }]), r.created ? 201 : 200);
  });
};
