// Builds the web app when dist/web is missing or older than its sources, so
// `npm start` on a fresh clone serves the UI without a separate build step.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.join(root, 'dist/web/index.html');
function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}
const stale = () => {
  const built = fs.existsSync(out) ? fs.statSync(out).mtimeMs : 0;
  return !built || newest(path.join(root, 'web')) > built;
};
if (stale()) {
  // One build at a time when several test runs share a checkout: a lock directory, taken
  // atomically; whoever waited re-checks, since the build they waited for may be enough.
  const lock = path.join(root, 'dist/.web-build.lock');
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try { fs.mkdirSync(lock); break; } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      // A lock older than the deadline was left by a killed build.
      if (Date.now() - fs.statSync(lock).mtimeMs > 10 * 60_000) { fs.rmSync(lock, { recursive: true, force: true }); continue; }
      if (Date.now() > deadline) throw new Error(`waited too long for ${lock}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    if (stale()) {
      console.log('正在构建前端 / building the web app…');
      execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    }
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}
