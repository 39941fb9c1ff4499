import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import localize from 'ajv-i18n';
import { AppError, errors, type FieldErrors, type Lang } from './errors.js';

export function langOf(req: FastifyRequest): Lang {
  const h = String(req.headers['accept-language'] ?? '').toLowerCase();
  return h.startsWith('en') ? 'en' : 'zh';
}

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** Turns AJV errors into per-field messages in both languages, naming the field. */
function validationToAppError(errs: AjvError[], context: string | undefined): AppError {
  const en = errs.map((e) => ({ ...e }));
  const zh = errs.map((e) => ({ ...e }));
  (localize as unknown as Record<string, (e: unknown[]) => void>).zh(zh);
  const fields: FieldErrors = {};
  errs.forEach((e, i) => {
    let field = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
    if (e.keyword === 'required') field = [field, String(e.params.missingProperty)].filter(Boolean).join('.');
    if (e.keyword === 'additionalProperties') {
      field = [field, String(e.params.additionalProperty)].filter(Boolean).join('.');
      fields[field || context || 'body'] = { zh: '是未知字段，不允许提交', en: 'is not an allowed field' };
      return;
    }
    if (!field) field = context === 'body' ? 'body' : context ?? 'input';
    fields[field] ??= { zh: zh[i].message ?? '无效', en: en[i].message ?? 'is invalid' };
  });
  return errors.validation(fields);
}

/** `routeLimit`: a route's own body limit (raw uploads), which the message must name. */
function fromFastifyError(err: FastifyError & { validation?: AjvError[]; validationContext?: string }, bodyLimit: number, routeLimit?: number): AppError | null {
  if (err instanceof AppError) return err;
  if (err.validation) return validationToAppError(err.validation, err.validationContext);
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return errors.badRequest('INVALID_JSON', { zh: '请求体不是合法的 JSON', en: 'The request body is not valid JSON' });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return errors.badRequest('EMPTY_BODY', { zh: '请求体为空，需要 JSON 对象', en: 'The request body is empty; a JSON object is required' });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return errors.tooLarge(routeLimit ?? bodyLimit);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return errors.unsupportedMedia();
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return errors.badRequest('BAD_CONTENT_LENGTH', { zh: 'Content-Length 与请求体不符', en: 'Content-Length does not match the body' });
  }
  const pgCode = (err as unknown as { code?: string }).code;
  // 22021/22P05: NUL characters, which text and jsonb cannot hold.
  if (pgCode === '22P02' || pgCode === '22003' || pgCode === '22001' || pgCode === '22021' || pgCode === '22P05') {
    return errors.badRequest('INVALID_VALUE', { zh: '输入值超出允许范围或格式错误', en: 'A value is out of range or malformed' });
  }
  // A unique index caught what the service's check-then-insert missed (two concurrent writers).
  if (pgCode === '23505') return errors.conflict('CONFLICT', { zh: '与已有记录冲突，请刷新后重试', en: 'This conflicts with an existing record; reload and try again' });
  if (err.statusCode === 429) return errors.tooManyRequests();
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return new AppError('BAD_REQUEST', err.statusCode, { zh: '请求无效', en: err.message || 'Bad request' });
  }
  return null;
}

export function installErrorHandler(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const appErr = fromFastifyError(err, bodyLimit, req.routeOptions?.bodyLimit);
    const lang = langOf(req);
    if (appErr) {
      return reply.status(appErr.status).send(appErr.render(lang));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({
      error: { code: 'INTERNAL', message: lang === 'en' ? 'Internal error; it has been logged' : '服务器内部错误，已记录' },
    });
  });
}
