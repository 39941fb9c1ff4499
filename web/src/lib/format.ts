import { getLang } from './i18n';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: string): Intl.DateTimeFormat {
  let f = formatters.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false,
    });
    formatters.set(lang, f);
  }
  return f;
}

/** Formats an ISO timestamp in the user's local time zone; returns '—' for empty values. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return formatter(getLang()).format(d);
}

export function isFuture(value: string | null | undefined): boolean {
  if (!value) return false;
  const d = new Date(value);
  return !Number.isNaN(d.getTime()) && d.getTime() > Date.now();
}
