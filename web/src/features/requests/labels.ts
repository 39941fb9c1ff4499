import type { MessageKey, Params } from '../../lib/i18n';
import { KINDS, RATINGS, STATUSES, type Category, type Kind, type Rating, type RequestAction, type Status } from './types';

type TFn = (key: MessageKey, params?: Params) => string;

const ACTIONS: readonly RequestAction[] = [
  'accept', 'dispatch', 'redispatch', 'start', 'return', 'resolve', 'rate', 'reopen', 'close', 'merge', 'whistle', 'supervise',
];
const EVENTS = ['submit', 'checkIn', 'report', 'overdue', 'escalate'] as const;
const CHANNELS = ['app', 'grid', 'hotline', 'web', 'open311'] as const;
const REPORTERS = ['resident', 'anonymous', 'hotline', 'gridWorker', 'staff', 'open311'] as const;

const isOf = <T extends string>(list: readonly T[], v: string | null | undefined): v is T => !!v && (list as readonly string[]).includes(v);

export const statusLabel = (t: TFn, s: string) => (isOf(STATUSES, s) ? t(`req.status.${s}`) : s);
export const kindLabel = (t: TFn, k: string) => (isOf(KINDS, k) ? t(`req.kind.${k}`) : k);
export const ratingLabel = (t: TFn, r: string | null) => (r === null ? '—' : isOf(RATINGS, r) ? t(`req.rating.${r}`) : r);
export const channelLabel = (t: TFn, c: string) => (isOf(CHANNELS, c) ? t(`req.channel.${c}`) : c);
export const reporterLabel = (t: TFn, k: string) => (isOf(REPORTERS, k) ? t(`req.reporter.${k}`) : k);
export const actionLabel = (t: TFn, a: string) => (isOf(ACTIONS, a) ? t(`req.action.${a}`) : a);

/** A timeline entry's name: the workflow action, or one of the events that change no status. */
export function eventLabel(t: TFn, action: string): string {
  if (isOf(ACTIONS, action)) return t(`req.action.${action}`);
  if (isOf(EVENTS, action)) return t(`req.event.${action}`);
  return action;
}

export const STATUS_COLOR: Record<Status, string> = {
  submitted: 'blue',
  accepted: 'geekblue',
  dispatched: 'cyan',
  inProgress: 'processing',
  resolved: 'green',
  rated: 'success',
  closed: 'default',
  returned: 'orange',
  reopened: 'magenta',
  merged: 'default',
};

/** Map point colours: overdue first (red / dark red), otherwise by status. */
export const STATUS_HEX: Record<Status, string> = {
  submitted: '#1f5fbf',
  accepted: '#2f54eb',
  dispatched: '#13a8a8',
  inProgress: '#1677ff',
  resolved: '#2b8a3e',
  rated: '#52c41a',
  closed: '#8c8c8c',
  returned: '#e8590c',
  reopened: '#c41d7f',
  merged: '#bfbfbf',
};
export const OVERDUE_HEX = ['', '#f5222d', '#820014'] as const;

export function kindOptions(t: TFn) {
  return KINDS.map((k: Kind) => ({ value: k, label: t(`req.kind.${k}`) }));
}
export function statusOptions(t: TFn) {
  return STATUSES.map((s: Status) => ({ value: s, label: t(`req.status.${s}`) }));
}
export const RATING_LIST: readonly Rating[] = RATINGS;

/** Percent figure (already 0–100) → "87.5%"; null → "—". */
export const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v.toFixed(1)}%`);

/** The category's name in the UI language (English when given). */
export const categoryName = (c: Pick<Category, 'name' | 'nameEn'>, lang: string) => (lang === 'en' && c.nameEn ? c.nameEn : c.name);

/** Category tree nodes for a TreeSelect (treeDataSimpleMode), children ordered by `sort`. */
export function categoryNodes(items: Category[], lang: string, disabled: (c: Category) => boolean = () => false) {
  const ids = new Set(items.map((c) => c.id));
  return [...items]
    .sort((a, b) => a.sort - b.sort || a.id - b.id)
    .map((c) => ({
      id: c.id,
      pId: c.parentId !== null && ids.has(c.parentId) ? c.parentId : 0,
      value: c.id,
      title: categoryName(c, lang),
      disabled: disabled(c),
      isLeaf: !items.some((x) => x.parentId === c.id),
    }));
}

/** A fresh idempotency key for one report (kept across retries of the same form). */
export function newClientKey(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID().replace(/-/g, '');
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
