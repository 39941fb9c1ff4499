import fs from 'node:fs';
import Fastify from 'fastify';

/**
 * The baseline server: a bare Fastify 5 app (no plugins, no hooks, no schemas, no logger)
 * with one route that returns a fixed JSON value. For the throughput comparison the value
 * is the very response body the real server gave for the benchmarked children page, so
 * both serve the same bytes; Fastify serialises it with JSON.stringify on every request.
 * Started by bench/index.ts as `node bin/bench.mjs --role=bare-server`, i.e. through the
 * same tsx launcher as `node bin/gongzhi.mjs serve`.
 */
export async function runBareServer(): Promise<void> {
  const file = process.env.BENCH_BARE_PAYLOAD;
  const payload: unknown = file
    ? JSON.parse(fs.readFileSync(file, 'utf8'))
    : { items: [], total: 0, page: 1, pageSize: 50 };
  const app = Fastify({ logger: false });
  // Any path: the bare route stands in for whichever Gongzhi route is being compared.
  app.get('/*', async () => payload);
  await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
  const stop = () => void app.close().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
