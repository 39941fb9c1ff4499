import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../../src/config.js';
import { openPlatform } from '../../src/platform.js';
import { systemCtx } from '../../src/core/context.js';
import { maskName, maskPhone } from '../../src/core/crypto.js';
import { createAccount } from '../../src/modules/accounts/service-admin.js';
import type { Rating, RequestKind, RequestStatus } from '../../src/db/schema.js';
import { dueDates, isOpen, overdueLevel, pickRoute, type ClockState } from '../../src/modules/requests/rules.js';
import { Draw, estateName, personName } from '../city/names.js';
import { CopySink } from '../lib/copy.js';
import { buildCity, type BuiltCity, type CategoryRef, type GridRef, type OrgRef } from './city.js';

/**
 * `node bin/bench.mjs --role=requests-data [--data-dir=DIR] [--requests=1000000] [--seed=N] [--anchor=ISO]`:
 * the requests benchmark's data dir — the compact city of ./city.ts and a year of
 * 接诉即办 history: every request is simulated through the workflow of rules.ts (accept,
 * dispatch, start, resolve, rate, close, returns, reopenings, merges, refusals, overdue
 * and escalation by the same `overdueLevel` the sweeper uses), and cut at the anchor
 * ("now"), so the status mix of the open queue follows from the timings. Rows go in by
 * COPY as the cluster owner with triggers off; `request_stat` is then rebuilt by one
 * INSERT … SELECT … GROUP BY computing what `request_stat_add` computes, checked against
 * the trigger function itself on a sample of grids. Then VACUUM (ANALYZE).
 * Same seed, count and anchor → the same rows.
 */
export const GENERATOR_VERSION = 2;
export const SUMMARY_FILE = 'bench-requests.json';
export const REQUEST_USERS = {
  dispatcher: 'bench_rq_street', community: 'bench_rq_community', city: 'bench_rq_city',
  grids: Array.from({ length: 8 }, (_, i) => `bench_rq_grid${i + 1}`),
  password: 'Gz-bench-Requests-2026!',
};

export interface RequestsSummary {
  version: number; seed: number; requests: number; anchor: string; windowStart: string;
  /** Stats query months covering the whole window (China time). */
  months: { from: string; to: string };
  generatedAt: string; ms: number; phaseMs: Record<string, number>;
  counts: { districts: number; streets: number; communities: number; grids: number; departments: number; categories: number; routes: number; requests: number; events: number; requestStatRows: number };
  statusMix: Record<string, number>; openShare: number; overdueOpen: number; everOverdue: number; routedAuto: number;
  statCheck: StatCheck;
  /** sha256 of src/modules/requests/rules.ts when the data was made (deadlines and overdue levels come from it). */
  rulesChecksum: string;
  /** sha256 of each migration applied when the data was made: a changed one means the data dir is stale. */
  migrations: Record<string, string>;
  sampleGridIds: number[];
  users: { dispatcher: { username: string; org: OrgBrief }; community: { username: string; org: OrgBrief }; city: { username: string; org: OrgBrief }; grids: { username: string; org: OrgBrief; box: number[] }[]; password: string };
  categories: { id: number; code: string; leaf: boolean }[];
}
interface OrgBrief { id: number; code: string; name: string; path: string }

export const RULES_FILE = fileURLToPath(new URL('../../src/modules/requests/rules.ts', import.meta.url));
export const rulesFileChecksum = () => crypto.createHash('sha256').update(fs.readFileSync(RULES_FILE)).digest('hex');
/** Taken when this module loads, right after rules.ts itself: the rules this process simulates with. */
const RULES_AT_LOAD = rulesFileChecksum();

export function readRequestsSummary(dataDir: string): RequestsSummary | null {
  const f = path.join(dataDir, SUMMARY_FILE);
  return fs.existsSync(f) ? (JSON.parse(fs.readFileSync(f, 'utf8')) as RequestsSummary) : null;
}

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const CN = 8 * HOUR; // China time offset (no DST)
const AUTO_CLOSE = 7 * DAY;

/** Hour-of-day weights (China time): quiet nights, morning and evening peaks. */
const HOURS = [1, 0.6, 0.4, 0.3, 0.3, 0.5, 1.5, 4, 7, 9, 9, 8, 6, 6, 7, 7, 7, 7, 6, 6, 5, 4, 3, 2];

