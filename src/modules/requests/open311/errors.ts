import { AppError, type Lang, type Msg } from '../../../core/errors.js';
import { Open311Error, open311Error, type Row } from './format.js';

/**
 * Every failure as the spec's error list: the HTTP status, and per error a code (the same
 * status number, as in the spec's examples) and a description people can read. A service
 * validation error with several fields becomes one entry per field, named as Open311
 * names the argument.
 */
export interface Open311Failure { status: number; rows: Row[] }

/** Our field names → the Open311 argument each came from. */
const ARGUMENT: Record<string, string> = {
  lon: 'long', lat: 'lat', categoryId: 'service_code', kind: 'service_code', description: 'description', address: 'address_string',
  contactName: 'first_name/last_name', contactPhone: 'phone', email: 'email', mediaUrl: 'media_url', orgId: 'location', clientKey: 'Idempotency-Key',
};

const PARSER_ERRORS: Record<string, Msg> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { zh: '请求体不是合法的 JSON', en: 'The request body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { zh: '请求体为空', en: 'The request body is empty' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    zh: '不支持的内容类型，请使用 application/x-www-form-urlencoded 或 application/json',
    en: 'Unsupported content type; use application/x-www-form-urlencoded or application/json',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { zh: 'Content-Length 与请求体不符', en: 'Content-Length does not match the body' },
};

export const serviceNotFound = (code: string) => open311Error(404, `service_code “${code}”不存在`, `service_code '${code}' was not found`);

export function toFailure(err: unknown, lang: Lang): Open311Failure | null {
  const one = (status: number, description: string): Open311Failure => ({ status, rows: [{ code: status, description }] });
  if (err instanceof Open311Error) return one(err.status, err.msg[lang]);
  if (err instanceof AppError) {
    if (!err.fields || !Object.keys(err.fields).length) return one(err.status, err.msg[lang]);
    return {
      status: err.status,
      rows: Object.entries(err.fields).map(([k, m]) => ({ code: err.status, description: `${ARGUMENT[k] ?? k} ${m[lang]}` })),
    };
  }
  const e = err as { code?: string; statusCode?: number; message?: string };
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return one(413, lang === 'en' ? 'The request body is too large' : '请求体过大');
  if (e.code && PARSER_ERRORS[e.code]) return one(e.statusCode ?? 400, PARSER_ERRORS[e.code][lang]);
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return one(e.statusCode, e.message || 'Bad request');
  return null;
}
