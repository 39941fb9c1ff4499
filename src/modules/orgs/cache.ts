import type { Deps } from '../../core/context.js';
import type { OrgRecord } from './repo.js';

/**
 * The org tree is read on nearly every screen and changes rarely, so records and child
 * pages are cached per instance. Any org write publishes on the change bus (NOTIFY at
 * commit + locally), which empties the cache on every instance.
 */
export class OrgCache {
  readonly records = new Map<number, OrgRecord>();
  readonly children = new Map<string, { rows: OrgRecord[]; total: number }>();
  /**
   * Children pages as the route sends them (UTF-8 JSON), keyed by page and policy view
   * (`policy.actionsView`): presented orgs carry the viewer's `actions`, which depend on
   * that view only. Bounded by total size.
   */
  readonly rendered = new Map<string, Buffer>();
  private renderedBytes = 0;
  constructor(private max = 20_000, private maxRenderedBytes = 32 * 1024 * 1024) {}
  clear() {
    this.records.clear();
    this.children.clear();
    this.rendered.clear();
    this.renderedBytes = 0;
  }
  putRecord(r: OrgRecord) {
    if (this.records.size >= this.max) this.records.clear();
    this.records.set(r.id, r);
  }
  putChildren(key: string, v: { rows: OrgRecord[]; total: number }) {
    if (this.children.size >= this.max) this.children.clear();
    this.children.set(key, v);
  }
  putRendered(key: string, json: Buffer) {
    if (this.renderedBytes + json.length > this.maxRenderedBytes || this.rendered.size >= this.max) {
      this.rendered.clear();
      this.renderedBytes = 0;
    }
    this.rendered.set(key, json);
    this.renderedBytes += json.length;
  }
}

const caches = new WeakMap<Deps, OrgCache>();
export function orgCache(deps: Deps): OrgCache {
  let c = caches.get(deps);
  if (!c) {
    const cache = new OrgCache();
    deps.bus.on('org', () => cache.clear());
    caches.set(deps, cache);
    c = cache;
  }
  return c;
}