class Rng extends Draw {
  /** Uniform in [0, 1). */
  u(): number { return this.int(0, 2 ** 30 - 1) / 2 ** 30; }
  /** Log-normal with the given median and sigma (of the log). */
  logn(median: number, sigma: number): number {
    const z = Math.sqrt(-2 * Math.log(1 - this.u())) * Math.cos(2 * Math.PI * this.u());
    return median * Math.exp(sigma * z);
  }
  weighted(cum: Float64Array): number {
    const x = this.u() * cum[cum.length - 1];
    let lo = 0, hi = cum.length - 1;
    while (lo < hi) { const m = (lo + hi) >> 1; if (cum[m] > x) hi = m; else lo = m + 1; }
    return lo;
  }
}

interface Ev { action: string; from: RequestStatus | null; to: RequestStatus; at: number; actor: string | null; actorOrg: number | null; target: OrgRef | null; note: string | null; rating?: Rating }

const cumulative = (ws: number[]) => { const c = new Float64Array(ws.length); let s = 0; ws.forEach((w, i) => { s += w; c[i] = s; }); return c; };
const iso = (ms: number) => new Date(ms).toISOString();
const monthOf = (ms: number) => new Date(ms + CN).toISOString().slice(0, 7);

/** Where a request without a routing rule goes when the community dispatcher sends it. */
function manualHandler(d: Rng, c: CategoryRef, g: GridRef, city: BuiltCity): OrgRef {
  const community = city.communities[g.community];
  const root = c.def.parent ?? c.code;
  const x = d.int(0, 99);
  if (root === 'life') return x < 50 ? community : x < 80 ? city.streets[g.street].departments[4] : g;
  return x < 60 ? g : community;
}

