import fs from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';

/**
 * The baseline server: a bare Fastify 5 app (no plugins, no hooks, no schemas, no logger)
 * with one route that returns a fixed JSON value. For the throughput comparison the value
 * is the very response body the real server gave for the benchmarked children page, so
 * both serve the same bytes; Fastify serialises it with JSON.stringify on every request.
 * Started by bench/index.ts as `node bin/bench.mjs --role=bare-server`, i.e. through the
 * same tsx launcher as `node bin/gongzhi.mjs serve`.
 *
 * With BENCH_BARE_DATABASE_URL it also answers POST (any path) with one INSERT of the
 * posted request into BENCH_BARE_TABLE through a pg pool of BENCH_BARE_POOL connections
 * (the app's pool size), then 201 and the new id: the write baseline of the requests phase.
 */
export async function runBareServer(): Promise<void> {
  const file = process.env.BENCH_BARE_PAYLOAD;
  const payload: unknown = file
    ? JSON.parse(fs.readFileSync(file, 'utf8'))
    : { items: [], total: 0, page: 1, pageSize: 50 };
  const app = Fastify({ logger: false });
  // Any path: the bare route stands in for whichever Gongzhi route is being compared.
  app.get('/*', async () => payload);
  const pool = process.env.BENCH_BARE_DATABASE_URL ? barePost(app, process.env.BENCH_BARE_DATABASE_URL) : null;
  await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
  const stop = () => void app.close().then(() => pool?.end()).finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

interface PostedRequest { clientKey: string; kind: string; categoryId: number; description: string; lon?: number; lat?: number }

function barePost(app: FastifyInstance, url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.BENCH_BARE_POOL ?? 10) });
  const table = process.env.BENCH_BARE_TABLE ?? 'bench_bare_request';
  if (!/^[a-z_]+$/.test(table)) throw new Error(`bad BENCH_BARE_TABLE ${table}`);
  const org = JSON.parse(process.env.BENCH_BARE_ORG ?? '{"id":1,"path":"/1/"}') as { id: number; path: string };
  const insert = `INSERT INTO ${table} (org_id, org_path, category_id, kind, channel, description, lon, lat, reporter_kind, status,
      accept_due_at, respond_due_at, resolve_due_at, escalate_hours, idem_scope, client_key)
    VALUES ($1, $2, $3, $4, 'grid', $5, $6, $7, 'gridWorker', 'submitted',
      now() + interval '2 hours', now() + interval '24 hours', now() + interval '72 hours', 24, 'bench:bare', $8)
    RETURNING id`;
  // BENCH_BARE_KIND=redemption: the love store's write baseline, one INSERT of a same-shape
  // redemption row (item and resident from BENCH_BARE_REDEEM) instead of a request row.
  const redeem = process.env.BENCH_BARE_KIND === 'redemption'
    ? JSON.parse(process.env.BENCH_BARE_REDEEM ?? '{}') as { itemId: number; userId: number }
    : null;
  const redemptionInsert = `INSERT INTO ${table} (org_id, org_path, item_id, user_id, user_name_masked, quantity, points, status, channel, pickup_code,
      idem_scope, client_key, due_at)
    VALUES ($1, $2, $3, $4, '居*', 1, 1, 'reserved', 'app', lpad((nextval('bench_bare_pickup') % 100000000)::text, 8, '0'), 'bench:bare', $5, now() + interval '7 days')
    RETURNING id`;
  app.post('/*', async (req, reply) => {
    const b = req.body as PostedRequest;
    const { rows } = redeem
      ? await pool.query(redemptionInsert, [org.id, org.path, redeem.itemId, redeem.userId, b.clientKey])
      : await pool.query(insert, [org.id, org.path, b.categoryId, b.kind, b.description, b.lon ?? null, b.lat ?? null, b.clientKey]);
    reply.code(201);
    return { id: Number(rows[0].id) };
  });
  return pool;
}
