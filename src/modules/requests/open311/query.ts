import crypto from 'node:crypto';
import { open311Error, parseW3Date } from './format.js';
import { MAX_REQUESTS, type RequestFilter } from './repo.js';

/**
 * The inputs of the Open311 endpoints, checked with the spec's rules and a message that
 * names the argument. Per the spec an empty argument is the same as one not sent.
 */
type Args = Record<string, unknown>;
const DAY_MS = 24 * 3600_000;
export const MAX_SPAN_DAYS = 90;

/** A query argument: repeated ones are joined ("can be declared multiple times, comma delimited"). */
function queryArg(q: Args, name: string): string | undefined {
  const v = q[name];
  const s = (Array.isArray(v) ? v.join(',') : typeof v === 'string' ? v : '').trim();
  return s || undefined;
}
const list = (s: string | undefined) => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);

const ID = /^[1-9]\d{0,14}$/;

function dateArg(q: Args, name: 'start_date' | 'end_date'): Date | undefined {
  const s = queryArg(q, name);
  if (s === undefined) return undefined;
  const d = parseW3Date(s, name === 'end_date');
  if (!d) throw open311Error(400, `${name} 不是带时区的 W3C 日期时间（例如 2010-01-01T00:00:00Z）：${s}`,
    `${name} must be a W3C datetime with a time zone, e.g. 2010-01-01T00:00:00Z; got '${s}'`);
  return d;
}

/** GET requests: service_request_id overrides the rest; the range defaults to the last 90 days. */
export function parseRequestFilter(q: Args, now = new Date()): RequestFilter {
  const idText = queryArg(q, 'service_request_id');
  if (idText !== undefined) {
    const ids = list(idText);
    const bad = ids.find((x) => !ID.test(x));
    if (bad !== undefined) throw open311Error(400, `service_request_id 应为以逗号分隔的诉求编号，“${bad}”不是`,
      `service_request_id must be comma-separated request ids; '${bad}' is not one`);
    if (ids.length > MAX_REQUESTS) throw open311Error(400, `service_request_id 一次最多 ${MAX_REQUESTS} 个`, `service_request_id takes at most ${MAX_REQUESTS} ids`);
    return { ids: [...new Set(ids.map(Number))], from: now, to: now };
  }
  const statuses = new Set(list(queryArg(q, 'status')));
  for (const s of statuses)
    if (s !== 'open' && s !== 'closed') throw open311Error(400, `status 只能是 open 或 closed，收到“${s}”`, `status must be open or closed; got '${s}'`);
  let from = dateArg(q, 'start_date');
  let to = dateArg(q, 'end_date');
  if (from && to) {
    if (from > to) throw open311Error(400, 'start_date 晚于 end_date', 'start_date is later than end_date');
    if (to.getTime() - from.getTime() > MAX_SPAN_DAYS * DAY_MS)
      throw open311Error(400, `start_date 与 end_date 相距不能超过 ${MAX_SPAN_DAYS} 天`, `start_date and end_date may not span more than ${MAX_SPAN_DAYS} days`);
  }
  if (!from && !to) to = now;
  if (!from) from = new Date(to!.getTime() - MAX_SPAN_DAYS * DAY_MS);
  if (!to) to = new Date(from.getTime() + MAX_SPAN_DAYS * DAY_MS);
  const codes = list(queryArg(q, 'service_code'));
  return { codes: codes.length ? codes : undefined, from, to, status: statuses.size === 1 ? [...statuses][0] as 'open' | 'closed' : undefined };
}

// ── POST requests ──
/** A body field as text: form fields are text, JSON may carry numbers; a repeated field is refused. */
function field(b: Args, name: string): string | undefined {
  const v = b[name];
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) throw open311Error(400, `${name} 只能提交一次`, `${name} was sent more than once`);
  if (typeof v !== 'string' && typeof v !== 'number') throw open311Error(400, `${name} 应为文本`, `${name} must be text`);
  const s = String(v).trim();
  return s || undefined;
}

