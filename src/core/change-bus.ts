import type pg from 'pg';

/**
 * Cache invalidation across instances. A write publishes a topic through PostgreSQL
 * NOTIFY (sent at commit, so readers never see a stale hit after the writer returns);
 * every instance LISTENs and drops its cached entries. In-process subscribers are told
 * synchronously as well, so a single instance needs no round trip.
 */
export type Topic = 'org' | 'session';

export class ChangeBus {
  private handlers = new Map<Topic, Set<(payload: string) => void>>();
  private listener: pg.PoolClient | null = null;

  on(topic: Topic, fn: (payload: string) => void): void {
    if (!this.handlers.has(topic)) this.handlers.set(topic, new Set());
    this.handlers.get(topic)!.add(fn);
  }

  emitLocal(topic: Topic, payload: string): void {
    for (const fn of this.handlers.get(topic) ?? []) fn(payload);
  }

  async listen(pool: pg.Pool): Promise<void> {
    const client = await pool.connect();
    this.listener = client;
    client.on('notification', (n) => {
      const topic = n.channel.replace(/^gongzhi_/, '') as Topic;
      this.emitLocal(topic, n.payload ?? '');
    });
    client.on('error', () => { /* connection lost at shutdown */ });
    await client.query('LISTEN gongzhi_org');
    await client.query('LISTEN gongzhi_session');
  }

  async close(): Promise<void> {
    if (this.listener) {
      this.listener.release(true);
      this.listener = null;
    }
  }
}
