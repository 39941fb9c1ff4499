import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../../src/db/embedded.js';
import {
  HttpSession, cleanupAll, makeDataDir, postgresPidsFor, runCli, sleep, startServer, type ServerProcess,
} from '../helpers/server-process.js';

/**
 * Crash safety of the real server: 20 times, start it on the same data dir, fire
 * concurrent org writes and SIGKILL the node process 50–500 ms later, mid-flight (its
 * embedded postgres survives as an orphan; the next start must stop it and recover).
 * Afterwards every acknowledged (2xx) write must be there with exactly the acknowledged
 * fields, every org must have exactly its own audit record (no half-written operation),
 * and the audit hash chain must verify.
 */
const ROUNDS = Number(process.env.GONGZHI_KILL_ROUNDS || 20);
const WRITERS = 6;
const ADMIN = { user: 'admin', password: 'Gz-kill-Boss-2026!' };
const AUDITOR = { user: 'auditor', password: 'Gz-kill-Read-2026!' };
const DISTRICT = '620902'; // 肃州区: 24 streets, 147 communities

// Reproducible randomness: GONGZHI_KILL_SEED=<n> replays a run.
const SEED = Number(process.env.GONGZHI_KILL_SEED || Date.now() % 1_000_000);
let rngState = SEED || 1;
const rand = () => {
  rngState = (rngState * 1103515245 + 12345) % 2147483648;
  return rngState / 2147483648;
};

type Level = 'grid' | 'department';
interface OrgFields { level: Level; parentId: number; code: string; name: string; householdsTarget: number | null; boundary: object | null }
interface Patch { name: string; householdsTarget: number; acked: boolean }
interface Tracked extends OrgFields {
  /** The create got a 2xx (false: it was in flight when the server died — may or may not exist). */
  acked: boolean;
  id: number | null;
  patch?: Patch;
}

const square = (lon: number, lat: number) => ({
  type: 'Polygon', coordinates: [[[lon, lat], [lon + 0.01, lat], [lon + 0.01, lat + 0.01], [lon, lat + 0.01], [lon, lat]]],
});

