import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { DataDirLockedError, lockDataDir, startEmbedded } from './embedded.js';

/**
 * The running embedded server's connection (port file + superuser secret), or — when no
 * server holds the data dir — a cluster started for the duration of the backup.
 */
export async function attachEmbedded(config: Config, log: (m: string) => void, purpose = 'backup'): Promise<{ url: string; how: string; release: () => Promise<void> }> {
  const pgDir = path.join(config.dataDir, 'pg');
  if (!fs.existsSync(path.join(pgDir, 'PG_VERSION')))
    throw new Error(`${pgDir} 中没有数据库 / there is no database in ${pgDir} (is GONGZHI_DATA_DIR right?)`);
  const secret = () => fs.readFileSync(path.join(config.dataDir, 'pg-superuser-secret'), 'utf8').trim();
  let unlock: () => void;
  try {
    unlock = lockDataDir(config.dataDir);
  } catch (e) {
    if (!(e instanceof DataDirLockedError)) throw e;
    const portFile = path.join(config.dataDir, 'pg.port');
    if (!fs.existsSync(portFile)) {
      throw new Error(
        `Gongzhi 正在运行，但没有写出数据库端口文件 ${portFile}（旧版本？）；请重启服务后再试。\n` +
          `Gongzhi is running but did not publish its database port in ${portFile} (an older version?); restart it, then try again.`,
      );
    }
    const port = Number(fs.readFileSync(portFile, 'utf8').trim());
    log(`  连接正在运行的服务的数据库 / using the running server's database on 127.0.0.1:${port}`);
    return { url: `postgres://postgres:${encodeURIComponent(secret())}@127.0.0.1:${port}/postgres`, how: 'running server', release: async () => {} };
  }
  log(`  没有运行中的服务，临时启动嵌入式数据库 / no server running: starting the embedded cluster for the ${purpose}`);
  try {
    const cluster = await startEmbedded({ dataDir: config.dataDir, port: config.embeddedPgPort });
    return { url: cluster.url, how: `started for the ${purpose}`, release: async () => { await cluster.stop(); unlock(); } };
  } catch (e) {
    unlock();
    throw e;
  }
}
