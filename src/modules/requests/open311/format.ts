import type { FastifyReply } from 'fastify';
import { XMLBuilder } from 'fast-xml-parser';
import type { Msg } from '../../../core/errors.js';

/**
 * The Open311 GeoReport v2 wire format: the format is the resource's extension
 * (`services.xml`, `requests/12.json`); JSON follows the spec's Spark convention (a list
 * response is the bare array of its items), XML wraps the same items in the spec's
 * root and item elements. Errors are a list of {code, description} in either format.
 */
export type Format = 'json' | 'xml';
export const CONTENT_TYPES: Record<Format, string> = { json: 'application/json; charset=utf-8', xml: 'text/xml; charset=utf-8' };

export const formatOf = (ext: string | undefined): Format | null => (ext === 'json' || ext === 'xml' ? ext : null);

/** `road.pothole.json` → name `road.pothole`, ext `json`: the format is what follows the last dot. */
export function splitName(file: string): { name: string; ext: string | undefined } {
  const dot = file.lastIndexOf('.');
  return dot < 0 ? { name: file, ext: undefined } : { name: file.slice(0, dot), ext: file.slice(dot + 1) };
}

/** The format a URL asks for (its path's extension), JSON when it names none we serve. */
export function formatOfUrl(url: string): Format {
  const path = url.split('?')[0];
  return formatOf(splitName(path.slice(path.lastIndexOf('/') + 1)).ext) ?? 'json';
}

/** An Open311 error: the HTTP status, which is also the code in the body (as in the spec's examples). */
export class Open311Error extends Error {
  constructor(readonly status: number, readonly msg: Msg) {
    super(msg.en);
  }
}
export const open311Error = (status: number, zh: string, en: string) => new Open311Error(status, { zh, en });
export const unknownFormat = (ext: string | undefined) => open311Error(404,
  `不支持的格式 ${ext ? `“.${ext}”` : '（缺少扩展名）'}，请使用 .json 或 .xml`,
  `Unknown format ${ext ? `'.${ext}'` : '(no extension)'}; use .json or .xml`);

export type Scalar = string | number | boolean | null;
export type Row = Record<string, Scalar>;

/** What a response holds: the JSON value and the XML element tree of the same data. */
export interface Doc { json: unknown; xml: Record<string, unknown> }

/** A list response: `[row, …]` in JSON, `<root><item>row</item>…</root>` in XML. */
export const listDoc = (root: string, item: string, rows: Row[]): Doc => ({ json: rows, xml: { [root]: { [item]: rows } } });

// Characters XML 1.0 cannot carry at all (C0 controls other than tab/LF/CR, lone surrogates, U+FFFE/FFFF).
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function xmlSafe(v: unknown): unknown {
  if (typeof v === 'string') return v.replace(NOT_XML, '');
  if (Array.isArray(v)) return v.map(xmlSafe);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, xmlSafe(x)]));
  return v;
}

// Entities escaped (&, <, >, ", '); null values become empty elements (<account_id/>), as in the spec.
const builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: true, processEntities: true });

export function toXml(tree: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build(xmlSafe(tree))}`;
}

export function sendDoc(reply: FastifyReply, fmt: Format, doc: Doc, status = 200) {
  reply.status(status).type(CONTENT_TYPES[fmt]);
  return reply.send(fmt === 'xml' ? toXml(doc.xml) : JSON.stringify(doc.json));
}

// ── Dates: W3C datetimes in China time (+08:00) ──
const CHINA_OFFSET_MS = 8 * 3600_000;

/** 2026-03-01T09:30:00+08:00 */
export function w3Date(d: Date | null): string | null {
  if (!d) return null;
  return new Date(d.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 19) + '+08:00';
}

const W3 = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * A W3C datetime (`2010-01-01T00:00:00Z`, `2010-01-01T08:00:00+08:00`; the zone is
 * required). A bare date is a China calendar day: its first instant, or with `endOfDay`
 * its last. Null when the text is not a real date and time.
 */
export function parseW3Date(text: string, endOfDay = false): Date | null {
  const m = W3.exec(text);
  if (!m) return null;
  const [y, mo, d, h = 0, mi = 0, s = 0] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) => (x === undefined ? undefined : Number(x))) as number[];
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth || h > 23 || mi > 59 || s > 59) return null;
  let offsetMs = CHINA_OFFSET_MS;
  if (m[8] && m[8] !== 'Z') {
    const [oh, om] = m[8].slice(1).split(':').map(Number);
    if (oh > 14 || om > 59) return null;
    offsetMs = (m[8][0] === '-' ? -1 : 1) * (oh * 3600_000 + om * 60_000);
  } else if (m[8] === 'Z') offsetMs = 0;
  const fraction = m[7] ? Math.floor(Number(m[7]) * 1000) : 0;
  let t = Date.UTC(y, mo - 1, d, h, mi, s, fraction) - offsetMs;
  if (m[4] === undefined && endOfDay) t += 24 * 3600_000 - 1;
  return new Date(t);
}
