import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { loadConfig } from '../src/config.js';
import { openPlatform } from '../src/platform.js';
import { systemCtx } from '../src/core/context.js';
import { insertOrg } from '../src/modules/orgs/repo.js';
import { importResidentsFile } from '../src/modules/imports/service.js';
import { CSV_HEADER } from './city/csv.js';

/**
 * The resident import target, in a child process of the benchmark that does nothing else
 * (so its peak RSS is the importer's): fresh data dir → orgs (one community, ten grids) →
 * baseline: plain COPY of the same CSV into a table of text columns without indexes →
 * the importer on the file, as `gongzhi import residents` runs it → the same file again
 * (must change nothing).
 */
export interface ResidentImportResult {
  rows: number;
  copy: { ms: number; rowsPerSec: number };
  import: { ms: number; rowsPerSec: number; inserted: number; updated: number; unchanged: number; rejected: number; status: string };
  rerun: { ms: number; inserted: number; updated: number; unchanged: number; rejected: number };
  /**
   * The database floor: COPY of exactly the rows the import wrote (households, residents,
   * memberships, change records, already encrypted) into empty tables of the same shape —
   * same columns, indexes, checks and generated columns (CREATE TABLE … LIKE … INCLUDING
   * ALL; foreign keys are not copied, so this floor is a little lower than the importer's).
   */
  copySameSchema: { ms: number; rowsPerSec: number; tables: Record<string, { rows: number; ms: number }> };
  maxRssMb: { beforeImport: number; afterImport: number };
}

const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

export async function runResidentImportWorker(o: { dataDir: string; csv: string; out: string; community: string; grids: string[] }): Promise<void> {
  const p = await openPlatform(loadConfig({ dataDir: o.dataDir, env: 'production', logLevel: 'warn', databaseUrl: null }));
  try {
    const db = p.deps.db;
    let parent = { id: 1, path: '/1/' };
    const chain: [string, 'province' | 'city' | 'district' | 'street' | 'community', string][] = [
      ['42', 'province', '湖北省'], ['4212', 'city', '咸宁市'], ['421202', 'district', '咸安区'], ['421202001', 'street', '温泉街道'], [o.community, 'community', '导入社区'],
    ];
    for (const [code, level, name] of chain) {
      const id = await insertOrg(db, { parentId: parent.id, parentPath: parent.path, level, code, name, householdsTarget: null, boundary: null });
      parent = { id, path: `${parent.path}${id}/` };
    }
    for (const g of o.grids) await insertOrg(db, { parentId: parent.id, parentPath: parent.path, level: 'grid', code: g, name: `网格${g.slice(-3)}`, householdsTarget: 500, boundary: null });

    const client = new pg.Client({ connectionString: p.databaseUrl });
    await client.connect();
    await client.query(`CREATE TABLE bench_copy (${CSV_HEADER.map((_, i) => `c${i} text`).join(', ')})`);
    let t = performance.now();
    await pipeline(fs.createReadStream(o.csv), client.query(copyFrom('COPY bench_copy FROM STDIN (FORMAT csv, HEADER true)')));
    const copyMs = performance.now() - t;
    const rows = Number((await client.query('SELECT count(*) AS n FROM bench_copy')).rows[0].n);
    await client.query('DROP TABLE bench_copy');
    await client.end();
    console.log(`  COPY baseline: ${rows} rows in ${(copyMs / 1000).toFixed(1)} s`);

    const before = rssMb();
    const ctx = systemCtx(p.deps, 'bench');
    t = performance.now();
    const r = await importResidentsFile(ctx, { file: o.csv, orgCode: o.community }, {
      onBatch: (x) => { if (x.processed % 100_000 < 10_000) console.log(`  imported ${x.processed} rows, ${Math.round(x.processed / ((performance.now() - t) / 1000))} rows/s, rss ${Math.round(process.memoryUsage().rss / 1048576)} MB`); },
    });
    const importMs = performance.now() - t;
    const after = rssMb();
    t = performance.now();
    const again = await importResidentsFile(ctx, { file: o.csv, orgCode: o.community });
    const rerunMs = performance.now() - t;
    const sameSchema = await copySameSchema(p.databaseUrl, o.out + '.rows');
    console.log(`  COPY of the written rows into same-shape tables: ${(sameSchema.ms / 1000).toFixed(1)} s ${JSON.stringify(sameSchema.tables)}`);
    const j = r.job, k = again.job;
    const result: ResidentImportResult = {
      rows,
      copy: { ms: Math.round(copyMs), rowsPerSec: Math.round(rows / (copyMs / 1000)) },
      import: { ms: Math.round(importMs), rowsPerSec: Math.round(rows / (importMs / 1000)), inserted: j.inserted, updated: j.updated, unchanged: j.unchanged, rejected: j.rejected, status: j.status },
      rerun: { ms: Math.round(rerunMs), inserted: k.inserted, updated: k.updated, unchanged: k.unchanged, rejected: k.rejected },
      maxRssMb: { beforeImport: before, afterImport: after },
      copySameSchema: { ...sameSchema, rowsPerSec: Math.round(rows / (sameSchema.ms / 1000)) },
    };
    fs.writeFileSync(o.out, JSON.stringify(result, null, 2));
  } finally {
    await p.stop();
  }
}

const WRITTEN = ['household', 'resident', 'household_membership', 'resident_change'];

async function copySameSchema(url: string, dir: string): Promise<{ ms: number; tables: Record<string, { rows: number; ms: number }> }> {
  const { to: copyTo } = await import('pg-copy-streams');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  fs.mkdirSync(dir, { recursive: true });
  const tables: Record<string, { rows: number; ms: number }> = {};
  let total = 0;
  try {
    for (const t of WRITTEN) {
      const cols = (await client.query<{ c: string }>(
        `SELECT quote_ident(column_name) AS c FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`, [t])).rows.map((x) => x.c).join(', ');
      const file = `${dir}/${t}.copy`;
      await pipeline(client.query(copyTo(`COPY (SELECT ${cols} FROM ${t}) TO STDOUT`)), fs.createWriteStream(file));
      await client.query(`CREATE TABLE bench_${t} (LIKE ${t} INCLUDING ALL)`);
      const t0 = performance.now();
      await pipeline(fs.createReadStream(file), client.query(copyFrom(`COPY bench_${t} (${cols}) FROM STDIN`)));
      const ms = performance.now() - t0;
      const rows = Number((await client.query(`SELECT count(*) AS n FROM bench_${t}`)).rows[0].n);
      tables[t] = { rows, ms: Math.round(ms) };
      total += ms;
      await client.query(`DROP TABLE bench_${t}`);
      fs.rmSync(file);
    }
  } finally {
    await client.end();
  }
  return { ms: Math.round(total), tables };
}
