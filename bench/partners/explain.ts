import { sql } from 'kysely';
import { loadConfig } from '../../src/config.js';
import { openPlatform } from '../../src/platform.js';

/** `npx tsx bench/partners/explain.ts DATA_DIR PATH`: the ranking queries' plans on a partners data dir (for tuning). */
const [dir, path] = process.argv.slice(2);
const p = await openPlatform(loadConfig({ dataDir: dir, env: 'production', logLevel: 'warn', databaseUrl: null }), () => {});
try {
  const like = path + '%';
  for (const q of [
    sql`EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM partner_score p WHERE year = 2026 AND subject_kind = 'member' AND org_path LIKE ${like} AND org_path LIKE ${like}`,
    sql`EXPLAIN (ANALYZE, BUFFERS) SELECT subject_id, score FROM partner_score p WHERE year = 2026 AND subject_kind = 'member' AND org_path LIKE ${like} AND org_path LIKE ${like} ORDER BY score DESC, subject_id LIMIT 20 OFFSET 0`,
    sql`EXPLAIN (ANALYZE, BUFFERS) SELECT subject_id, score FROM partner_score p WHERE year = 2026 AND subject_kind = 'member' AND org_path LIKE ${like} AND org_path LIKE ${like} ORDER BY score DESC, subject_id LIMIT 20 OFFSET 9000`,
  ]) {
    const r = await q.execute(p.deps.db);
    console.log((r.rows as { 'QUERY PLAN': string }[]).map((x) => x['QUERY PLAN']).join('\n'), '\n');
  }
} finally {
  await p.stop();
}