export async function generateRequests(opts: { dataDir: string; seed?: number; requests?: number; anchor?: string; log?: (m: string) => void }): Promise<RequestsSummary> {
  const log = opts.log ?? console.log;
  const seed = opts.seed ?? 20261206;
  const total = opts.requests ?? 1_000_000;
  const have = readRequestsSummary(opts.dataDir);
  if (have && have.version === GENERATOR_VERSION && have.seed === seed && have.requests === total && (!opts.anchor || have.anchor === new Date(opts.anchor).toISOString())) {
    log(`requests data already generated in ${opts.dataDir} (version ${have.version}, anchor ${have.anchor})`);
    return have;
  }
  if (fs.existsSync(path.join(opts.dataDir, 'pg'))) throw new Error(`${opts.dataDir} holds other data (no matching ${SUMMARY_FILE}); remove it or use another --data-dir`);
  // "Now" of the data: the hour the data is made (or --anchor to repeat a run byte for byte).
  const anchor = opts.anchor ? new Date(opts.anchor).getTime() : Math.floor(Date.now() / HOUR) * HOUR;
  if (!Number.isFinite(anchor)) throw new Error(`bad --anchor ${opts.anchor}`);
  // The window: twelve calendar months (China time) ending with the anchor's month.
  const a = new Date(anchor + CN);
  const windowStart = Date.UTC(a.getUTCFullYear(), a.getUTCMonth() - 11, 1) - CN;

  const rulesChecksum = RULES_AT_LOAD;
  const t0 = Date.now();
  const phaseMs: Record<string, number> = {};
  let tp = Date.now();
  const phase = (name: string) => { phaseMs[name] = Date.now() - tp; tp = Date.now(); log(`  ${name}: ${(phaseMs[name] / 1000).toFixed(1)} s`); };
  const config = loadConfig({ dataDir: opts.dataDir, env: 'production', logLevel: 'warn', databaseUrl: null });
  const p = await openPlatform(config, log);
  const clients: pg.Client[] = [];
  try {
    const db = p.deps.db;
    const cipher = p.deps.cipher;
    phase('platform');
    const city = await buildCity(db, seed);
    phase('orgs, categories, routes');

    const ctx = systemCtx(p.deps, 'bench:requests-data');
    const street = city.streets[0];
    const community = city.communities.find((c) => c.street === 0)!;
    const userGrids = REQUEST_USERS.grids.map((_, i) => city.grids[Math.floor((i * city.grids.length) / REQUEST_USERS.grids.length) + 3]);
    const brief = (o: OrgRef): OrgBrief => ({ id: o.id, code: o.code, name: o.name, path: o.path });
    const account = (username: string, role: 'streetStaff' | 'communityWorker' | 'gridWorker', o: OrgRef) =>
      createAccount(ctx, { username, role, orgCode: o.code, password: REQUEST_USERS.password, mustChange: false, displayName: username });
    await account(REQUEST_USERS.dispatcher, 'streetStaff', street);
    await account(REQUEST_USERS.community, 'communityWorker', community);
    await account(REQUEST_USERS.city, 'streetStaff', city.city);
    for (const [i, u] of REQUEST_USERS.grids.entries()) await account(u, 'gridWorker', userGrids[i]);
    phase('accounts');

    // Routing per (street, category): rules are at district and street level, so a street decides it.
    const routeOf = new Map<string, OrgRef | null>();
    for (const [si, st] of city.streets.entries()) {
      for (const c of city.categories) {
        const rules = city.routes.filter((r) => st.path.startsWith(r.orgPath) && c.chain.includes(r.categoryId))
          .map((r) => ({ orgPath: r.orgPath, categoryDepth: c.chain.indexOf(r.categoryId), handlerOrgId: r.handler.id, handler: r.handler }));
        const best = pickRoute(rules);
        routeOf.set(`${si}:${c.id}`, best ? rules.find((r) => r === best)!.handler : null);
      }
    }

    const mk = (table: string, columns: string[]) => CopySink.connect(p.databaseUrl, clients, table, columns);
    const reqSink = await mk('request', ['id', 'org_id', 'org_path', 'handler_org_id', 'handler_path', 'category_id', 'kind', 'channel', 'description', 'address', 'lon', 'lat',
      'reporter_kind', 'reporter_user_id', 'contact_name_enc', 'contact_name_masked', 'contact_phone_enc', 'contact_phone_hash', 'contact_phone_masked',
      'status', 'routed_auto', 'accept_due_at', 'respond_due_at', 'resolve_due_at', 'escalate_hours', 'accepted_at', 'dispatched_at', 'responded_at', 'resolved_at',
      'rated_at', 'closed_at', 'overdue_level', 'ever_overdue', 'rating', 'rating_comment', 'reopen_count', 'resolution', 'merged_into_id',
      'idem_scope', 'client_key', 'version', 'created_at', 'updated_at']);
    const evSink = await mk('request_event', ['id', 'request_id', 'org_id', 'org_path', 'action', 'from_status', 'to_status', 'actor_id', 'actor_name', 'actor_org_id', 'target_org_id', 'note', 'at']);

    const d = new Rng(seed + 1);
    // Submission times: a uniform day, a weighted hour, then sorted so ids follow time.
    const hourCum = cumulative(HOURS);
    const days = Math.ceil((anchor - windowStart) / DAY);
    const times = new Float64Array(total);
    for (let i = 0; i < total; i++) {
      let t: number;
      do {
        const day = d.int(0, days - 1);
        t = windowStart + day * DAY + d.weighted(hourCum) * HOUR + d.int(0, HOUR - 1);
      } while (t >= anchor - 5 * MIN);
      times[i] = t;
    }
    times.sort();
    const gridCum = cumulative(city.grids.map((g) => g.weight));
    const catCum = cumulative(city.categories.map((c) => c.def.weight));
    const lastInGrid = new Int32Array(city.grids.length).fill(0);
    const status: Record<string, number> = {};
    let events = 0, overdueOpen = 0, everOverdue = 0, routedAutoN = 0, open = 0;

    for (let i = 0; i < total; i++) {
      const id = i + 1;
      const created = times[i];
      const gi = d.weighted(gridCum);
      const g = city.grids[gi];
      const cat = city.categories[d.weighted(catCum)];
      const kinds = cat.def.kinds ?? (cat.def.parent ? city.categories.find((c) => c.code === cat.def.parent)!.def.kinds : undefined);
      const kind: RequestKind = kinds?.length ? d.pick(kinds) : (['problem', 'problem', 'problem', 'problem', 'problem', 'problem', 'problem', 'complaint', 'complaint', 'help'] as const)[d.int(0, 9)];
      const ch = d.int(0, 99);
      const channel = ch < 30 ? 'app' : ch < 65 ? 'grid' : ch < 95 ? 'hotline' : 'web';
      const reporterKind = channel === 'app' ? 'resident' : channel === 'grid' ? 'gridWorker' : channel === 'hotline' ? 'hotline' : 'staff';
      const place = `${estateName(d, 0).replace(/\d+$/, '')}${d.int(1, 24)}号楼`;
      const description = d.pick(cat.def.texts ?? ['{p}有问题需要处理']).replace('{p}', place);
      const hasPoint = channel !== 'hotline' || d.chance(40);
      const [x0, y0, x1, y1] = g.box;
      const lon = hasPoint ? Number((x0 + (x1 - x0) * (0.05 + 0.9 * d.u())).toFixed(6)) : null;
      const lat = hasPoint ? Number((y0 + (y1 - y0) * (0.05 + 0.9 * d.u())).toFixed(6)) : null;
      const dl = cat.deadlines;
      const due = dueDates(new Date(created), dl);
      const route = routeOf.get(`${g.street}:${cat.id}`) ?? null;
      const com = city.communities[g.community];

      // ── the whole life of the request (may run past the anchor; cut below) ──
      const fate = d.int(0, 9999) / 100;
      const merged = fate < 0.5 && lastInGrid[gi] > 0;
      const never = fate >= 0.5 && fate < 1.7;
      const hard = fate >= 1.7 && fate < 4.2;
      const refused = fate >= 4.2 && fate < 5.0 && !route;
      const neverAs = never ? d.int(0, 9) : -1; // 0: stays accepted, 1–2: returned, else in progress
      const evs: Ev[] = [];
      let t = created;
      let st: RequestStatus = 'submitted';
      let handler: OrgRef | null = null;
      const ev = (action: string, to: RequestStatus, at: number, actor: string | null, actorOrg: number | null, target: OrgRef | null = null, note: string | null = null, rating?: Rating) => {
        evs.push({ action, from: action === 'submit' ? null : st, to, at, actor, actorOrg, target, note, rating });
        st = to;
      };
      const reporter = reporterKind === 'resident' ? '居民' : reporterKind === 'gridWorker' ? '网格员' : reporterKind === 'hotline' ? '12345热线' : '街道工作人员';
      ev('submit', 'submitted', t, reporter, null);
      const dispatcher = `${com.name}调度员`;
      life: {
        if (route) {
          t += d.int(200, 3000);
          handler = route;
          ev('dispatch', 'dispatched', t, null, null, handler, 'auto'); // as service-submit writes it
        } else {
          t += Math.min(d.logn(35 * MIN, 1.0), 3 * DAY);
          ev('accept', 'accepted', t, dispatcher, com.id);
          if (merged) { t += d.int(1, 60) * MIN; ev('merge', 'merged', t, dispatcher, com.id, null, `与诉求 #${lastInGrid[gi]} 重复`); break life; }
          if (refused) { t += d.int(5, 240) * MIN; ev('close', 'closed', t, dispatcher, com.id, null, '不予受理：不属于受理范围，已告知诉求人'); break life; }
          if (neverAs === 0) break life;
          t += Math.min(d.logn(20 * MIN, 0.8), DAY);
          handler = manualHandler(d, cat, g, city);
          ev('dispatch', 'dispatched', t, dispatcher, com.id, handler);
        }
        if (merged) { t += d.int(5, 240) * MIN; ev('merge', 'merged', t, dispatcher, com.id, null, `与诉求 #${lastInGrid[gi]} 重复`); break life; }
        if (d.chance(3) || neverAs === 1 || neverAs === 2) {
          t += Math.min(d.logn(2 * HOUR, 1.0), 3 * DAY);
          ev('return', 'returned', t, handler!.name, handler!.id, null, '不属于本单位职责，退回重新派遣');
          handler = null;
          if (neverAs === 1 || neverAs === 2) break life;
          t += Math.min(d.logn(40 * MIN, 1.0), 2 * DAY);
          handler = d.chance(50) ? g : com;
          ev('dispatch', 'dispatched', t, dispatcher, com.id, handler);
        }
        t += Math.min(d.logn(0.15 * dl.respondHours * HOUR, 1.0), 20 * DAY);
        const h = handler!;
        ev('start', 'inProgress', t, h.name, h.id);
        if (never) break life;
        const resolveFor = (scale: number) => hard ? d.int(20, 200) * DAY : Math.min(d.logn(0.25 * dl.resolveHours * HOUR * scale, 0.9), 60 * DAY);
        t += resolveFor(1);
        ev('resolve', 'resolved', t, h.name, h.id, null, '已现场处置完毕，并电话回访诉求人');
        // The reporter rates, or nobody does and the sweeper closes it a week after resolution
        // (service-sweep AUTO_CLOSE_DAYS = 7; the sweeper runs every minute).
        const autoClose = () => { t += AUTO_CLOSE + d.int(0, 60_000); ev('close', 'closed', t, null, null, null, '7 天内未评价或未重启，自动关闭'); };
        const rate = (satisfiedPct: number, basicPct: number): Rating | null => {
          const wait = d.logn(8 * HOUR, 1.0);
          if (d.chance(82) && wait < AUTO_CLOSE) {
            t += wait;
            const x = d.int(0, 99);
            const rating: Rating = x < satisfiedPct ? 'satisfied' : x < satisfiedPct + basicPct ? 'basic' : 'unsatisfied';
            ev('rate', 'rated', t, reporter, null, null, rating === 'unsatisfied' ? '处理不及时，问题没有彻底解决' : null, rating);
            return rating;
          }
          autoClose();
          return null;
        };
        // A satisfied result is often closed by the dispatcher at once; otherwise the week runs out.
        const closeRated = (r: Rating) => {
          if (r !== 'unsatisfied' && d.chance(50)) { t += d.int(10, 1440) * MIN; ev('close', 'closed', t, dispatcher, com.id, null, '诉求人已评价，办结'); } else autoClose();
        };
        const first = rate(78, 15);
        if (first === null) break life;
        if (first === 'unsatisfied' && d.chance(35)) {
          t += d.int(10, 600) * MIN;
          ev('reopen', 'reopened', t, reporter, null, null, '问题仍未解决，申请重新办理');
          t += Math.min(d.logn(30 * MIN, 1.0), DAY);
          ev('dispatch', 'dispatched', t, dispatcher, com.id, h);
          t += Math.min(d.logn(2 * HOUR, 1.0), 5 * DAY);
          ev('start', 'inProgress', t, h.name, h.id);
          t += resolveFor(0.6);
          ev('resolve', 'resolved', t, h.name, h.id, null, '重新处置完毕');
          const second = rate(55, 25);
          if (second !== null) closeRated(second);
        } else closeRated(first);
      }
      // ── the sweeper: overdue (level 1) and escalation (level 2) at the deadlines, and now ──
      const escalateAt = due.resolveDueAt.getTime() + dl.escalateHours * HOUR;
      const checks = [due.acceptDueAt.getTime(), due.respondDueAt.getTime(), due.resolveDueAt.getTime(), escalateAt,
        ...evs.filter((e) => e.action === 'reopen').map((e) => e.at)].map((c) => c + d.int(1, 10) * MIN).filter((c) => c < anchor).sort((x, y) => x - y);
      checks.push(anchor);
      let level = 0;
      const timeline = evs.filter((e) => e.at <= anchor);
      for (const c of checks) {
        let s: RequestStatus = 'submitted', acceptedAt: Date | null = null, respondedAt: Date | null = null;
        for (const e of timeline) {
          if (e.at > c) break;
          s = e.to;
          if ((e.action === 'accept' || (e.action === 'dispatch' && e.note === 'auto')) && !acceptedAt) acceptedAt = new Date(e.at);
          if (e.action === 'start' && !respondedAt) respondedAt = new Date(e.at);
        }
        if (!isOpen(s)) continue;
        const clock: ClockState = { status: s, overdueLevel: level, acceptDueAt: due.acceptDueAt, respondDueAt: due.respondDueAt, resolveDueAt: due.resolveDueAt, escalateHours: dl.escalateHours, acceptedAt, respondedAt };
        const next = overdueLevel(clock, new Date(c));
        if (next > level) {
          const at = c === anchor ? anchor - 1 : c;
          const k = timeline.findIndex((e) => e.at > at);
          const e: Ev = { action: next === 2 ? 'escalate' : 'overdue', from: s, to: s, at, actor: null, actorOrg: null, target: null, note: next === 2 ? '超期未办结，已升级上报' : '已超期' };
          timeline.splice(k < 0 ? timeline.length : k, 0, e);
          level = next;
        }
      }

      // ── the row as it stands at the anchor ──
      let acceptedAt: number | null = null, dispatchedAt: number | null = null, respondedAt: number | null = null, resolvedAt: number | null = null;
      let ratedAt: number | null = null, closedAt: number | null = null, rating: Rating | null = null, reopens = 0, resolution: string | null = null, cur: OrgRef | null = null;
      let ratingComment: string | null = null;
      for (const e of timeline) {
        // An automatically routed request is accepted and dispatched at submission (service-submit).
        if ((e.action === 'accept' || (e.action === 'dispatch' && e.note === 'auto')) && acceptedAt === null) acceptedAt = e.at;
        if (e.action === 'dispatch') { dispatchedAt = e.at; cur = e.target; }
        if (e.action === 'return') cur = null;
        if (e.action === 'start' && respondedAt === null) respondedAt = e.at;
        if (e.action === 'resolve') { resolvedAt = e.at; resolution = e.note; }
        if (e.action === 'rate') { ratedAt = e.at; rating = e.rating!; ratingComment = e.note; }
        if (e.action === 'reopen') { reopens++; resolvedAt = null; }
        if (e.action === 'close' || e.action === 'merge') closedAt = e.at;
      }
      const last = timeline[timeline.length - 1];
      const s = last.to;
      if (cur && (s === 'submitted' || s === 'accepted' || s === 'returned')) cur = null;
      status[s] = (status[s] ?? 0) + 1;
      if (isOpen(s)) { open++; if (level > 0) overdueOpen++; }
      if (level > 0) everOverdue++;
      if (route) routedAutoN++;
      const hotline = channel === 'hotline';
      const contactName = hotline ? personName(d) : null;
      const contactPhone = hotline ? `1${d.pick(['38', '39', '58', '86', '87', '77', '99'])}${String(d.int(0, 99_999_999)).padStart(8, '0')}` : null;
      await reqSink.push([id, g.id, g.path, cur?.id ?? null, cur?.path ?? null, cat.id, kind, channel, description, `${com.name}${place}`, lon, lat,
        reporterKind, null, contactName ? cipher.encrypt(contactName) : null, contactName ? maskName(contactName) : null,
        contactPhone ? cipher.encrypt(contactPhone) : null, contactPhone ? cipher.lookupHash(contactPhone) : null, contactPhone ? maskPhone(contactPhone) : null,
        s, route ? 't' : 'f', iso(due.acceptDueAt.getTime()), iso(due.respondDueAt.getTime()), iso(due.resolveDueAt.getTime()), dl.escalateHours,
        acceptedAt && iso(acceptedAt), dispatchedAt && iso(dispatchedAt), respondedAt && iso(respondedAt), resolvedAt && iso(resolvedAt),
        ratedAt && iso(ratedAt), closedAt && iso(closedAt), level, level > 0 ? 't' : 'f', rating, ratingComment, reopens, resolution,
        s === 'merged' ? lastInGrid[gi] : null, 'bench:history', `h${String(id).padStart(9, '0')}`, timeline.length, iso(created), iso(last.at)]);
      for (const e of timeline) {
        events++;
        await evSink.push([events, id, g.id, g.path, e.action, e.from, e.to, null, e.actor, e.actorOrg, e.target?.id ?? null, e.note, iso(e.at)]);
      }
      if (s !== 'merged') lastInGrid[gi] = id;
      if ((i + 1) % 100_000 === 0) log(`  ${(i + 1).toLocaleString()} requests, ${events.toLocaleString()} events, ${Math.round((Date.now() - t0) / 1000)} s`);
    }
    await reqSink.close();
    await evSink.close();
    phase('COPY requests and events');

    const owner = clients[0];
    for (const tbl of ['request', 'request_event']) await owner.query(`SELECT setval(pg_get_serial_sequence('${tbl}', 'id'), (SELECT max(id) FROM ${tbl}))`);
    await owner.query('TRUNCATE request_stat');
    await owner.query(REBUILD_REQUEST_STAT);
    phase('request_stat rebuild');
    const statCheck = await checkRequestStat(owner, statSample(city.grids));
    if (statCheck.mismatches) throw new Error(`request_stat rebuilt by SQL differs from request_stat_add() on ${statCheck.mismatches} rows of ${statCheck.rows} (sample of ${statCheck.grids} grids)`);
    log(`  request_stat vs request_stat_add()${statCheck.checkedWithNullRatingFix ? ' (with the NULL-rating fix: as committed it fails: ' + statCheck.error + ')' : ''} on ${statCheck.grids} grids `
      + `(${statCheck.requests.toLocaleString()} requests, ${statCheck.rows} rows): ${statCheck.requests ? 'identical' : 'NOT CHECKED'}`);
    phase('request_stat check');
    await owner.query('VACUUM (ANALYZE)');
    phase('VACUUM (ANALYZE)');
    const statRows = Number((await owner.query('SELECT count(*) AS n FROM request_stat')).rows[0].n);

    const summary: RequestsSummary = {
      version: GENERATOR_VERSION, seed, requests: total, anchor: iso(anchor), windowStart: iso(windowStart),
      months: { from: monthOf(windowStart), to: monthOf(anchor - 1) },
      generatedAt: new Date().toISOString(), ms: Date.now() - t0, phaseMs,
      counts: {
        districts: city.districts.length, streets: city.streets.length, communities: city.communities.length, grids: city.grids.length,
        departments: city.streets.length * 5 + city.districts.length * 2, categories: city.categories.length, routes: city.routes.length,
        requests: total, events, requestStatRows: statRows,
      },
      rulesChecksum,
      migrations: Object.fromEntries((await owner.query('SELECT name, checksum FROM schema_migration ORDER BY version')).rows.map((r) => [r.name, r.checksum])),
      sampleGridIds: statSample(city.grids),
      statusMix: status, openShare: Number((open / total).toFixed(4)), overdueOpen, everOverdue, routedAuto: routedAutoN, statCheck,
      users: {
        dispatcher: { username: REQUEST_USERS.dispatcher, org: brief(street) },
        community: { username: REQUEST_USERS.community, org: brief(community) },
        city: { username: REQUEST_USERS.city, org: brief(city.city) },
        grids: REQUEST_USERS.grids.map((u, i) => ({ username: u, org: brief(userGrids[i]), box: userGrids[i].box })),
        password: REQUEST_USERS.password,
      },
      categories: city.categories.map((c) => ({ id: c.id, code: c.code, leaf: c.leaf })),
    };
    fs.writeFileSync(path.join(opts.dataDir, SUMMARY_FILE), JSON.stringify(summary, null, 2));
    log(`done in ${Math.round(summary.ms / 1000)} s: ${JSON.stringify(summary.counts)}; open ${(summary.openShare * 100).toFixed(1)}% ${JSON.stringify(status)}`);
    return summary;
  } finally {
    for (const c of clients) await c.end().catch(() => {});
    await p.stop();
  }
}

