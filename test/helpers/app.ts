import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { openDatabase, type DbHandle } from '../../src/db/database.js';
import { createCipher } from '../../src/core/crypto.js';
import { ChangeBus } from '../../src/core/change-bus.js';
import { systemCtx, type Deps } from '../../src/core/context.js';
import { buildServer } from '../../src/server.js';
import { createAccount } from '../../src/modules/accounts/service-admin.js';
import { insertOrg } from '../../src/modules/orgs/repo.js';
import type { OrgLevel, Role } from '../../src/db/schema.js';
import { freshDatabase } from './db.js';

export const PASSWORD = 'Gz-test-2026!';

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  handle: DbHandle;
  dbUrl: string;
  dataDir: string;
  /** Inserts an org directly (a factory: no policy, no audit). */
  org(parentId: number, level: OrgLevel, code: string, name?: string): Promise<{ id: number; path: string; code: string }>;
  /** Creates an account through the admin service (audited like the CLI). */
  user(role: Role, orgCode: string, username?: string, extra?: { phone?: string }): Promise<{ id: number; username: string }>;
  login(username: string, password?: string): Promise<Session>;
  close(): Promise<void>;
}

export interface Session {
  cookie: string;
  csrf: string;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  del(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

/** A complete app on its own fresh database; requests go through app.inject (the real HTTP pipeline). */
export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const fresh = await freshDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-app-'));
  const config = loadConfig({
    env: 'test', logLevel: 'silent', dataDir, databaseUrl: fresh.url,
    encryptionKey: crypto.randomBytes(32).toString('base64'),
    // Tests log in far more often than people; a rate-limit test overrides this.
    loginRateLimitPerMinute: 100_000, ...overrides,
  });
  const handle = await openDatabase(fresh.url, 5);
  const bus = new ChangeBus();
  const deps: Deps = {
    db: handle.db, config, bus, cipher: createCipher(Buffer.from(config.encryptionKey!, 'base64')),
    databaseKind: inject('pgKind'),
  };
  await bus.listen(handle.pool);
  const app = await buildServer(deps, { logger: false });
  await app.ready();
  let n = 0;

  const t: TestApp = {
    app, deps, handle, dbUrl: fresh.url, dataDir,
    async org(parentId, level, code, name) {
      const parent = await handle.db.selectFrom('org').select(['path']).where('id', '=', parentId).executeTakeFirstOrThrow();
      const id = await insertOrg(handle.db, { parentId, parentPath: parent.path, level, code, name: name ?? `${level}-${code}`, householdsTarget: level === 'grid' ? 500 : null, boundary: null });
      bus.emitLocal('org', 'test');
      return { id, path: `${parent.path}${id}/`, code };
    },
    async user(role, orgCode, username, extra) {
      const name = username ?? `${role}${++n}_${crypto.randomBytes(3).toString('hex')}`;
      const r = await createAccount(systemCtx(deps, 'test'), { username: name, role, orgCode, password: PASSWORD, mustChange: false, phone: extra?.phone });
      return { id: r.id, username: name };
    },
    async login(username, password = PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const c = res.cookies.find((x) => x.name === 'gz_sid');
      return session(app, `gz_sid=${c!.value}`, res.json().csrfToken);
    },
    async close() {
      await app.close();
      await bus.close();
      await handle.close();
      await fresh.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}

export function session(app: FastifyInstance, cookie: string, csrf: string): Session {
  const h = (extra?: Record<string, string>) => ({ cookie, 'x-csrf-token': csrf, ...extra });
  return {
    cookie, csrf,
    get: (url, headers) => app.inject({ method: 'GET', url, headers: { cookie, ...headers } }),
    post: (url, body, headers) => app.inject({ method: 'POST', url, headers: h(headers), ...(body === undefined ? {} : { payload: body as object }) }),
    patch: (url, body, headers) => app.inject({ method: 'PATCH', url, headers: h(headers), payload: body as object }),
    del: (url, headers) => app.inject({ method: 'DELETE', url, headers: h(headers) }),
  };
}

/** Audit rows written since `afterId` (read as owner through the app pool; SELECT is allowed). */
export async function auditSince(t: TestApp, afterId: number) {
  return t.handle.db.selectFrom('audit_log').selectAll().where('id', '>', afterId).orderBy('id').execute();
}

export async function lastAuditId(t: TestApp): Promise<number> {
  const r = await t.handle.db.selectFrom('audit_log').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return r?.id ?? 0;
}
