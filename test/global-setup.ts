import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbedded, type EmbeddedCluster } from '../src/db/embedded.js';

/**
 * One PostgreSQL per test run: DATABASE_URL when given (CI runs Debian's PostgreSQL 15
 * that way), otherwise a throwaway embedded PostgreSQL 17 on a free 127.0.0.1 port.
 * Each test file then creates its own fresh database on it (test/helpers/db.ts).
 */
let cluster: EmbeddedCluster | null = null;
let dir: string | null = null;

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgKind: 'embedded' | 'external';
  }
}

export async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    project.provide('pgAdminUrl', process.env.DATABASE_URL);
    project.provide('pgKind', 'external');
    return;
  }
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-test-'));
  fs.chmodSync(dir, 0o755);
  cluster = await startEmbedded({ dataDir: dir });
  project.provide('pgAdminUrl', cluster.url);
  project.provide('pgKind', 'embedded');
}

export async function teardown() {
  await cluster?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
