import type { Platform } from '../platform.js';

/** Prints an error (Chinese and English where the error carries both) and exits non-zero. */
export function fail(e: unknown): never {
  const m = e as { msg?: { zh: string; en: string } };
  console.error(m?.msg ? `${m.msg.zh} / ${m.msg.en}` : e instanceof Error ? e.message : String(e));
  process.exit(1);
}

/**
 * Runs a CLI command against the platform (a running server's database when there is
 * one) and always closes it again; an error is printed and ends the process non-zero.
 */
export async function withPlatform<T>(fn: (p: Platform) => Promise<T>): Promise<T> {
  const { openPlatform } = await import('../platform.js');
  const p = await openPlatform(undefined, console.log, { attachToRunning: true }).catch(fail);
  let result: T;
  try {
    result = await fn(p);
  } catch (e) {
    await p.stop().catch(() => {});
    return fail(e);
  }
  await p.stop();
  return result;
}
