import type { MessageKey, Params } from '../../lib/i18n';
import type { PostKind } from './types';

type TFn = (key: MessageKey, params?: Params) => string;

export function postLabel(t: TFn, kind: string): string {
  return kind === 'gridWorker' || kind === 'gridAssistant' || kind === 'gridHelper' ? t(`gw.post.${kind as PostKind}`) : kind;
}

/** 0.8734 → "87.3%"; null → "—". */
export function pct(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`;
}

/** The current month in China time, 'YYYY-MM'. */
export function chinaMonthNow(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
}

/** Today in China time, 'YYYY-MM-DD'. */
export function chinaToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}
