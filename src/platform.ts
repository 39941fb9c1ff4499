import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from './config.js';
import { startEmbedded, lockDataDir, type EmbeddedCluster } from './db/embedded.js';
import { openDatabase, assertDurable, type DbHandle } from './db/database.js';
import { migrate } from './db/migrate.js';
import { attachEmbedded } from './db/attach.js';
import { createCipher, loadMasterKey } from './core/crypto.js';
import { ChangeBus } from './core/change-bus.js';
import { systemCtx, type Deps } from './core/context.js';
import { buildServer } from './server.js';
import { ensureSystemAdmin } from './modules/accounts/service-admin.js';
import { deleteExpiredSessions } from './modules/accounts/repo.js';
import { startSweeper } from './modules/requests/service-sweep.js';

/**
 * Wires the pieces: database (embedded or external) → migrations → durability check →
 * dependencies. Used by `gongzhi serve` and by every CLI command that needs the DB.
 */
export interface Platform {
  deps: Deps;
  db: DbHandle;
  databaseUrl: string;
  stop(): Promise<void>;
}

export interface OpenOptions {
  /**
   * CLI commands other than `serve` may work on the database of a server that is running
   * on the same data dir (through its published port) instead of refusing.
   */
  attachToRunning?: boolean;
}

export async function openPlatform(config: Config = loadConfig(), log: (m: string) => void = () => {}, opts: OpenOptions = {}): Promise<Platform> {
  let embedded: EmbeddedCluster | null = null;
  let unlock: (() => void) | null = null;
  let url = config.databaseUrl;
  let release: (() => Promise<void>) | null = null;
  if (!url && opts.attachToRunning && fs.existsSync(path.join(config.dataDir, 'pg', 'PG_VERSION'))) {
    const attached = await attachEmbedded(config, log, 'command');
    url = attached.url;
    release = attached.release;
  }
  if (!url) {
    unlock = lockDataDir(config.dataDir);
    try {
      embedded = await startEmbedded({ dataDir: config.dataDir, port: config.embeddedPgPort });
    } catch (e) {
      unlock();
      throw e;
    }
    url = embedded.url;
  }
  const stopDb = async () => {
    await release?.();
    await embedded?.stop();
    unlock?.();
  };
  try {
    for (const m of await migrate(url)) log(m);
    const db = await openDatabase(url);
    await assertDurable(db.db).catch(async (e) => { await db.close(); throw e; });
    const bus = new ChangeBus();
    const deps: Deps = {
      db: db.db, config, bus,
      cipher: createCipher(loadMasterKey(config.dataDir, config.encryptionKey)),
      databaseKind: config.databaseUrl ? 'external' : 'embedded',
    };
    return {
      deps, db, databaseUrl: url,
      stop: async () => {
        await bus.close();
        await db.close();
        await stopDb();
      },
    };
  } catch (e) {
    await stopDb();
    throw e;
  }
}

export interface Running { app: FastifyInstance; platform: Platform; url: string; stop(): Promise<void> }

export async function serve(config: Config = loadConfig(), print: (m: string) => void = console.log): Promise<Running> {
  const platform = await openPlatform(config, print);
  try {
    await ensureSystemAdmin(systemCtx(platform.deps, 'bootstrap'), print);
    const app = await buildServer(platform.deps);
    await platform.deps.bus.listen(platform.db.pool);
    const sweep = setInterval(() => {
      deleteExpiredSessions(platform.deps.db, config.session.idleMinutes).catch(() => {});
    }, 10 * 60_000);
    sweep.unref();
    const stopClock = startSweeper(platform.deps, config.requests.sweepSeconds, (e) => app.log.error({ err: e }, 'request sweep failed'));
    const address = await app.listen({ port: config.port, host: config.host });
    let stopping: Promise<void> | null = null;
    return {
      app, platform, url: address,
      stop: () => (stopping ??= (async () => {
        clearInterval(sweep);
        stopClock();
        // Connections busy when closing began stay open (keep-alive, 72 s) after their answer;
        // close each one as soon as it goes idle so stopping does not wait for the client.
        const reap = setInterval(() => app.server.closeIdleConnections(), 50);
        await app.close().finally(() => clearInterval(reap));
        await platform.stop();
      })()),
    };
  } catch (e) {
    await platform.stop();
    throw e;
  }
}