/** Our jurisdiction lies in China: the same WGS84 bounds as the app's own submission form. */
const BOUNDS = { lat: [3, 54], long: [73, 136] } as const;

function coordinate(b: Args, name: 'lat' | 'long'): number | undefined {
  const s = field(b, name);
  if (s === undefined) return undefined;
  const n = Number(s);
  const [min, max] = BOUNDS[name];
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s) || n < min || n > max)
    throw open311Error(400, `${name} 应为中国境内的 WGS84 度数（${min} 至 ${max}），收到“${s}”`, `${name} must be WGS84 degrees within China (${min} to ${max}); got '${s}'`);
  return n;
}

const MAX_DESCRIPTION = 4000;

const asArgs = (body: unknown): Args => (body && typeof body === 'object' && !Array.isArray(body) ? (body as Args) : {});

/** The api_key argument, checked before anything else: a caller without a valid key learns nothing more. */
export const apiKeyOf = (body: unknown) => field(asArgs(body), 'api_key');

/** The POST arguments (attribute[…], jurisdiction_id, device_id and account_id are accepted and not kept). */
export function parseSubmit(body: unknown) {
  const b = asArgs(body);
  const serviceCode = field(b, 'service_code');
  if (!serviceCode) throw open311Error(400, '缺少 service_code', 'service_code was not provided');
  const lat = coordinate(b, 'lat');
  const lon = coordinate(b, 'long');
  if ((lat === undefined) !== (lon === undefined))
    throw open311Error(400, 'lat 和 long 需要同时提交', 'lat and long must both be sent');
  const addressString = field(b, 'address_string');
  const addressId = field(b, 'address_id');
  if (lat === undefined && !addressString && !addressId)
    throw open311Error(400, '需要提供位置：lat 和 long，或 address_string，或 address_id', 'A location is required: lat & long, address_string or address_id');
  // Optional per the spec; without one the request is described by its category.
  const description = field(b, 'description') ?? '';
  if ([...description].length > MAX_DESCRIPTION)
    throw open311Error(400, `description 不能超过 ${MAX_DESCRIPTION} 个字符`, `description is limited to ${MAX_DESCRIPTION} characters`);
  const mediaUrl = field(b, 'media_url');
  if (mediaUrl !== undefined && (!/^https?:\/\/[^\s/]+/i.test(mediaUrl) || mediaUrl.length > 2000))
    throw open311Error(400, 'media_url 应为 http(s) 网址', 'media_url must be an http(s) URL');
  return {
    categoryCode: serviceCode, description, lat, lon,
    // There is no address register here: an address_id is kept as the address text it names.
    address: addressString ?? (addressId ? `address_id ${addressId}` : null),
    contactName: personName(field(b, 'first_name'), field(b, 'last_name')),
    contactPhone: field(b, 'phone') ?? null, email: field(b, 'email') ?? null, mediaUrl: mediaUrl ?? null,
  };
}

/** Chinese names are written family name first and without a space; others given name first. */
function personName(first: string | undefined, last: string | undefined): string | null {
  if (!first && !last) return null;
  if (/\p{Script=Han}/u.test(`${first ?? ''}${last ?? ''}`)) return `${last ?? ''}${first ?? ''}`;
  return [first, last].filter(Boolean).join(' ');
}

const KEY = /^[A-Za-z0-9_-]{8,64}$/;

/** The client's Idempotency-Key (a retry with the same key returns the same request), else a fresh one. */
export function clientKeyOf(header: string | string[] | undefined): string {
  if (header === undefined) return crypto.randomUUID();
  const k = Array.isArray(header) ? header.join(',') : header;
  if (!KEY.test(k)) throw open311Error(400, 'Idempotency-Key 应为 8–64 位字母、数字、“-”或“_”', "Idempotency-Key must be 8–64 letters, digits, '-' or '_'");
  return k;
}