/**
 * request_stat from scratch: per area org, handler and month of submission (China time),
 * exactly the sums `request_stat_add(r, 1)` adds row by row (merged requests are not
 * counted; handle time only for done requests, each rounded to whole seconds first).
 */
export const REBUILD_REQUEST_STAT = `
INSERT INTO request_stat (org_id, org_path, handler_org_id, handler_path, month, received, routed_auto, responded, responded_on_time,
  resolved, resolved_on_time, rated, satisfied, basic, unsatisfied, overdue, handle_seconds)
SELECT org_id, max(org_path), coalesce(handler_org_id, 0), max(coalesce(handler_path, '')),
  date_trunc('month', created_at AT TIME ZONE 'Asia/Shanghai')::date,
  count(*), sum(routed_auto::int),
  count(*) FILTER (WHERE responded_at IS NOT NULL),
  count(*) FILTER (WHERE responded_at IS NOT NULL AND responded_at <= respond_due_at),
  count(*) FILTER (WHERE done),
  count(*) FILTER (WHERE done AND resolved_at <= resolve_due_at),
  count(*) FILTER (WHERE rating IS NOT NULL),
  count(*) FILTER (WHERE rating = 'satisfied'),
  count(*) FILTER (WHERE rating = 'basic'),
  count(*) FILTER (WHERE rating = 'unsatisfied'),
  sum(ever_overdue::int),
  coalesce(sum(extract(epoch FROM resolved_at - created_at)::bigint) FILTER (WHERE done), 0)
FROM (SELECT r.*, (r.resolved_at IS NOT NULL AND r.status IN ('resolved','rated','closed')) AS done FROM request r WHERE r.status <> 'merged') x
GROUP BY org_id, coalesce(handler_org_id, 0), date_trunc('month', created_at AT TIME ZONE 'Asia/Shanghai')::date`;

