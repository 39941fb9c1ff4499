import type { Actor } from '../../core/context.js';

/**
 * A short-lived, per-instance cache of resolved sessions, so an authenticated request
 * usually costs no session query. Entries expire after `ttlMs`; logout, password change,
 * role change and disabling evict them everywhere through the change bus.
 */
export interface CachedSession {
  actor: Actor;
  expiresAt: number;
  lastSeen: number;
  lastTouchedInDb: number;
  loadedAt: number;
}

export class SessionCache {
  private map = new Map<string, CachedSession>();
  constructor(private ttlMs = 30_000, private max = 50_000) {}

  get(id: string, now: number): CachedSession | undefined {
    const e = this.map.get(id);
    if (!e) return undefined;
    if (now - e.loadedAt > this.ttlMs) {
      this.map.delete(id);
      return undefined;
    }
    return e;
  }

  set(id: string, e: CachedSession): void {
    if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value as string);
    this.map.set(id, e);
  }

  delete(id: string): void {
    this.map.delete(id);
  }

  evictUser(userId: number): void {
    for (const [id, e] of this.map) if (e.actor.userId === userId) this.map.delete(id);
  }

  clear(): void {
    this.map.clear();
  }
}
