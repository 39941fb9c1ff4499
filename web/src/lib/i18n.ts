/**
 * Tiny i18n: a zh/en dictionary, a module-level language store and a React hook.
 * Only the language preference is persisted (localStorage key `gz.lang`).
 */
import { useSyncExternalStore } from 'react';
import type { Locale } from 'antd/es/locale';
import zhCN from 'antd/es/locale/zh_CN';
import enUS from 'antd/es/locale/en_US';
import { zh, type MessageKey } from './locales/zh';
import { en } from './locales/en';

export type Lang = 'zh' | 'en';
export type { MessageKey };

const STORAGE_KEY = 'gz.lang';
const dictionaries: Record<Lang, Record<MessageKey, string>> = { zh, en };

function readStoredLang(): Lang {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored === 'zh' || stored === 'en') return stored;
  } catch {
    /* storage unavailable: default */
  }
  return 'zh';
}

let current: Lang = typeof window === 'undefined' ? 'zh' : readStoredLang();
const listeners = new Set<() => void>();

function applyDocumentLang(lang: Lang): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
}
applyDocumentLang(current);

export function getLang(): Lang {
  return current;
}

export function setLang(lang: Lang): void {
  if (lang === current) return;
  current = lang;
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* ignore */
  }
  applyDocumentLang(lang);
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export type Params = Record<string, string | number>;

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const template = dictionaries[lang][key] ?? dictionaries.zh[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Non-reactive translation (for use outside components). */
export function t(key: MessageKey, params?: Params): string {
  return translate(current, key, params);
}

export function antdLocale(lang: Lang): Locale {
  return lang === 'en' ? enUS : zhCN;
}

export function useLang() {
  const lang = useSyncExternalStore(subscribe, getLang, getLang);
  return {
    lang,
    setLang,
    t: (key: MessageKey, params?: Params) => translate(lang, key, params),
  };
}

/** Convenience hook when only the translate function is needed. */
export function useT() {
  return useLang().t;
}
