import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { buildUrl } from '../../lib/api';
import { invalidateBoard, reqKeys } from './api';

export interface RequestChange {
  id: number;
  status: string;
}
type Listener = { onChange: (c: RequestChange) => void; onLive: (live: boolean) => void };

/**
 * One EventSource on GET /request-events shared by every subscriber on the page: opened with
 * the first, closed with the last. The browser reconnects by itself after a dropped
 * connection; a refused one (e.g. 401/503) is tried again after a pause.
 */
const listeners = new Set<Listener>();
let source: EventSource | null = null;
let retry: ReturnType<typeof setTimeout> | undefined;
let live = false;

function setLive(next: boolean) {
  live = next;
  listeners.forEach((l) => l.onLive(next));
}

function open() {
  if (typeof EventSource === 'undefined') return;
  const es = new EventSource(buildUrl('/request-events'), { withCredentials: true });
  source = es;
  es.onopen = () => setLive(true);
  es.onerror = () => {
    setLive(false);
    if (es.readyState === EventSource.CLOSED && source === es) {
      source = null;
      retry = setTimeout(() => {
        retry = undefined;
        if (listeners.size > 0 && !source) open();
      }, 15_000);
    }
  };
  es.onmessage = (ev: MessageEvent<string>) => {
    let change: RequestChange | null = null;
    try {
      const data = JSON.parse(ev.data) as Partial<RequestChange>;
      if (typeof data.id === 'number') change = { id: data.id, status: String(data.status ?? '') };
    } catch {
      /* not ours */
    }
    if (change) listeners.forEach((l) => l.onChange(change));
  };
}

function subscribe(l: Listener): () => void {
  listeners.add(l);
  if (!source && retry === undefined) open();
  l.onLive(live);
  return () => {
    listeners.delete(l);
    if (listeners.size === 0) {
      source?.close();
      source = null;
      clearTimeout(retry);
      retry = undefined;
      live = false;
    }
  };
}

/** Calls `onChange` (batched, at most every 500 ms) with the ids that changed; returns whether the stream is connected. */
export function useRequestChanges(onChange: (ids: number[]) => void): boolean {
  const [connected, setConnected] = useState(live);
  const handler = useRef(onChange);
  handler.current = onChange;
  useEffect(() => {
    const pending = new Set<number>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      const ids = [...pending];
      pending.clear();
      handler.current(ids);
    };
    const off = subscribe({
      onLive: setConnected,
      onChange: (c) => {
        pending.add(c.id);
        timer ??= setTimeout(flush, 500);
      },
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, []);
  return connected;
}

/** The board's live updates: every change refetches the lists, counters, map and the changed details. */
export function useLiveBoard(): boolean {
  const qc = useQueryClient();
  return useRequestChanges((ids) => {
    invalidateBoard(qc);
    ids.forEach((id) => void qc.invalidateQueries({ queryKey: reqKeys.detail(id) }));
  });
}