/**
 * Recomputes request_stat for the sample's area orgs with the trigger's own function
 * (`request_stat_add(r, 1)` per request, in a transaction that is rolled back) and compares
 * it row for row with the set-based rebuild.
 */
export const statSample = (grids: { id: number }[]) => grids.filter((_, i) => i % 37 === 5).map((x) => x.id);

export interface StatCheck { grids: number; requests: number; rows: number; mismatches: number; error: string | null; checkedWithNullRatingFix?: boolean }

export async function checkRequestStat(c: pg.Client, orgIds: number[]): Promise<StatCheck> {
  const asIs = await checkOnce(c, orgIds, false);
  if (!asIs.error) return asIs;
  // The function as committed fails on unrated requests (NULL = 'satisfied' is NULL, and the
  // column is NOT NULL): compare with the same function with only that fixed (coalesce to
  // false), inside the same rolled-back transaction, so the rebuild is still checked.
  const fixed = await checkOnce(c, orgIds, true);
  return { ...fixed, error: asIs.error, checkedWithNullRatingFix: !fixed.error };
}

async function checkOnce(c: pg.Client, orgIds: number[], fixNullRating: boolean): Promise<StatCheck> {
  await c.query('BEGIN');
  try {
    if (fixNullRating) {
      const def = (await c.query(`SELECT pg_get_functiondef('request_stat_add(request, integer)'::regprocedure) AS d`)).rows[0].d as string;
      const patched = def.replace(/sign \* \(r\.rating = '(\w+)'\)::int/g, "sign * coalesce(r.rating = '$1', false)::int");
      if (patched === def) throw new Error('request_stat_add() does not have the expected rating expressions');
      await c.query(patched);
    }
    await c.query('CREATE TEMP TABLE stat_rebuilt ON COMMIT DROP AS SELECT * FROM request_stat WHERE org_id = ANY($1)', [orgIds]);
    await c.query('DELETE FROM request_stat WHERE org_id = ANY($1)', [orgIds]);
    const n = await c.query('SELECT request_stat_add(r, 1) FROM request r WHERE r.org_id = ANY($1)', [orgIds]);
    const rows = Number((await c.query('SELECT count(*) AS n FROM request_stat WHERE org_id = ANY($1)', [orgIds])).rows[0].n);
    const diff = await c.query(`SELECT count(*) AS n FROM (
      (SELECT * FROM request_stat WHERE org_id = ANY($1) EXCEPT SELECT * FROM stat_rebuilt)
      UNION ALL (SELECT * FROM stat_rebuilt EXCEPT SELECT * FROM request_stat WHERE org_id = ANY($1))) d`, [orgIds]);
    return { grids: orgIds.length, requests: n.rowCount ?? 0, rows, mismatches: Number(diff.rows[0].n), error: null };
  } catch (e) {
    // The trigger function itself failed (then every request INSERT fails the same way).
    return { grids: orgIds.length, requests: 0, rows: 0, mismatches: 0, error: (e as Error).message };
  } finally {
    await c.query('ROLLBACK');
  }
}
