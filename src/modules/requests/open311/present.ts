import type { Lang } from '../../../core/errors.js';
import { attachmentUrl } from '../../gridwork/service-posts.js';
import { w3Date, type Row } from './format.js';
import { CLOSED_STATUSES, type RequestRow, type ServiceRow } from './repo.js';

/**
 * Our records as Open311 GeoReport v2 objects, fields in the spec's order.
 *
 * Status: the spec knows two, `open` ("it has been reported") and `closed` ("it has been
 * resolved"). Submitted, accepted, dispatched, in progress, returned and reopened requests
 * are still being handled: `open`. Resolved and rated ones have been resolved (the rating
 * only follows the result), closed ones are finished or refused, merged ones live on in
 * the request they were merged into: `closed`.
 */
export const open311Status = (s: RequestRow['status']) => (CLOSED_STATUSES.includes(s) ? 'closed' : 'open');

export function toService(s: ServiceRow): Row {
  const keywords = [s.name_en, s.group_name_en].filter((k): k is string => !!k);
  return {
    service_code: s.code,
    service_name: s.name,
    description: s.description,
    // Our categories carry no custom attributes, so a client never needs the definition call.
    metadata: false,
    // The request id is returned by the POST itself.
    type: 'realtime',
    keywords: keywords.length ? keywords.join(', ') : null,
    group: s.group_name,
  };
}

/** "2026-03-08 17:00" in China time, for notices people read. */
const chinaClock = (d: Date) => (w3Date(d) as string).slice(0, 16).replace('T', ' ');

/** What the submitter may expect: the resolution deadline of the category's service level. */
export function serviceNotice(resolveDueAt: Date, lang: Lang): string {
  return lang === 'en'
    ? `To be resolved by ${chinaClock(resolveDueAt)} (China time) under the service deadline`
    : `按办理时限，将于 ${chinaClock(resolveDueAt)}（北京时间）前办结`;
}

/**
 * updated_datetime: the last change; for a closed request the spec wants the day it was
 * closed, which for a resolved (or rated) one is when it was resolved.
 */
function updatedAt(r: RequestRow): Date {
  if (r.status === 'resolved' || r.status === 'rated') return r.resolved_at ?? r.updated_at;
  if (r.status === 'closed' || r.status === 'merged') return r.closed_at ?? r.updated_at;
  return r.updated_at;
}

/**
 * One public request. No contact and no reporter ever appear; the media URL is the one
 * given with the request, else its first photo (an absolute URL on this server).
 */
export function toRequest(r: RequestRow, note: string | undefined, origin: string, lang: Lang): Row {
  const status = open311Status(r.status);
  const photo = r.photo_ids[0];
  return {
    service_request_id: r.id,
    status,
    status_notes: note ?? (status === 'closed' ? r.resolution : null),
    service_name: r.name,
    service_code: r.code,
    description: r.description,
    agency_responsible: r.handler_name,
    service_notice: status === 'open' ? serviceNotice(r.resolve_due_at, lang) : null,
    requested_datetime: w3Date(r.created_at),
    updated_datetime: w3Date(updatedAt(r)),
    expected_datetime: w3Date(r.resolve_due_at),
    address: r.address,
    // We keep no external address ids or postal codes.
    address_id: null,
    zipcode: null,
    lat: r.lat,
    long: r.lon,
    media_url: r.media_url ?? (photo ? `${origin}${attachmentUrl(photo)}` : null),
  };
}
