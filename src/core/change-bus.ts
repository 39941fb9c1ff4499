import type pg from 'pg';

/**
 * Cache invalidation across instances. A write publishes a topic through PostgreSQL
 * NOTIFY (sent at commit, so readers never see a stale hit after the writer returns);
 * every instance LISTENs and drops its cached entries. In-process subscribers are told
 * synchronously as well, so a single instance needs no round trip.
 * If the listening connection is lost, notifications may have been missed: every cache
 * is emptied and the bus reconnects with backoff.
 */
export type Topic = 'org' | 'session' | 'catalogue' | 'request';
const TOPICS: Topic[] = ['org', 'session', 'catalogue', 'request'];

export class ChangeBus {
  private handlers = new Map<Topic, Set<(payload: string) => void>>();
  private listener: pg.PoolClient | null = null;
  private pool: pg.Pool | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  on(topic: Topic, fn: (payload: string) => void): void {
    if (!this.handlers.has(topic)) this.handlers.set(topic, new Set());
    this.handlers.get(topic)!.add(fn);
  }

  off(topic: Topic, fn: (payload: string) => void): void {
    this.handlers.get(topic)?.delete(fn);
  }

  emitLocal(topic: Topic, payload: string): void {
    for (const fn of this.handlers.get(topic) ?? []) fn(payload);
  }

  async listen(pool: pg.Pool): Promise<void> {
    this.pool = pool;
    this.closed = false;
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = await this.pool!.connect();
    let lost = false;
    const onLost = () => {
      if (lost || this.closed) return;
      lost = true;
      try { client.release(true); } catch { /* already released */ }
      if (this.listener === client) this.listener = null;
      for (const t of TOPICS) this.emitLocal(t, 'all');
      this.scheduleReconnect(500);
    };
    client.on('notification', (n) => {
      const topic = n.channel.replace(/^gongzhi_/, '') as Topic;
      this.emitLocal(topic, n.payload ?? '');
    });
    client.on('error', onLost);
    client.on('end', onLost);
    for (const t of TOPICS) await client.query(`LISTEN gongzhi_${t}`);
    this.listener = client;
  }

  private scheduleReconnect(delayMs: number): void {
    this.retry = setTimeout(() => {
      this.retry = null;
      if (this.closed) return;
      this.connect().then(
        // Anything published while we were away is unknown: start from empty caches.
        () => { for (const t of TOPICS) this.emitLocal(t, 'all'); },
        () => this.scheduleReconnect(Math.min(delayMs * 2, 30_000)),
      );
    }, delayMs);
    this.retry.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.listener) {
      this.listener.release(true);
      this.listener = null;
    }
  }
}