describe('SIGKILL during writes', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = makeDataDir('gz-kill-');
    const imp = await runCli(['orgs', 'import-division', DISTRICT], { dataDir, timeoutMs: 90_000 });
    expect(imp.code, imp.output).toBe(0);
    const aud = await runCli(['admin', 'create', '-u', AUDITOR.user, '-r', 'auditAdmin', '--password', AUDITOR.password], { dataDir });
    expect(aud.code, aud.output).toBe(0);
  }, 180_000);

  afterAll(async () => { await cleanupAll(); }, 60_000);

  it(`SIGKILL the server during writes ${ROUNDS} times; each restart recovers, every acknowledged write is present, none half-written`, async () => {
    const orgs = new Map<string, Tracked>(); // by code (unique)
    const rejected: string[] = [];
    const restarts: number[] = [];
    const perRound: string[] = [];
    let communities: { id: number; code: string }[] = [];
    let streets: { id: number; code: string }[] = [];
    let seq = 0;

    const listLevel = async (s: HttpSession, level: string) => {
      const out: { id: number; code: string }[] = [];
      for (let page = 1; ; page++) {
        const r = await s.get(`/api/v1/orgs?level=${level}&q=${DISTRICT}&pageSize=200&page=${page}`);
        expect(r.status, r.text).toBe(200);
        out.push(...r.body.items.map((o: { id: number; code: string }) => ({ id: o.id, code: o.code })));
        if (out.length >= r.body.total || r.body.items.length === 0) return out;
      }
    };

    /** One write: a grid (with boundary), a department, or a one-time rename of an acknowledged grid. */
    const writeOnce = async (s: HttpSession) => {
      const k = seq++;
      const patchable = k % 5 === 4 ? [...orgs.values()].find((o) => o.acked && o.id && !o.patch && o.level === 'grid') : undefined;
      if (patchable) {
        const p: Patch = { name: `${patchable.name}-改${k}`, householdsTarget: 100 + k, acked: false };
        patchable.patch = p;
        const r = await s.patch(`/api/v1/orgs/${patchable.id}`, { name: p.name, householdsTarget: p.householdsTarget });
        if (r.status === 200 && r.body.name === p.name && r.body.householdsTarget === p.householdsTarget) p.acked = true;
        else { rejected.push(`PATCH ${patchable.code}: ${r.status} ${r.text}`); delete patchable.patch; }
        return;
      }
      let f: OrgFields;
      if (k % 4 === 3) {
        const st = streets[k % streets.length];
        f = { level: 'department', parentId: st.id, code: `${st.code}D${String(Math.floor(k / streets.length) % 1000).padStart(3, '0')}`, name: `部门${k}`, householdsTarget: null, boundary: null };
      } else {
        const c = communities[k % communities.length];
        f = {
          level: 'grid', parentId: c.id, code: `${c.code}${String(Math.floor(k / communities.length) % 1000).padStart(3, '0')}`,
          name: `网格${k}`, householdsTarget: 200 + (k % 700), boundary: k % 2 ? square(98 + (k % 100) / 100, 39.7) : null,
        };
      }
      const t: Tracked = { ...f, acked: false, id: null };
      orgs.set(f.code, t);
      const r = await s.post('/api/v1/orgs', f);
      if (r.status === 201) {
        t.acked = true;
        t.id = r.body.id;
        const b = r.body;
        if (b.code !== f.code || b.name !== f.name || b.level !== f.level || b.parentId !== f.parentId || b.householdsTarget !== f.householdsTarget)
          rejected.push(`POST ${f.code} answered ${r.text}`);
      } else {
        rejected.push(`POST ${f.code}: ${r.status} ${r.text}`);
        orgs.delete(f.code);
      }
    };

    for (let round = 1; round <= ROUNDS; round++) {
      const srv: ServerProcess = await startServer({ dataDir, adminUser: ADMIN.user, adminPassword: ADMIN.password });
      restarts.push(srv.startMs);
      const s = await HttpSession.login(srv.baseUrl, ADMIN.user, ADMIN.password);
      if (round === 1) {
        communities = await listLevel(s, 'community');
        streets = await listLevel(s, 'street');
        expect(communities.length).toBe(147);
        expect(streets.length).toBe(24);
      }
      const ackedBefore = [...orgs.values()].filter((o) => o.acked).length;
      let inFlight = 0;
      let killed = false;
      const writer = async () => {
        while (!killed) {
          inFlight++;
          try { await writeOnce(s); } catch { return; /* connection died with the server: outcome unknown */ } finally { inFlight--; }
        }
      };
      const writers = Array.from({ length: WRITERS }, writer);
      const delay = Math.round(50 + rand() * 450);
      await sleep(delay);
      const flying = inFlight;
      killed = true;
      const exit = await srv.kill('SIGKILL');
      expect(exit.signal).toBe('SIGKILL');
      await Promise.all(writers);
      const acked = [...orgs.values()].filter((o) => o.acked).length - ackedBefore;
      perRound.push(`round ${String(round).padStart(2)}: restart ${String(srv.startMs).padStart(5)} ms, killed after ${String(delay).padStart(3)} ms with ${flying} requests in flight, ${acked} creates acknowledged`);
      expect(flying, 'the kill must land mid-flight').toBeGreaterThan(0);
    }

    // One more start: recovery, then the checks. A fixed PG port lets us read as the owner.
    const pgPort = await freePort();
    const srv = await startServer({ dataDir, adminUser: ADMIN.user, adminPassword: ADMIN.password, pgPort });
    restarts.push(srv.startMs);
    const secret = fs.readFileSync(path.join(dataDir, 'pg-superuser-secret'), 'utf8').trim();
    const owner = new pg.Client({ connectionString: `postgres://postgres:${encodeURIComponent(secret)}@127.0.0.1:${pgPort}/postgres` });
    await owner.connect();
    try {
      const { rows: dbOrgs } = await owner.query<{ id: number; parent_id: number; level: Level; code: string; name: string; path: string; households_target: number | null; boundary: object | null; parent_path: string }>(
        `SELECT o.id::int, o.parent_id::int, o.level, o.code, o.name, o.path, o.households_target, o.boundary, p.path AS parent_path
           FROM org o JOIN org p ON p.id = o.parent_id WHERE o.level IN ('grid', 'department')`);
      const { rows: audits } = await owner.query<{ id: number; action: string; entity_id: string; detail: Record<string, unknown>; outcome: string }>(
        `SELECT id::int, action, entity_id, detail, outcome FROM audit_log WHERE entity_type = 'org' AND action IN ('org.create', 'org.update') ORDER BY id`);
      const auditsOf = new Map<string, typeof audits>();
      for (const a of audits) auditsOf.set(`${a.action}:${a.entity_id}`, [...(auditsOf.get(`${a.action}:${a.entity_id}`) ?? []), a]);
      const byCode = new Map(dbOrgs.map((o) => [o.code, o]));
      const byId = new Map(dbOrgs.map((o) => [String(o.id), o]));
      const problems: string[] = [];

      // Every acknowledged create is there, with exactly the acknowledged fields.
      const ackedOrgs = [...orgs.values()].filter((o) => o.acked);
      for (const t of ackedOrgs) {
        const o = byCode.get(t.code);
        if (!o) { problems.push(`acknowledged org ${t.code} (id ${t.id}) is missing`); continue; }
        if (o.id !== t.id) problems.push(`${t.code}: id ${o.id}, acknowledged ${t.id}`);
      }

      // Every org that exists (acknowledged or in flight at a kill) is whole: fields, path, audit.
      let unackedCommitted = 0;
      let patchesUncertain = 0;
      for (const o of dbOrgs) {
        const t = orgs.get(o.code);
        if (!t) { problems.push(`org ${o.code} (id ${o.id}) exists but was never written by this test`); continue; }
        if (!t.acked) unackedCommitted++;
        const base = { level: t.level, parentId: t.parentId, boundary: t.boundary };
        const got = { level: o.level, parentId: o.parent_id, boundary: o.boundary };
        if (JSON.stringify(got) !== JSON.stringify(base)) problems.push(`${o.code}: ${JSON.stringify(got)} ≠ acknowledged ${JSON.stringify(base)}`);
        if (o.path !== `${o.parent_path}${o.id}/`) problems.push(`${o.code}: path ${o.path} does not extend its parent's ${o.parent_path}`);
        const original = { name: t.name, householdsTarget: t.householdsTarget };
        const patched = t.patch ? { name: t.patch.name, householdsTarget: t.patch.householdsTarget } : null;
        const now = { name: o.name, householdsTarget: o.households_target };
        const isPatched = patched !== null && JSON.stringify(now) === JSON.stringify(patched);
        if (t.patch?.acked && !isPatched) problems.push(`${o.code}: acknowledged rename to ${JSON.stringify(patched)} lost, found ${JSON.stringify(now)}`);
        if (!isPatched && JSON.stringify(now) !== JSON.stringify(original)) problems.push(`${o.code}: ${JSON.stringify(now)} is neither ${JSON.stringify(original)} nor ${JSON.stringify(patched)}`);
        if (t.patch && !t.patch.acked) patchesUncertain++;

        const creates = auditsOf.get(`org.create:${o.id}`) ?? [];
        if (creates.length !== 1) problems.push(`${o.code} (id ${o.id}) has ${creates.length} org.create audit records`);
        else {
          const d = creates[0].detail;
          if (d.code !== t.code || d.name !== t.name || d.level !== t.level || d.parentId !== t.parentId || creates[0].outcome !== 'success')
            problems.push(`${o.code}: audit record ${creates[0].id} ${JSON.stringify(d)} does not describe the org`);
        }
        const updates = auditsOf.get(`org.update:${o.id}`) ?? [];
        if (updates.length !== (isPatched ? 1 : 0)) problems.push(`${o.code}: ${updates.length} org.update audit records but ${isPatched ? 'renamed' : 'not renamed'}`);
      }
      // ...and no audit record describes an org that is not there.
      for (const a of audits) if (!byId.has(a.entity_id)) problems.push(`audit ${a.id} ${a.action} refers to org ${a.entity_id}, which does not exist`);

      // The hash chain verifies, through the API as the audit admin.
      const auditor = await HttpSession.login(srv.baseUrl, AUDITOR.user, AUDITOR.password);
      const v = await auditor.post('/api/v1/audit/verify');
      const { rows: [{ n: auditTotal }] } = await owner.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
      // The API agrees with the table on an acknowledged org.
      const admin = await HttpSession.login(srv.baseUrl, ADMIN.user, ADMIN.password);
      const sample = ackedOrgs[ackedOrgs.length - 1];
      const got = await admin.get(`/api/v1/orgs/${sample.id}`);

      // restarts[0] is the first start (after the CLI import); every later one follows a SIGKILL.
      const afterKill = restarts.slice(1);
      const median = [...afterKill].sort((a, b) => a - b)[Math.floor(afterKill.length / 2)];
      console.log([
        `[kill] seed ${SEED}, ${ROUNDS} SIGKILLs, data dir ${dataDir}`,
        ...perRound,
        `final start: ${srv.startMs} ms`,
        `restart after SIGKILL (spawn → first 200, orphan postmaster stopped + recovery included), ${afterKill.length} restarts: ` +
          `min ${Math.min(...afterKill)} ms, median ${median} ms, max ${Math.max(...afterKill)} ms`,
        `${ackedOrgs.length} acknowledged creates, ${ackedOrgs.filter((o) => o.patch?.acked).length} acknowledged renames; ` +
          `${[...orgs.values()].filter((o) => !o.acked).length} creates in flight at a kill (${unackedCommitted} of them committed), ${patchesUncertain} renames in flight`,
        `audit chain: ${JSON.stringify(v.body)}, ${auditTotal} records`,
      ].join('\n'));

      expect(rejected, 'every write that got an answer succeeded').toEqual([]);
      expect(problems).toEqual([]);
      expect(ackedOrgs.length).toBeGreaterThan(ROUNDS);
      expect(v.status, v.text).toBe(200);
      expect(v.body).toMatchObject({ ok: true, firstBadId: null, checked: auditTotal });
      expect(got.status, got.text).toBe(200);
      expect(got.body).toMatchObject({ id: sample.id, code: sample.code, parentId: sample.parentId, level: sample.level });
    } finally {
      await owner.end();
    }

    // And it still shuts down cleanly after all that.
    const exit = await srv.stop();
    expect(exit, srv.log()).toEqual({ code: 0, signal: null });
    expect(postgresPidsFor(dataDir)).toEqual([]);
  }, 300_000);
});
